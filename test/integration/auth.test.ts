import { describe, expect, it } from "vitest";
import { action as loginAction } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { db } from "../../app/utils/db.server";
import { getSessionUser, SESSION_IDLE_TIMEOUT_MS } from "../../app/utils/session.server";
import { SIGN_IN_LIMITS } from "../../app/utils/rate-limit.server";
import { createSessionCookie, createUser, TEST_PASSWORD } from "../factories";
import { formRequest, runAction } from "../helpers";

function login(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return runAction(loginAction, formRequest("/login", fields, headers), {
    clientIp: "203.0.113.7",
  });
}

describe("sign-in", () => {
  it("signs in with the right password, stores a session and redirects", async () => {
    const user = await createUser({ email: "ana@example.test" });
    const res = await login({
      email: "ANA@example.test ",
      password: TEST_PASSWORD,
      redirectTo: "/kb",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/kb");
    const setCookie = res.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/__portal_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const sessionUser = await getSessionUser(
      new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } }),
    );
    expect(sessionUser?.id).toBe(user.id);
    const stored = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    // Only a hash of the cookie's token is stored.
    expect(setCookie).not.toContain(stored.tokenHash);
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    await createUser({ email: "ben@example.test" });
    const wrong = await login({ email: "ben@example.test", password: "not the password" });
    const unknown = await login({ email: "nobody@example.test", password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a.result.error[""]).toEqual(["The e-mail or password is incorrect."]);
    expect(b.result.error).toEqual(a.result.error);
    // The password is never echoed back into the form.
    expect(JSON.stringify(a)).not.toContain("not the password");
  });

  it("answers invalid fields with field messages in the user's language and keeps the e-mail", async () => {
    const res = await login({ email: "not-an-email", password: "" }, { "Accept-Language": "ja" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error.email).toEqual(["有効なメールアドレスを入力してください。"]);
    expect(body.result.error.password).toEqual(["入力してください。"]);
    expect(body.result.initialValue.email).toBe("not-an-email");
  });

  it("slows repeated failures for one e-mail with 429 and Retry-After, even with the right password", async () => {
    await createUser({ email: "cara@example.test" });
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail.limit; i++) {
      expect((await login({ email: "cara@example.test", password: "wrong-password" })).status).toBe(
        401,
      );
    }
    const blocked = await login({ email: "cara@example.test", password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    const cara = await db.user.findUniqueOrThrow({ where: { email: "cara@example.test" } });
    expect(await db.session.count({ where: { userId: cara.id } })).toBe(0);
  });

  it("rotates the session: the session the browser had before signing in is revoked", async () => {
    const user = await createUser({ email: "dan@example.test" });
    const { cookie, session } = await createSessionCookie(user.id);
    const res = await login(
      { email: "dan@example.test", password: TEST_PASSWORD },
      { Cookie: cookie },
    );
    expect(res.status).toBe(302);
    const old = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(old.revokedAt).not.toBeNull();
    expect(res.headers.get("Set-Cookie")?.split(";")[0]).not.toBe(cookie);
  });

  it("refuses to redirect to another site after sign-in", async () => {
    await createUser({ email: "eve@example.test" });
    const res = await login({
      email: "eve@example.test",
      password: TEST_PASSWORD,
      redirectTo: "//evil.example",
    });
    expect(res.headers.get("Location")).toBe("/");
  });
});

describe("sign-out and expiry", () => {
  it("revokes the session at sign-out", async () => {
    const user = await createUser();
    const { cookie, session } = await createSessionCookie(user.id);
    const res = await runAction(logoutAction, formRequest("/logout", {}, { Cookie: cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0/i);
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(
      await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } })),
    ).toBeNull();
  });

  it("ends a session that was idle too long", async () => {
    const user = await createUser();
    const idleSince = new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS - 1000);
    const { cookie } = await createSessionCookie(user.id, { lastUsedAt: idleSince });
    expect(
      await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } })),
    ).toBeNull();
  });

  it("ends a session past its absolute expiry even when it was used recently", async () => {
    const user = await createUser();
    const { cookie } = await createSessionCookie(user.id, {
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(
      await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } })),
    ).toBeNull();
  });

  it("keeps a live session and refreshes its last use", async () => {
    const user = await createUser();
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    const { cookie, session } = await createSessionCookie(user.id, { lastUsedAt: hourAgo });
    const found = await getSessionUser(
      new Request("http://localhost/", { headers: { Cookie: cookie } }),
    );
    expect(found?.id).toBe(user.id);
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.lastUsedAt.getTime()).toBeGreaterThan(hourAgo.getTime());
  });
});
