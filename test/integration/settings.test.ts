import { describe, expect, it } from "vitest";
import { action as settingsAction } from "../../app/routes/settings";
import { action as localeAction } from "../../app/routes/locale";
import { db } from "../../app/utils/db.server";
import { verifyPassword } from "../../app/utils/password.server";
import { createSessionCookie, createUser, TEST_PASSWORD } from "../factories";
import { formRequest, runAction } from "../helpers";

async function signedIn(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides);
  const { cookie, session } = await createSessionCookie(user.id);
  return { user, cookie, session };
}

function post(cookie: string, fields: Record<string, string>) {
  return runAction(settingsAction, formRequest("/settings", fields, { Cookie: cookie }));
}

describe("profile", () => {
  it("changes name and language", async () => {
    const { user, cookie } = await signedIn({ name: "Old Name" });
    const res = await post(cookie, { intent: "profile", name: "  山田 花子 ", locale: "ja" });
    expect(res.status).toBe(200);
    // The answer is already in the language just chosen.
    expect((await res.json()).notice).toBe("プロフィールを保存しました。");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.name).toBe("山田 花子");
    expect(row.locale).toBe("ja");
    await post(cookie, { intent: "profile", name: "山田 花子", locale: "auto" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
  });

  it("rejects an empty name or an unknown language and keeps the stored profile", async () => {
    const { user, cookie } = await signedIn({ name: "Keep Me", locale: "en" });
    const res = await post(cookie, { intent: "profile", name: "   ", locale: "fr" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error.name).toEqual(["This field is required."]);
    expect(body.result.error.locale).toEqual(["Choose one of the options."]);
    const tooLong = await post(cookie, { intent: "profile", name: "x".repeat(101), locale: "en" });
    expect(tooLong.status).toBe(400);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ name: "Keep Me", locale: "en" });
  });

  it("needs a signed-in user", async () => {
    const res = await runAction(
      settingsAction,
      formRequest("/settings", { intent: "profile", name: "x", locale: "en" }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("password change", () => {
  it("needs the current password, changes the hash and signs out other sessions", async () => {
    const { user, cookie, session } = await signedIn();
    const other = await createSessionCookie(user.id);
    const res = await post(cookie, {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(res.status).toBe(200);
    const pw = await db.password.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await verifyPassword("a brand new passphrase", pw.hash)).toBe(true);
    expect(
      (await db.session.findUniqueOrThrow({ where: { id: other.session.id } })).revokedAt,
    ).not.toBeNull();
    expect(
      (await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt,
    ).toBeNull();
  });

  it("keeps the old password when the current one is wrong, the new one is short, or they differ", async () => {
    const { user, cookie } = await signedIn();
    const before = (await db.password.findUniqueOrThrow({ where: { userId: user.id } })).hash;
    const wrong = await post(cookie, {
      intent: "password",
      currentPassword: "wrong-current",
      newPassword: "long enough password",
      confirmPassword: "long enough password",
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).result.error.currentPassword).toEqual([
      "The current password is incorrect.",
    ]);
    const short = await post(cookie, {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
      confirmPassword: "short",
    });
    expect((await short.json()).result.error.newPassword).toEqual(["Use at least 8 characters."]);
    const mismatch = await post(cookie, {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword: "long enough password",
      confirmPassword: "long enough passwort",
    });
    const body = await mismatch.json();
    expect(body.result.error.confirmPassword).toEqual(["The passwords do not match."]);
    // Passwords are never sent back.
    expect(JSON.stringify(body)).not.toContain("long enough");
    expect((await db.password.findUniqueOrThrow({ where: { userId: user.id } })).hash).toBe(before);
  });
});

describe("sessions and language switch", () => {
  it("signs out everywhere else", async () => {
    const { user, cookie, session } = await signedIn();
    await createSessionCookie(user.id);
    await createSessionCookie(user.id);
    const res = await post(cookie, { intent: "sessions" });
    expect((await res.json()).notice).toBe("Signed out of 2 other sessions.");
    const live = await db.session.findMany({ where: { userId: user.id, revokedAt: null } });
    expect(live.map((s) => s.id)).toEqual([session.id]);
  });

  it("stores the switched language in the profile and refuses unknown languages", async () => {
    const { user, cookie } = await signedIn({ locale: null });
    const res = await runAction(
      localeAction,
      formRequest("/locale", { locale: "ja", redirectTo: "/kb" }, { Cookie: cookie }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/kb");
    expect(res.headers.get("Set-Cookie")).toMatch(/portal_locale=/);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("ja");
    const bad = await runAction(
      localeAction,
      formRequest("/locale", { locale: "xx" }, { Cookie: cookie }),
    );
    expect(bad.status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("ja");
  });
});
