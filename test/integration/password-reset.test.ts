import { describe, expect, it } from "vitest";
import { action as forgotAction } from "../../app/routes/forgot-password";
import { action as loginAction } from "../../app/routes/login";
import { action as inviteAction } from "../../app/routes/invite.$token";
import {
  action as resetAction,
  loader as resetLoader,
} from "../../app/routes/reset-password.$token";
import { action as settingsAction } from "../../app/routes/settings";
import { PASSWORD_RESET_LIMITS } from "../../app/commands/password-reset.server";
import { db } from "../../app/utils/db.server";
import { verifyPassword } from "../../app/utils/password.server";
import { hashToken, newToken } from "../../app/utils/session.server";
import { createAccount, createSessionCookie, createUser, TEST_PASSWORD } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

const NEW_PASSWORD = "lantern orchard 42 quietly";
let ipCounter = 0;
const freshIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

async function askForLink(email: string, ip = freshIp(), extra: Record<string, string> = {}) {
  return runAction(
    forgotAction,
    formRequest("/forgot-password", { email, ...extra }, { "Accept-Language": "en" }),
    { clientIp: ip },
  );
}

/** The link from the newest reset e-mail to the address. */
async function linkTokenFor(email: string): Promise<string> {
  const mail = await db.emailOutbox.findFirstOrThrow({
    where: { to: email, kind: "password_reset" },
    orderBy: { createdAt: "desc" },
  });
  const match = /\/reset-password\/([\w-]+)/.exec(mail.text);
  expect(match, mail.text).not.toBeNull();
  return match![1]!;
}

function submitNew(token: string, password = NEW_PASSWORD, ip = freshIp(), extra = {}) {
  return runAction(
    resetAction,
    formRequest(`/reset-password/${token}`, { password, confirmPassword: password, ...extra }),
    { clientIp: ip },
    { token },
  );
}

describe("password reset", () => {
  it("e-mails a single-use link; using it sets the password, signs out everywhere and signs in", async () => {
    const user = await createUser();
    const old = await createSessionCookie(user.id);
    const res = await askForLink(user.email);
    expect(res.status).toBe(200);
    expect((await res.json()).sent).toBe(true);
    const token = await linkTokenFor(user.email);
    // Only the hash is stored.
    expect(await db.passwordReset.count({ where: { tokenHash: token } })).toBe(0);

    expect(
      (await runLoader(resetLoader, getRequest(`/reset-password/${token}`), { token })).status,
    ).toBe(200);
    const done = await submitNew(token);
    expect(done.status).toBe(302);
    expect(done.headers.get("Set-Cookie")).toMatch(/__portal_session=/);
    const hash = (await db.password.findUniqueOrThrow({ where: { userId: user.id } })).hash;
    expect(await verifyPassword(NEW_PASSWORD, hash)).toBe(true);
    expect(
      (await db.session.findUniqueOrThrow({ where: { id: old.session.id } })).revokedAt,
    ).not.toBeNull();
    const actions = (await db.auditLog.findMany({ where: { actorId: user.id } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset"]),
    );

    // Used once: the same link now answers 410 and changes nothing.
    const again = await submitNew(token, "another fine passphrase");
    expect(again.status).toBe(410);
    expect(
      (await runLoader(resetLoader, getRequest(`/reset-password/${token}`), { token })).status,
    ).toBe(410);
    expect(
      await verifyPassword(
        NEW_PASSWORD,
        (await db.password.findUniqueOrThrow({ where: { userId: user.id } })).hash,
      ),
    ).toBe(true);
  });

  it("answers an unknown address exactly like a known one and sends nothing", async () => {
    const known = await createUser();
    const a = await askForLink(known.email);
    const b = await askForLink("nobody-here@example.test");
    expect(b.status).toBe(a.status);
    expect(await b.json()).toEqual(await a.json());
    expect(await db.emailOutbox.count({ where: { to: "nobody-here@example.test" } })).toBe(0);
  });

  it("refuses an expired link, a made-up one, a common password and a short one", async () => {
    const user = await createUser();
    const token = newToken();
    await db.passwordReset.create({
      data: {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() - 1000),
      },
    });
    expect((await submitNew(token)).status).toBe(410);
    expect((await submitNew("made-up-token")).status).toBe(410);

    await askForLink(user.email);
    const live = await linkTokenFor(user.email);
    const common = await submitNew(live, "password123");
    expect(common.status).toBe(400);
    expect((await common.json()).result.error.password[0]).toMatch(/most common/);
    const short = await submitNew(live, "short");
    expect(short.status).toBe(400);
    const long = await submitNew(live, "x".repeat(129));
    expect(long.status).toBe(400);
    // None of those used the link up, and the old password still works.
    expect(
      await verifyPassword(
        TEST_PASSWORD,
        (await db.password.findUniqueOrThrow({ where: { userId: user.id } })).hash,
      ),
    ).toBe(true);
    expect((await submitNew(live)).status).toBe(302);
  });

  it("limits links per address and per IP with 429 and Retry-After", async () => {
    const user = await createUser();
    for (let i = 0; i < PASSWORD_RESET_LIMITS.perEmail.limit; i++) {
      expect((await askForLink(user.email)).status).toBe(200);
    }
    const refused = await askForLink(user.email);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await db.emailOutbox.count({ where: { to: user.email } })).toBe(
      PASSWORD_RESET_LIMITS.perEmail.limit,
    );

    const ip = freshIp();
    for (let i = 0; i < PASSWORD_RESET_LIMITS.perIp.limit; i++) {
      expect((await askForLink(`probe-${i}@example.test`, ip)).status).toBe(200);
    }
    expect((await askForLink("probe-last@example.test", ip)).status).toBe(429);
  });

  it("sends nothing when the honeypot is filled, yet answers the same", async () => {
    const user = await createUser();
    const res = await askForLink(user.email, freshIp(), { website: "http://spam.example" });
    expect(res.status).toBe(200);
    expect((await res.json()).sent).toBe(true);
    expect(await db.emailOutbox.count({ where: { to: user.email } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "auth.honeypot" } })).toBeGreaterThan(0);
  });
});

describe("honeypot and common passwords on the other forms", () => {
  it("a filled honeypot on the login form is a failed sign-in, even with the right password", async () => {
    const user = await createUser();
    const res = await runAction(
      loginAction,
      formRequest("/login", { email: user.email, password: TEST_PASSWORD, website: "x" }),
      { clientIp: freshIp() },
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("an invitation cannot be accepted with a common password", async () => {
    const account = await createAccount();
    const token = newToken();
    await db.invitation.create({
      data: {
        accountId: account.id,
        email: "common-pw@example.test",
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const res = await runAction(
      inviteAction,
      formRequest(`/invite/${token}`, {
        name: "Kim",
        password: "iloveyou1",
        confirmPassword: "iloveyou1",
      }),
      {},
      { token },
    );
    expect(res.status).toBe(400);
    expect(await db.user.count({ where: { email: "common-pw@example.test" } })).toBe(0);
  });

  it("the password change refuses a common password", async () => {
    const user = await createUser();
    const { cookie } = await createSessionCookie(user.id);
    const res = await runAction(
      settingsAction,
      formRequest(
        "/settings",
        {
          intent: "password",
          currentPassword: TEST_PASSWORD,
          newPassword: "qwertyuiop",
          confirmPassword: "qwertyuiop",
        },
        { Cookie: cookie },
      ),
    );
    expect(res.status).toBe(400);
    expect(
      await verifyPassword(
        TEST_PASSWORD,
        (await db.password.findUniqueOrThrow({ where: { userId: user.id } })).hash,
      ),
    ).toBe(true);
  });
});
