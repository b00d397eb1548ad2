import { describe, expect, it } from "vitest";
import { action as putAccount } from "../../app/routes/api.v1.accounts.$externalId";
import { action as putMember } from "../../app/routes/api.v1.accounts.$externalId.users.$email";
import { loader as listAccounts } from "../../app/routes/api.v1.accounts._index";
import { db } from "../../app/utils/db.server";
import { createAccount, createApiKey, createUser } from "../factories";
import { runAction, runLoader, TEST_ORIGIN } from "../helpers";

const uid = () => Math.random().toString(36).slice(2, 8);

async function writer() {
  const key = await createApiKey({ scopes: ["accounts:write", "accounts:read"] });
  return { Authorization: `Bearer ${key.key}` };
}

function put(
  action: typeof putAccount,
  path: string,
  params: Record<string, string>,
  body: unknown,
  headers: Record<string, string>,
) {
  return runAction(
    action,
    new Request(TEST_ORIGIN + path, {
      method: "PUT",
      headers: { "Content-Type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    {},
    params,
  );
}

const putAcc = (id: string, body: unknown, headers: Record<string, string>) =>
  put(putAccount, `/api/v1/accounts/${id}`, { externalId: id }, body, headers);

describe("PUT /api/v1/accounts/:externalId", () => {
  it("creates (201), updates with history (200), and answers unchanged for the same body", async () => {
    const auth = await writer();
    const owner = await createUser({ role: "cs" });
    const id = `api-${uid()}`;
    const body = {
      name: "Api Co",
      plan: "team",
      arr: 1_500_000,
      seats: 12,
      renewalDate: "2026-09-30",
      ownerEmail: owner.email.toUpperCase(),
    };
    const created = await putAcc(id, body, auth);
    expect(created.status).toBe(201);
    expect((await created.json()).outcome).toBe("create");
    const account = await db.account.findUniqueOrThrow({ where: { externalId: id } });
    expect(account).toMatchObject({
      name: "Api Co",
      arr: 1_500_000,
      seats: 12,
      ownerId: owner.id,
      segment: "tech_touch",
    });

    const updated = await putAcc(id, { arr: 2_400_000, status: "active" }, auth);
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({
      outcome: "update",
      changes: [{ field: "arr", from: "1500000", to: "2400000" }],
    });
    expect((await db.account.findUniqueOrThrow({ where: { externalId: id } })).segment).toBe(
      "low_touch",
    );
    const history = await db.accountChange.findMany({
      where: { accountId: account.id, field: "arr" },
      orderBy: { changedAt: "asc" },
      select: { oldValue: true, newValue: true, source: true },
    });
    expect(history).toEqual([
      { oldValue: null, newValue: "1500000", source: "api" },
      { oldValue: "1500000", newValue: "2400000", source: "api" },
    ]);
    const same = await putAcc(id, { arr: 2_400_000 }, auth);
    expect(await same.json()).toMatchObject({ outcome: "unchanged", changes: [] });
  });

  it("answers 422 with a message per field and stores nothing", async () => {
    const auth = await writer();
    const id = `bad-${uid()}`;
    const res = await putAcc(
      id,
      { name: "", plan: "platinum", arr: -1, seats: 0, renewalDate: "2026-02-30", extra: 1 },
      auth,
    );
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.code).toBe("invalid");
    expect(json.fields).toEqual({
      name: "a value is required.",
      plan: "unknown plan “platinum”; use one of starter, team, business, enterprise.",
      arr: "must not be negative.",
      seats: "must be at least 1.",
      renewalDate: "2026-02-30 does not exist in the calendar.",
      extra: "unknown field.",
    });
    const missing = await putAcc(id, { arr: 100 }, auth);
    expect(missing.status).toBe(422);
    expect((await missing.json()).fields).toEqual({
      name: "a new account needs a company name.",
      plan: "a new account needs a plan.",
    });
    const owner = await putAcc(
      id,
      { name: "X", plan: "team", ownerEmail: "nobody@acme.test" },
      auth,
    );
    expect((await owner.json()).fields).toEqual({
      ownerEmail: "no CS user has the e-mail “nobody@acme.test”.",
    });
    expect(await db.account.count({ where: { externalId: id } })).toBe(0);
  });

  it("answers 401, 403, 400, 415 and 405 precisely, in Japanese when asked", async () => {
    const id = `s-${uid()}`;
    expect((await putAcc(id, { name: "x" }, {})).status).toBe(401);
    const reader = await createApiKey({ scopes: ["accounts:read"] });
    const forbidden = await putAcc(
      id,
      { name: "x" },
      { Authorization: `Bearer ${reader.key}`, "Accept-Language": "ja" },
    );
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toBe(
      "この API キーには「accounts:write」スコープがありません。",
    );
    const auth = await writer();
    const malformed = await putAcc(id, "{not json", auth);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe("malformedJson");
    expect((await putAcc(id, [1, 2], auth)).status).toBe(400);
    const text = await put(putAccount, `/api/v1/accounts/${id}`, { externalId: id }, "{}", {
      ...auth,
      "Content-Type": "text/plain",
    });
    expect(text.status).toBe(415);
    const post = await runAction(
      putAccount,
      new Request(`${TEST_ORIGIN}/api/v1/accounts/${id}`, { method: "POST", headers: auth }),
      {},
      { externalId: id },
    );
    expect(post.status).toBe(405);
    expect(await db.account.count({ where: { externalId: id } })).toBe(0);
  });
});

describe("PUT /api/v1/accounts/:externalId/users/:email", () => {
  it("creates and updates a member, 404 for an unknown account, 409 for a staff e-mail", async () => {
    const auth = await writer();
    const account = await createAccount();
    const email = `m-${uid()}@example.test`;
    const path = (acc: string, mail: string) => `/api/v1/accounts/${acc}/users/${mail}`;
    const call = (acc: string, mail: string, body: unknown) =>
      put(putMember, path(acc, mail), { externalId: acc, email: mail }, body, auth);
    const created = await call(account.externalId, email, {
      name: "Mina",
      role: "account_admin",
      locale: "ja",
    });
    expect(created.status).toBe(201);
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({
      name: "Mina",
      role: "account_admin",
      accountId: account.id,
    });
    const updated = await call(account.externalId, email.toUpperCase(), { role: "member" });
    expect(updated.status).toBe(200);
    expect((await updated.json()).changes).toEqual([
      { field: "role", from: "account_admin", to: "member" },
    ]);
    expect((await call("nope-" + uid(), email, {})).status).toBe(404);
    const staff = await createUser({ role: "admin" });
    const conflict = await call(account.externalId, staff.email, { name: "x" });
    expect(conflict.status).toBe(409);
    expect((await call(account.externalId, "not-an-email", {})).status).toBe(400);
    const bad = await call(account.externalId, email, { role: "owner" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).fields.role).toBe(
      "unknown role “owner”; use member or account_admin.",
    );
  });
});

describe("GET /api/v1/accounts", () => {
  it("filters by segment and renewal date and pages with a cursor", async () => {
    const auth = await writer();
    const p = `pg-${uid()}`;
    for (let i = 0; i < 5; i++) {
      await createAccount({
        externalId: `${p}-${i}`,
        arr: 20_000_000,
        renewalDate: new Date(Date.UTC(2026, 0, 10 + i)),
      });
    }
    await createAccount({ externalId: `${p}-small`, arr: 100_000 });
    const get = (qs: string) =>
      runLoader(
        listAccounts,
        new Request(`${TEST_ORIGIN}/api/v1/accounts?${qs}`, { headers: auth }),
      );
    const first = await get("segment=high_touch&renewalBefore=2026-01-13&limit=2");
    expect(first.status).toBe(200);
    const one = await first.json();
    const mine = (list: Array<{ externalId: string }>) =>
      list.filter((a) => a.externalId.startsWith(p)).map((a) => a.externalId);
    expect(one.accounts).toHaveLength(2);
    expect(one.nextCursor).toEqual(expect.any(String));
    const all: string[] = [...mine(one.accounts)];
    let cursor = one.nextCursor as string | null;
    while (cursor) {
      const next = await (
        await get(`segment=high_touch&renewalBefore=2026-01-13&limit=2&cursor=${cursor}`)
      ).json();
      all.push(...mine(next.accounts));
      cursor = next.nextCursor;
    }
    expect(all).toEqual([`${p}-0`, `${p}-1`, `${p}-2`]);
    const bad = await get("segment=gold&renewalBefore=2026-13-01&limit=0&cursor=%%%");
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).fields).sort()).toEqual([
      "cursor",
      "limit",
      "renewalBefore",
      "segment",
    ]);
    const band = await get("band=purple");
    expect(band.status).toBe(400);
    const noKey = await runLoader(listAccounts, new Request(`${TEST_ORIGIN}/api/v1/accounts`));
    expect(noKey.status).toBe(401);
  });
});
