import { describe, expect, it } from "vitest";
import { hashApiKey } from "../../app/models/api-key.server";
import { EVENT_TYPES_KEY, getEventTypeSettings } from "../../app/models/event-types.server";
import { action, loader } from "../../app/routes/admin.integrations";
import { db } from "../../app/utils/db.server";
import { createApiKey, createSessionCookie, createUser } from "../factories";
import { getRequest, runAction, runLoader } from "../helpers";

const PATH = "/admin/integrations";

async function signedIn(role: "admin" | "cs" | "member" | "account_admin") {
  const user = await createUser({ role });
  const { cookie } = await createSessionCookie(user.id);
  return { user, cookie };
}

const post = (cookie: string, fields: Record<string, string>, scopes: string[] = []) => {
  const body = new URLSearchParams(fields);
  for (const scope of scopes) body.append("scopes", scope);
  return runAction(
    action,
    new Request(`http://localhost${PATH}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    }),
  );
};

describe("API keys in the console", () => {
  it("lets an admin create a key, shows it once and stores only its hash", async () => {
    const { user, cookie } = await signedIn("admin");
    const res = await post(cookie, { intent: "create", name: "Production app" }, [
      "events:write",
      "health:read",
    ]);
    expect(res.status).toBe(200);
    const { created } = await res.json();
    expect(created.name).toBe("Production app");
    expect(created.key).toMatch(/^csp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);

    const row = await db.apiKey.findFirstOrThrow({ where: { name: "Production app" } });
    expect(row.secretHash).toBe(hashApiKey(created.key));
    expect(created.key.startsWith(`csp_${row.prefix}_`)).toBe(true);
    expect(JSON.parse(row.scopes)).toEqual(["events:write", "health:read"]);
    expect(row.createdById).toBe(user.id);
    const log = await db.auditLog.findFirstOrThrow({
      where: { action: "api_key.created", targetId: row.id },
    });
    expect(log.actorId).toBe(user.id);
    expect(log.data).not.toContain(created.key);

    // The page never shows the secret again.
    const page = await runLoader(loader, getRequest(PATH, { Cookie: cookie }));
    const text = await page.text();
    expect(text).toContain("Production app");
    expect(text).toContain(row.prefix);
    expect(text).not.toContain(created.key);
  });

  it("rejects a key without a name or scope and stores nothing", async () => {
    const { cookie } = await signedIn("admin");
    const before = await db.apiKey.count();
    const res = await post(cookie, { intent: "create", name: "  " });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error.name).toEqual(["This field is required."]);
    expect(body.result.error.scopes).toEqual(["Choose at least one scope."]);
    const bad = await post(cookie, { intent: "create", name: "x" }, ["admin:all"]);
    expect(bad.status).toBe(400);
    expect(await db.apiKey.count()).toBe(before);
  });

  it("lets an admin revoke a key after confirmation and audits it", async () => {
    const { user, cookie } = await signedIn("admin");
    const key = await createApiKey({ name: "Old integration" });
    const confirm = await runLoader(
      loader,
      getRequest(`${PATH}?revoke=${key.id}`, { Cookie: cookie }),
    );
    expect((await confirm.json()).confirmRevoke).toMatchObject({ id: key.id });
    const res = await post(cookie, { intent: "revoke", id: key.id });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${PATH}?revoked=${key.id}`);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(row.revokedById).toBe(user.id);
    expect(
      await db.auditLog.count({ where: { action: "api_key.revoked", targetId: key.id } }),
    ).toBe(1);
    const unknown = await post(cookie, { intent: "revoke", id: "no-such-key" });
    expect(unknown.status).toBe(404);
  });

  it("shows CS the list read-only and refuses their changes", async () => {
    const { cookie } = await signedIn("cs");
    const key = await createApiKey({ name: "Visible to CS" });
    const page = await runLoader(loader, getRequest(PATH, { Cookie: cookie }));
    expect(page.status).toBe(200);
    const data = await page.json();
    expect(data.canManage).toBe(false);
    expect(data.keys.map((k: { name: string }) => k.name)).toContain("Visible to CS");
    const before = await db.apiKey.count();
    expect((await post(cookie, { intent: "create", name: "Mine" }, ["events:write"])).status).toBe(
      403,
    );
    expect(await db.apiKey.count()).toBe(before);
    expect((await post(cookie, { intent: "revoke", id: key.id })).status).toBe(403);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
    expect((await post(cookie, { intent: "types", known: "a" })).status).toBe(403);
  });

  it("keeps customers out", async () => {
    for (const role of ["member", "account_admin"] as const) {
      const { cookie } = await signedIn(role);
      expect((await runLoader(loader, getRequest(PATH, { Cookie: cookie }))).status).toBe(403);
      const res = await post(cookie, { intent: "create", name: "x" }, ["events:write"]);
      expect(res.status).toBe(403);
    }
    const anonymous = await runLoader(loader, getRequest(PATH));
    expect(anonymous.status).toBe(302);
  });
});

describe("event types in the console", () => {
  it("saves strict mode with the product's types, normalized", async () => {
    await db.setting.deleteMany({ where: { key: EVENT_TYPES_KEY } });
    const { cookie } = await signedIn("admin");
    const res = await post(cookie, {
      intent: "types",
      strict: "on",
      known: "report.created\r\nReport.Created\n\n  user.invited  ",
    });
    expect(res.status).toBe(200);
    expect(await getEventTypeSettings()).toEqual({
      strict: true,
      known: ["report.created", "user.invited"],
    });
    expect(await db.auditLog.count({ where: { action: "event_types.updated" } })).toBeGreaterThan(
      0,
    );
  });

  it("rejects invalid or reserved types and strict mode without types, keeping the setting", async () => {
    await db.setting.deleteMany({ where: { key: EVENT_TYPES_KEY } });
    const { cookie } = await signedIn("admin");
    const bad = await post(cookie, {
      intent: "types",
      known: "ok.type\nbad type\nportal.signed_in",
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).result.error.known).toEqual([
      "“bad type” is not a valid event type.",
      "“portal.signed_in” starts with “portal.”, which is kept for the portal's own events.",
    ]);
    const empty = await post(cookie, { intent: "types", strict: "on", known: "" });
    expect(empty.status).toBe(400);
    expect((await empty.json()).result.error.known).toEqual([
      "List at least one event type before turning strict mode on.",
    ]);
    expect(await getEventTypeSettings()).toEqual({ strict: false, known: [] });
  });
});
