import { beforeEach, describe, expect, it } from "vitest";
import {
  EVENTS_API_LIMITS,
  EVENTS_API_RATE_LIMIT,
  ingestEvents,
} from "../../app/commands/ingest-events.server";
import { hashApiKey, revokeApiKey } from "../../app/models/api-key.server";
import { EVENT_TYPES_KEY } from "../../app/models/event-types.server";
import { action, loader } from "../../app/routes/api.v1.events";
import { db } from "../../app/utils/db.server";
import {
  assignChecklist,
  createAccount,
  createApiKey,
  createChecklistTemplate,
  createUser,
} from "../factories";
import { runAction, runLoader, TEST_ORIGIN } from "../helpers";

const PATH = "/api/v1/events";
const MINUTE = 60_000;

function post(body: unknown, headers: Record<string, string> = {}, raw = false): Promise<Response> {
  return runAction(
    action,
    new Request(TEST_ORIGIN + PATH, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: raw ? (body as string) : JSON.stringify(body),
    }),
  );
}

async function setup() {
  const account = await createAccount({ createdAt: new Date(Date.now() - 30 * 24 * 60 * MINUTE) });
  const user = await createUser({ accountId: account.id, externalId: `u-${account.externalId}` });
  const key = await createApiKey();
  const auth = { Authorization: `Bearer ${key.key}` };
  return { account, user, key, auth };
}

const countEvents = (accountId: string) => db.event.count({ where: { accountId } });

beforeEach(async () => {
  await db.setting.deleteMany({ where: { key: EVENT_TYPES_KEY } });
});

describe("POST /api/v1/events: authentication and request errors", () => {
  it("answers 401 with WWW-Authenticate for a missing, malformed, unknown or revoked key", async () => {
    const { account, key } = await setup();
    const body = { events: [{ type: "report.created", accountId: account.externalId }] };
    const missing = await post(body);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(await missing.json()).toEqual({
      error: "Send an API key in the header “Authorization: Bearer <API key>”.",
      code: "missingKey",
    });
    const basic = await post(body, { Authorization: "Basic dXNlcjpwYXNz" });
    expect(basic.status).toBe(401);
    const wrongSecret = key.key.slice(0, -4) + "AAAA";
    const unknown = await post(body, { Authorization: `Bearer ${wrongSecret}` });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error).toBe("The API key is not valid or has been revoked.");
    expect(unknown.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');

    const admin = await createUser({ role: "admin" });
    await revokeApiKey({ id: admin.id, role: "admin", accountId: null }, key.id);
    const revoked = await post(body, { Authorization: `Bearer ${key.key}` });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).code).toBe("invalidKey");
    expect(await countEvents(account.id)).toBe(0);
  });

  it("answers 403 for a key without events:write", async () => {
    const { account } = await setup();
    const readOnly = await createApiKey({ scopes: ["health:read"] });
    const res = await post(
      { events: [{ type: "x", accountId: account.externalId }] },
      { Authorization: `Bearer ${readOnly.key}` },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: "This API key does not have the “events:write” scope.",
      code: "missingScope",
    });
  });

  it("answers 405 to other methods", async () => {
    const get = await runLoader(loader, new Request(TEST_ORIGIN + PATH));
    expect(get.status).toBe(405);
    expect(get.headers.get("Allow")).toBe("POST");
    const { auth } = await setup();
    const put = await runAction(
      action,
      new Request(TEST_ORIGIN + PATH, { method: "PUT", headers: auth, body: "{}" }),
    );
    expect(put.status).toBe(405);
    expect((await put.json()).error).toBe("Only POST is allowed on this address.");
  });

  it("rejects a wrong content type, oversized bodies, bad JSON and bad shapes without storing", async () => {
    const { account, auth } = await setup();
    const form = await runAction(
      action,
      new Request(TEST_ORIGIN + PATH, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/x-www-form-urlencoded" },
        body: "events=1",
      }),
    );
    expect(form.status).toBe(415);
    expect((await form.json()).error).toBe(
      "Send the body as JSON with “Content-Type: application/json”.",
    );

    const declared = await post("{}", { ...auth, "Content-Length": "99999999" }, true);
    expect(declared.status).toBe(413);
    // No Content-Length to trust: the bytes read decide.
    const big = JSON.stringify({
      events: [
        {
          type: "x",
          accountId: account.externalId,
          properties: { pad: "x".repeat(EVENTS_API_LIMITS.maxBodyBytes) },
        },
      ],
    });
    const streamed = await runAction(
      action,
      new Request(TEST_ORIGIN + PATH, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: new Blob([big]).stream(),
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toBe(
      `The body is larger than ${EVENTS_API_LIMITS.maxBodyBytes} bytes.`,
    );

    const malformed = await post('{"events": [', auth, true);
    expect(malformed.status).toBe(400);
    const malformedBody = await malformed.json();
    expect(malformedBody.code).toBe("malformedJson");
    expect(malformedBody.error).toMatch(/^The body is not valid JSON: .+/);

    const array = await post([], auth);
    expect(array.status).toBe(400);
    expect((await array.json()).error).toBe(
      'The body must be a JSON object such as {"events": [...]}.',
    );
    const notArray = await post({ events: { type: "x" } }, auth);
    expect(notArray.status).toBe(422);
    expect((await notArray.json()).error).toBe("“events” must be an array of events.");
    const empty = await post({ events: [] }, auth);
    expect(empty.status).toBe(422);
    expect((await empty.json()).error).toBe("“events” is empty; send between 1 and 1000 events.");
    const tooMany = await post(
      {
        events: Array.from({ length: 1_001 }, () => ({ type: "x", accountId: account.externalId })),
      },
      auth,
    );
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).error).toBe(
      "“events” has 1001 events; send at most 1000 in one batch.",
    );
    const badKey = await post(
      { events: [{ type: "x", accountId: account.externalId }] },
      {
        ...auth,
        "Idempotency-Key": "with space",
      },
    );
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).code).toBe("invalidIdempotencyKey");
    expect(await countEvents(account.id)).toBe(0);
  });

  it("refuses a body that is not UTF-8 and reads one that starts with a byte order mark", async () => {
    const { account, auth } = await setup();
    const event = { type: "report.exported", accountId: account.externalId };
    const latin1 = Buffer.concat([
      Buffer.from('{"events":[{"type":"report.exported","accountId":"'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('"}]}'),
    ]);
    const broken = await runAction(
      action,
      new Request(TEST_ORIGIN + PATH, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: latin1,
      }),
    );
    expect(broken.status).toBe(400);
    expect((await broken.json()).code).toBe("invalidEncoding");
    expect(await countEvents(account.id)).toBe(0);

    const withBom = await post(`\uFEFF${JSON.stringify({ events: [event] })}`, auth, true);
    expect(withBom.status).toBe(202);
    expect(await countEvents(account.id)).toBe(1);
  });

  it("answers in Japanese when asked", async () => {
    const res = await post({ events: [] }, { "Accept-Language": "ja" });
    expect((await res.json()).error).toBe(
      "ヘッダー「Authorization: Bearer <API キー>」で API キーを送ってください。",
    );
  });
});

describe("POST /api/v1/events: events", () => {
  it("stores the good events with source api and rejects each bad one with its index", async () => {
    const { account, user, auth } = await setup();
    const other = await createAccount();
    const stranger = await createUser({ accountId: other.id, externalId: "stranger-1" });
    const ok = { type: "report.created", accountId: account.externalId };
    const res = await post(
      {
        events: [
          {
            ...ok,
            userId: user.externalId,
            properties: { rows: 3 },
            occurredAt: "2026-11-20T09:30:00+09:00",
          },
          { ...ok, type: "" },
          { ...ok, type: "bad type!" },
          { ...ok, type: "portal.signed_in" },
          { type: "x" },
          { ...ok, accountId: "no-such-account" },
          { ...ok, userId: stranger.externalId },
          { ...ok, userId: user.email.toUpperCase() },
          { ...ok, occurredAt: "yesterday" },
          { ...ok, occurredAt: new Date(Date.now() + 10 * MINUTE).toISOString() },
          { ...ok, occurredAt: "2001-01-01T00:00:00Z" },
          { ...ok, properties: [1, 2] },
          { ...ok, properties: { big: "x".repeat(EVENTS_API_LIMITS.maxPropertiesBytes) } },
          "not an event",
          { ...ok, id: "" },
        ],
      },
      auth,
    );
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toBe(0);
    expect(body.rejected.map((r: { index: number; error: string }) => [r.index, r.error])).toEqual([
      [1, "“type” is required."],
      [2, "“type” must be 1 to 100 letters, digits or . _ : - and start with a letter or digit."],
      [3, "“type” may not start with “portal.”: those are the portal's own events."],
      [4, "“accountId” is required."],
      [5, "No account has the id “no-such-account”."],
      [6, `“stranger-1” is not a user of account “${account.externalId}”.`],
      [
        8,
        "“occurredAt” must be an ISO-8601 date and time with a time zone, e.g. 2026-01-31T09:30:00Z.",
      ],
      [9, "“occurredAt” is more than 5 minutes in the future."],
      [
        10,
        `“occurredAt” is before account “${account.externalId}” was created (${account.createdAt.toISOString()}).`,
      ],
      [11, "“properties” must be a JSON object."],
      [
        12,
        `“properties” is ${JSON.stringify({ big: "x".repeat(EVENTS_API_LIMITS.maxPropertiesBytes) }).length} bytes as JSON; at most 8192 are allowed.`,
      ],
      [13, "The event must be a JSON object."],
      [14, "“id” must be a non-empty string of at most 200 characters."],
    ]);
    const stored = await db.event.findMany({
      where: { accountId: account.id },
      orderBy: { occurredAt: "asc" },
    });
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      type: "report.created",
      userId: user.id,
      source: "api",
      properties: '{"rows":3}',
      occurredAt: new Date("2026-11-20T00:30:00Z"),
    });
    // userId with "@" is an e-mail, case-insensitive.
    expect(stored[1]!.userId).toBe(user.id);
    expect(await countEvents(other.id)).toBe(0);
  });

  it("rejects events of a churned account after it churned, keeps its history", async () => {
    const churnedAt = new Date(Date.now() - 24 * 60 * MINUTE);
    const account = await createAccount({
      status: "churned",
      churnedAt,
      createdAt: new Date(churnedAt.getTime() - 100 * 24 * 60 * MINUTE),
    });
    const { auth } = await setup();
    const res = await post(
      {
        events: [
          {
            type: "login",
            accountId: account.externalId,
            occurredAt: new Date(churnedAt.getTime() - MINUTE).toISOString(),
          },
          { type: "login", accountId: account.externalId },
        ],
      },
      auth,
    );
    const body = await res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      {
        index: 1,
        code: "accountChurned",
        error: `Account “${account.externalId}” churned on ${churnedAt.toISOString().slice(0, 10)}; events after that are not accepted.`,
      },
    ]);
  });

  it("with strict types on, rejects unknown types and accepts known and portal ones", async () => {
    const { account, auth } = await setup();
    await db.setting.create({
      data: {
        key: EVENT_TYPES_KEY,
        value: JSON.stringify({ strict: true, known: ["report.created"] }),
      },
    });
    const res = await post(
      {
        events: [
          { type: "Report.Created", accountId: account.externalId },
          { type: "report.deleted", accountId: account.externalId },
        ],
      },
      auth,
    );
    const body = await res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      {
        index: 1,
        code: "typeUnknown",
        error:
          "Unknown event type “report.deleted”: strict event types are on. Add it under Integrations in the CS console.",
      },
    ]);
    // Types are stored in one spelling.
    expect((await db.event.findFirstOrThrow({ where: { accountId: account.id } })).type).toBe(
      "report.created",
    );
  });

  it("translates event errors for a Japanese client", async () => {
    const { auth } = await setup();
    const res = await post(
      { events: [{ type: "x", accountId: "nobody" }] },
      { ...auth, "Accept-Language": "ja" },
    );
    expect((await res.json()).rejected[0].error).toBe("ID「nobody」のアカウントはありません。");
  });
});

describe("POST /api/v1/events: idempotency and limits", () => {
  it("does not count a batch replayed with the same Idempotency-Key twice", async () => {
    const { account, auth } = await setup();
    const batch = {
      events: [
        { type: "a", accountId: account.externalId },
        { type: "b", accountId: "unknown" },
        { type: "c", accountId: account.externalId },
      ],
    };
    const headers = { ...auth, "Idempotency-Key": "batch-2026-11-25-001" };
    const first = await (await post(batch, headers)).json();
    expect(first).toMatchObject({ accepted: 2, duplicates: 0 });
    const replay = await (await post(batch, headers)).json();
    expect(replay).toMatchObject({ accepted: 2, duplicates: 2 });
    expect(replay.rejected.map((r: { index: number }) => r.index)).toEqual([1]);
    expect(await countEvents(account.id)).toBe(2);
    // Another key is another batch.
    await post(batch, { ...auth, "Idempotency-Key": "batch-2026-11-25-002" });
    expect(await countEvents(account.id)).toBe(4);
  });

  it("does not count an event id twice, across batches, keys and within a batch", async () => {
    const { account, auth } = await setup();
    const event = { type: "report.created", accountId: account.externalId, id: "evt_1" };
    const first = await (await post({ events: [event, event] }, auth)).json();
    expect(first).toMatchObject({ accepted: 2, duplicates: 1 });
    const otherKey = await createApiKey();
    const again = await (
      await post(
        { events: [event, { ...event, id: "evt_2" }] },
        { Authorization: `Bearer ${otherKey.key}` },
      )
    ).json();
    expect(again).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await countEvents(account.id)).toBe(2);
  });

  it("stores two identical batches sent at once only once", async () => {
    const { account, auth } = await setup();
    const batch = {
      events: Array.from({ length: 50 }, (_, i) => ({
        type: "page.viewed",
        accountId: account.externalId,
        properties: { i },
      })),
    };
    const headers = { ...auth, "Idempotency-Key": "concurrent-1" };
    const answers = await Promise.all([post(batch, headers), post(batch, headers)]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    expect(bodies.map((b) => b.accepted)).toEqual([50, 50]);
    expect(bodies.map((b) => b.duplicates).sort((a, b) => a - b)).toEqual([0, 50]);
    expect(await countEvents(account.id)).toBe(50);
  });

  it("answers 429 with Retry-After once a key has sent its batches for the minute", async () => {
    const { account, key, auth } = await setup();
    await db.rateLimit.create({
      data: {
        key: `api-events:${key.id}`,
        count: EVENTS_API_RATE_LIMIT.limit,
        windowStart: new Date(Date.now() - 20_000),
      },
    });
    const res = await post({ events: [{ type: "a", accountId: account.externalId }] }, auth);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(39);
    expect(retryAfter).toBeLessThanOrEqual(40);
    expect((await res.json()).error).toBe(
      `Too many batches: at most 120 per minute for one API key. Retry in ${retryAfter} seconds.`,
    );
    expect(await countEvents(account.id)).toBe(0);
    // Another key is not throttled.
    const other = await createApiKey();
    const ok = await post(
      { events: [{ type: "a", accountId: account.externalId }] },
      { Authorization: `Bearer ${other.key}` },
    );
    expect(ok.status).toBe(202);
  });

  it("marks the key as used, at most once a minute, and never stores the key itself", async () => {
    const { account, key, auth } = await setup();
    await post({ events: [{ type: "a", accountId: account.externalId }] }, auth);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.secretHash).toBe(hashApiKey(key.key));
    // The secret is everything after `csp_<prefix>_` (it may itself contain "_").
    const secret = key.key.slice(`csp_${row.prefix}_`.length);
    expect(secret.length).toBeGreaterThan(20);
    expect(JSON.stringify(row)).not.toContain(secret);
    await post({ events: [{ type: "a", accountId: account.externalId }] }, auth);
    const again = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(again.lastUsedAt).toEqual(row.lastUsedAt);
  });

  it("returns the stored events for later steps", async () => {
    const { account, user, key } = await setup();
    const result = await ingestEvents({
      apiKeyId: key.id,
      batchKey: null,
      events: [
        { type: "a", accountId: account.externalId, userId: user.externalId, properties: { n: 1 } },
      ],
    });
    expect(result.stored).toEqual([
      {
        id: expect.any(String),
        accountId: account.id,
        userId: user.id,
        type: "a",
        properties: '{"n":1}',
        occurredAt: expect.any(Date),
      },
    ]);
  });
});

describe("the product's events and onboarding", () => {
  it("complete a checklist step that waits for a count of them, once, even when replayed", async () => {
    const { account, user, auth } = await setup();
    const template = await createChecklistTemplate({
      steps: [{ completion: "event", eventType: "project.created", eventCount: 2, scope: "user" }],
    });
    const assignment = await assignChecklist(template.id, account.id);
    const event = {
      type: "project.created",
      accountId: account.externalId,
      userId: user.externalId,
    };
    const batch = { events: [event, { ...event, properties: { name: "Second" } }] };

    expect((await post(batch, { ...auth, "Idempotency-Key": "projects-1" })).status).toBe(202);
    expect((await post(batch, { ...auth, "Idempotency-Key": "projects-1" })).status).toBe(202);
    const done = await db.stepCompletion.findMany({ where: { assignmentId: assignment.id } });
    expect(done.map((c) => [c.stepId, c.subject])).toEqual([[template.steps[0]!.id, user.id]]);
  });
});
