import { describe, expect, it } from "vitest";
import { recomputeHealth } from "../../app/commands/recompute-health.server";
import { DEFAULT_MODEL } from "../../app/health/model";
import { loader as exportLoader } from "../../app/routes/admin.accounts.export[.]csv";
import { action, loader } from "../../app/routes/admin.health";
import { loader as apiLoader } from "../../app/routes/api.v1.accounts.$externalId.health";
import { revokeApiKey } from "../../app/models/api-key.server";
import { healthModelFor } from "../../app/models/health.server";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createApiKey,
  createEvents,
  createSessionCookie,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader, TEST_ORIGIN } from "../helpers";

async function signedIn(role: "admin" | "cs" | "member" | "account_admin") {
  const account = role === "member" || role === "account_admin" ? await createAccount() : null;
  const user = await createUser({ role, accountId: account?.id ?? null });
  const { cookie } = await createSessionCookie(user.id);
  return { user, cookie };
}

/** The default model's form as the page renders it, with changes. */
function modelForm(
  weights: Record<string, string> = {},
  extra: Record<string, string> = {},
): Record<string, string> {
  const fields: Record<string, string> = { yellowFrom: "50", greenFrom: "76" };
  DEFAULT_MODEL.components.forEach((c, i) => {
    fields[`c${i}.key`] = c.key;
    fields[`c${i}.kind`] = c.kind;
    fields[`c${i}.weight`] = weights[c.key] ?? String(c.weight);
  });
  return { ...fields, ...extra };
}

const postHealth = (cookie: string, fields: Record<string, string>, query = "") =>
  runAction(
    action,
    formRequest(`/admin/health${query}`, fields, { Cookie: cookie, Origin: TEST_ORIGIN }),
  );

const soon = (minutes = 1) => new Date(Date.now() + minutes * 60_000);

describe("/admin/health", () => {
  it("is 404 for customers, readable by CS, and only admins save", async () => {
    for (const role of ["member", "account_admin"] as const) {
      const { cookie } = await signedIn(role);
      const page = await runLoader(loader, getRequest("/admin/health", { Cookie: cookie }));
      expect(page.status).toBe(404);
      const post = await postHealth(cookie, { ...modelForm(), intent: "save" });
      expect(post.status).toBe(404);
    }
    const cs = await signedIn("cs");
    const page = await runLoader(loader, getRequest("/admin/health", { Cookie: cs.cookie }));
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ canEdit: false, model: DEFAULT_MODEL });
    const save = await postHealth(cs.cookie, { ...modelForm(), intent: "save" });
    expect(save.status).toBe(403);
  });

  it("refuses weights that do not add up to 100 and overlapping bands, storing nothing", async () => {
    const { cookie } = await signedIn("admin");
    const audits = await db.auditLog.count();
    const bad = await postHealth(cookie, {
      ...modelForm({ usage: "50" }, { yellowFrom: "80", greenFrom: "70" }),
      intent: "save",
    });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.errors).toEqual([
      { path: "weights", code: "weightsSum", params: { sum: 110, total: 100 } },
      { path: "bands.greenFrom", code: "bandsOrder", params: { yellowFrom: 80, greenFrom: 70 } },
    ]);
    expect(await db.healthModel.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(audits);
    const tampered = await postHealth(cookie, {
      ...modelForm(),
      "c0.kind": "magic",
      intent: "save",
    });
    expect(tampered.status).toBe(400);
    expect(await db.healthModel.count()).toBe(0);
  });

  it("previews a weight change from stored scores without writing, then saves it audited", async () => {
    const { cookie, user } = await signedIn("admin");
    // Usage 100 (5 of 5 seats, 125 product events), onboarding 100, self-service 50, community 0:
    // default (4000 + 2000 + 1000 + 0) / 100 = 70 (yellow); 70/10/10/10 gives 85 (green).
    const account = await createAccount({ seats: 5, arr: 100_000, name: "Preview Co" });
    const members = await Promise.all(
      Array.from({ length: 5 }, () => createUser({ accountId: account.id })),
    );
    await createEvents(
      account.id,
      members.map((m) => ({ type: "report.created", userId: m.id, count: 25 })),
    );
    await recomputeHealth({ now: soon(), scope: { accountIds: [account.id] }, alerts: false });
    const before = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(before.healthBand).toBe("yellow");
    const snapshots = await db.healthSnapshot.count();

    const weights = { usage: "70", onboarding: "10", selfService: "10", community: "10" };
    const preview = await postHealth(cookie, { ...modelForm(weights), intent: "preview" });
    expect(preview.status).toBe(200);
    const { preview: result } = await preview.json();
    expect(result.examples).toContainEqual({
      id: account.id,
      name: "Preview Co",
      from: { score: before.healthScore, band: "yellow" },
      to: { score: 85, band: "green" },
    });
    expect(result.changedCount).toBeGreaterThanOrEqual(1);
    expect(await db.healthModel.count()).toBe(0);
    expect(await db.healthSnapshot.count()).toBe(snapshots);

    const saved = await postHealth(cookie, { ...modelForm(weights), intent: "save" });
    expect(saved.status).toBe(200);
    const model = await healthModelFor("tech_touch");
    expect(model.components.find((c) => c.key === "usage")?.weight).toBe(70);
    const entry = await db.auditLog.findFirst({
      where: { action: "health_model.saved", actorId: user.id },
    });
    expect(entry).not.toBeNull();
    // Every active account is marked for the next recompute.
    expect(await db.healthDirty.findUnique({ where: { accountId: account.id } })).not.toBeNull();
    await recomputeHealth({ now: soon(2), scope: "due", alerts: false });
    const after = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(after).toMatchObject({ healthScore: 85, healthBand: "green" });
  });

  it("rejects a custom component counting an event type that does not exist", async () => {
    const { cookie } = await signedIn("admin");
    const res = await postHealth(cookie, {
      ...modelForm({ usage: "30" }),
      "new.key": "exports",
      "new.eventType": "export.never_seen",
      "new.target": "10",
      "new.weight": "10",
      intent: "save",
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([
      {
        path: "components.4.eventType",
        code: "eventTypeUnknown",
        params: { type: "export.never_seen" },
      },
    ]);
  });
});

describe("GET /api/v1/accounts/:externalId/health", () => {
  const get = (externalId: string, headers: Record<string, string> = {}) =>
    runLoader(apiLoader, getRequest(`/api/v1/accounts/${externalId}/health`, headers), {
      externalId,
    });

  it("answers 401, 403, 404, and 200 with the contract", async () => {
    const account = await createAccount();
    const reader = await createApiKey({ scopes: ["health:read"] });
    const writer = await createApiKey({ scopes: ["events:write"] });
    const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

    expect((await get(account.externalId)).status).toBe(401);
    expect((await get(account.externalId, auth("csp_nope_nope"))).status).toBe(401);
    const forbidden = await get(account.externalId, auth(writer.key));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).code).toBe("missingScope");
    const missing = await get("no-such-account", auth(reader.key));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: "No account has the id “no-such-account”.",
      code: "accountNotFound",
    });

    // Not computed yet: 200 with nulls.
    const empty = await get(account.externalId, auth(reader.key));
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({
      score: null,
      band: null,
      trend: { d7: null, d30: null },
      components: [],
      computedAt: null,
    });

    await recomputeHealth({ now: soon(), scope: { accountIds: [account.id] } });
    const ok = await get(account.externalId, auth(reader.key));
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(Object.keys(body)).toEqual(["score", "band", "trend", "components", "computedAt"]);
    expect(body.components.map((c: { key: string }) => c.key)).toEqual([
      "usage",
      "onboarding",
      "selfService",
      "community",
    ]);
    expect(typeof body.score).toBe("number");

    const creator = await createUser({ role: "admin" });
    await revokeApiKey({ id: creator.id, role: "admin", accountId: null }, reader.id);
    expect((await get(account.externalId, auth(reader.key))).status).toBe(401);
  });
});

describe("/admin/accounts/export.csv", () => {
  it("is 404 for customers and exports filtered, injection-safe CSV with a BOM for staff", async () => {
    const { cookie: member } = await signedIn("member");
    const denied = await runLoader(
      exportLoader,
      getRequest("/admin/accounts/export.csv", { Cookie: member }),
    );
    expect(denied.status).toBe(404);

    const owner = await createUser({ role: "cs", name: "Olive Owner" });
    const evil = await createAccount({ name: '=HYPERLINK("http://evil")', ownerId: owner.id });
    await createAccount({ name: "Other Co" });
    await recomputeHealth({ now: soon(), scope: { accountIds: [evil.id] }, alerts: false });
    const { cookie } = await signedIn("cs");
    const res = await runLoader(
      exportLoader,
      getRequest(`/admin/accounts/export.csv?owner=${owner.id}`, { Cookie: cookie }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const buffer = new Uint8Array(await res.arrayBuffer());
    expect([...buffer.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(buffer)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Account,External ID,Segment,Plan,ARR,/);
    expect(lines[0]).toContain("Product usage");
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)",/);
    expect(lines[1]).toContain("Olive Owner");

    const none = await runLoader(
      exportLoader,
      getRequest(`/admin/accounts/export.csv?owner=${owner.id}&band=green&q=zzz`, {
        Cookie: cookie,
      }),
    );
    const text = (await none.text()).replace(/^\uFEFF/, "").trim();
    expect(text.split("\r\n")).toHaveLength(1);
  });

  it("exports what the list shows: the renewal window and the list's order", async () => {
    const owner = await createUser({ role: "cs" });
    const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000);
    await createAccount({
      name: "Renews Soon B",
      ownerId: owner.id,
      arr: 100,
      renewalDate: inDays(30),
    });
    await createAccount({
      name: "Renews Soon A",
      ownerId: owner.id,
      arr: 900,
      renewalDate: inDays(60),
    });
    await createAccount({
      name: "Renews Later",
      ownerId: owner.id,
      arr: 500,
      renewalDate: inDays(200),
    });
    const { cookie } = await signedIn("cs");
    const names = async (query: string) => {
      const res = await runLoader(
        exportLoader,
        getRequest(`/admin/accounts/export.csv?owner=${owner.id}&${query}`, { Cookie: cookie }),
      );
      expect(res.status).toBe(200);
      return (await res.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[0]);
    };
    expect(await names("renewal=90")).toEqual(["Renews Soon A", "Renews Soon B"]);
    expect(await names("renewal=90&sort=arr&dir=desc")).toEqual(["Renews Soon A", "Renews Soon B"]);
    expect(await names("sort=arr&dir=asc")).toEqual([
      "Renews Soon B",
      "Renews Later",
      "Renews Soon A",
    ]);
  });
});
