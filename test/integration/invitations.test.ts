import { describe, expect, it } from "vitest";
import { action as accountAction, loader as accountLoader } from "../../app/routes/accounts.$id";
import { action as acceptAction, loader as acceptLoader } from "../../app/routes/invite.$token";
import { db } from "../../app/utils/db.server";
import { verifyPassword } from "../../app/utils/password.server";
import { getSessionUser } from "../../app/utils/session.server";
import { createAccount, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

async function accountAdmin(seats = 10) {
  const account = await createAccount({ seats, name: "さくら物流" });
  const admin = await createUser({ role: "account_admin", accountId: account.id, name: "Aiko" });
  const { cookie } = await createSessionCookie(admin.id);
  return { account, admin, cookie };
}

function invite(accountId: string, cookie: string, fields: Record<string, string>) {
  return runAction(
    accountAction,
    formRequest(`/accounts/${accountId}`, { intent: "invite", ...fields }, { Cookie: cookie }),
    {},
    { id: accountId },
  );
}

function tokenFromOutbox(text: string) {
  const match = text.match(/\/invite\/([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error("no invitation link in e-mail");
  return match[1];
}

describe("invitations", () => {
  it("an account admin invites a colleague: the e-mail is queued with a working link", async () => {
    const { account, cookie } = await accountAdmin();
    const res = await invite(account.id, cookie, { email: "Kenji@Sakura.example", role: "member" });
    expect(res.status).toBe(200);
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: "kenji@sakura.example" } });
    expect(mail.kind).toBe("invitation");
    expect(mail.subject).toContain("さくら物流");
    const token = tokenFromOutbox(mail.text);
    // The stored row holds only the token's hash.
    const stored = await db.invitation.findFirstOrThrow({
      where: { email: "kenji@sakura.example" },
    });
    expect(stored.tokenHash).not.toBe(token);

    const page = await runLoader(acceptLoader, getRequest(`/invite/${token}`), { token });
    expect(page.status).toBe(200);
    expect((await page.json()).invitation.accountName).toBe("さくら物流");

    const accepted = await runAction(
      acceptAction,
      formRequest(`/invite/${token}`, {
        name: "Kenji",
        password: "a long new password",
        confirmPassword: "a long new password",
      }),
      {},
      { token },
    );
    expect(accepted.status).toBe(302);
    const newUser = await db.user.findUniqueOrThrow({
      where: { email: "kenji@sakura.example" },
      include: { password: true },
    });
    expect(newUser.accountId).toBe(account.id);
    expect(newUser.role).toBe("member");
    expect(await verifyPassword("a long new password", newUser.password!.hash)).toBe(true);
    const sessionUser = await getSessionUser(
      getRequest("/", { Cookie: accepted.headers.get("Set-Cookie")!.split(";")[0]! }),
    );
    expect(sessionUser?.id).toBe(newUser.id);

    // The link works once only.
    const again = await runAction(
      acceptAction,
      formRequest(`/invite/${token}`, {
        name: "Mallory",
        password: "another password",
        confirmPassword: "another password",
      }),
      {},
      { token },
    );
    expect(again.status).toBe(410);
    expect(await db.user.count({ where: { email: "kenji@sakura.example" } })).toBe(1);
  });

  it("rejects bad invitation input with field messages and stores nothing", async () => {
    const { account, cookie } = await accountAdmin();
    const bad = await invite(account.id, cookie, { email: "not an email", role: "admin" });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.result.error.email).toEqual(["Enter a valid e-mail address."]);
    expect(body.result.error.role).toEqual(["Choose one of the options."]);
    expect(await db.invitation.count({ where: { accountId: account.id } })).toBe(0);
    expect(await db.emailOutbox.count({ where: { to: "not an email" } })).toBe(0);
  });

  it("does not invite someone who already has a login, nor beyond the seats", async () => {
    const { account, cookie } = await accountAdmin(2);
    const existing = await createUser({ email: "taken@example.test" });
    const dup = await invite(account.id, cookie, { email: existing.email, role: "member" });
    expect(dup.status).toBe(422);
    expect((await dup.json()).result.error.email).toEqual(["This person already has a login."]);

    expect(
      (await invite(account.id, cookie, { email: "one@example.test", role: "member" })).status,
    ).toBe(200);
    const full = await invite(account.id, cookie, { email: "two@example.test", role: "member" });
    expect(full.status).toBe(422);
    // Re-sending to a pending address replaces the invitation instead of taking another seat.
    expect(
      (await invite(account.id, cookie, { email: "one@example.test", role: "member" })).status,
    ).toBe(200);
    const pending = await db.invitation.findMany({
      where: { accountId: account.id, acceptedAt: null, revokedAt: null },
    });
    expect(pending.map((p) => p.email)).toEqual(["one@example.test"]);
  });

  it("a plain member cannot invite, and an admin of another account gets 404", async () => {
    const { account } = await accountAdmin();
    const member = await createUser({ role: "member", accountId: account.id });
    const memberCookie = (await createSessionCookie(member.id)).cookie;
    expect(
      (await invite(account.id, memberCookie, { email: "x@example.test", role: "member" })).status,
    ).toBe(403);

    const other = await accountAdmin();
    expect(
      (await invite(account.id, other.cookie, { email: "y@example.test", role: "member" })).status,
    ).toBe(404);
    expect(await db.invitation.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("an expired or revoked invitation cannot be used", async () => {
    const { account, cookie } = await accountAdmin();
    await invite(account.id, cookie, { email: "late@example.test", role: "member" });
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: "late@example.test" } });
    const token = tokenFromOutbox(mail.text);
    await db.invitation.updateMany({
      where: { email: "late@example.test" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await runLoader(acceptLoader, getRequest(`/invite/${token}`), { token })).status).toBe(
      404,
    );

    await invite(account.id, cookie, { email: "gone@example.test", role: "member" });
    const gone = await db.invitation.findFirstOrThrow({ where: { email: "gone@example.test" } });
    const revoke = await runAction(
      accountAction,
      formRequest(
        `/accounts/${account.id}`,
        { intent: "revoke", invitationId: gone.id },
        { Cookie: cookie },
      ),
      {},
      { id: account.id },
    );
    expect(revoke.status).toBe(200);
    const goneToken = tokenFromOutbox(
      (await db.emailOutbox.findFirstOrThrow({ where: { to: "gone@example.test" } })).text,
    );
    const res = await runAction(
      acceptAction,
      formRequest(`/invite/${goneToken}`, {
        name: "G",
        password: "long enough pw",
        confirmPassword: "long enough pw",
      }),
      {},
      { token: goneToken },
    );
    expect(res.status).toBe(410);
    expect(await db.user.count({ where: { email: "gone@example.test" } })).toBe(0);
  });
});

describe("account pages are scoped to the account", () => {
  it("a member sees their own account and gets 404 for another account's page", async () => {
    const a = await createAccount({ name: "Account A" });
    const b = await createAccount({ name: "Account B" });
    const member = await createUser({ role: "member", accountId: a.id });
    const { cookie } = await createSessionCookie(member.id);
    const own = await runLoader(
      accountLoader,
      getRequest(`/accounts/${a.id}`, { Cookie: cookie }),
      { id: a.id },
    );
    expect(own.status).toBe(200);
    const body = await own.json();
    expect(body.account.name).toBe("Account A");
    // Members see the account, not the team's e-mail addresses.
    expect(body.members).toEqual([]);
    const other = await runLoader(
      accountLoader,
      getRequest(`/accounts/${b.id}`, { Cookie: cookie }),
      { id: b.id },
    );
    expect(other.status).toBe(404);
    const missing = await runLoader(
      accountLoader,
      getRequest(`/accounts/nope`, { Cookie: cookie }),
      { id: "nope" },
    );
    expect(missing.status).toBe(404);
  });

  it("staff can open any account page; anonymous visitors are sent to sign in", async () => {
    const account = await createAccount();
    const cs = await createUser({ role: "cs" });
    const { cookie } = await createSessionCookie(cs.id);
    const res = await runLoader(
      accountLoader,
      getRequest(`/accounts/${account.id}`, { Cookie: cookie }),
      { id: account.id },
    );
    expect(res.status).toBe(200);
    const anon = await runLoader(accountLoader, getRequest(`/accounts/${account.id}`), {
      id: account.id,
    });
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/accounts/${account.id}`)}`,
    );
  });
});
