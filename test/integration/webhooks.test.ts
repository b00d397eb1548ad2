// Webhook delivery against a real HTTP server on 127.0.0.1, the retry schedule on an injected
// clock, and the alert workflow firing deliveries (after commit, never on a rollback).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  acknowledge,
  assignAlert,
  closeAlert,
  raiseAlert,
  reopenAlert,
} from "../../app/commands/alerts.server";
import {
  deliverDueWebhooks,
  enqueueWebhookEvent,
} from "../../app/commands/webhook-deliveries.server";
import { createWebhook } from "../../app/models/webhook.server";
import { verifySignature, WEBHOOK_RULES, WEBHOOK_EVENTS } from "../../app/models/webhook-rules";
import { db } from "../../app/utils/db.server";
import { createAccount, createUser } from "../factories";

type Received = { headers: IncomingMessage["headers"]; body: string };

let server: Server;
let baseUrl: string;
const received: Received[] = [];
/** Status codes the receiver answers with, in order; 200 once they run out. */
let script: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const status = script.shift() ?? 200;
      res.writeHead(status, { "Content-Type": "text/plain" }).end(status === 200 ? "ok" : "boom");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  received.length = 0;
  script = [];
  await db.webhook.deleteMany();
});

async function admin() {
  const user = await createUser({ role: "admin" });
  return { id: user.id, role: "admin", accountId: null };
}

async function hook(events: readonly string[] = WEBHOOK_EVENTS, path = "/hook") {
  const created = await createWebhook(await admin(), {
    url: baseUrl + path,
    description: "test receiver",
    events: events as (typeof WEBHOOK_EVENTS)[number][],
  });
  if (!created.ok) throw new Error(created.problem);
  return created;
}

const minutes = (n: number) => n * 60_000;

describe("webhook delivery", () => {
  it("POSTs the signed body once; the receiver can verify it with the secret", async () => {
    const { id, secret } = await hook();
    const t0 = new Date("2026-03-01T09:00:00Z");
    await enqueueWebhookEvent("alert.raised", { hello: "world" }, db, t0);
    const pass = await deliverDueWebhooks({ now: () => t0 });
    expect(pass).toEqual({ succeeded: 1, failed: 0, dead: 0 });
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req!.headers["x-portal-event"]).toBe("alert.raised");
    expect(req!.headers["content-type"]).toBe("application/json");
    const signature = String(req!.headers["x-portal-signature"]);
    expect(signature).toMatch(/^t=1772355600,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, req!.body, signature, 1_772_355_600)).toBe(true);
    expect(verifySignature("whsec_wrong", req!.body, signature, 1_772_355_600)).toBe(false);
    expect(JSON.parse(req!.body)).toMatchObject({
      event: "alert.raised",
      data: { hello: "world" },
    });

    const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId: id } });
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200 });
    expect(req!.headers["x-portal-delivery"]).toBe(delivery!.id);
    // Nothing is sent twice.
    expect(await deliverDueWebhooks({ now: () => new Date(t0.getTime() + minutes(60)) })).toEqual({
      succeeded: 0,
      failed: 0,
      dead: 0,
    });
    expect(received).toHaveLength(1);
  });

  it("retries a 500 after the back-off and succeeds on the second attempt", async () => {
    const { id } = await hook();
    script = [500];
    const t0 = new Date("2026-03-01T09:00:00Z");
    await enqueueWebhookEvent("alert.closed", { n: 1 }, db, t0);
    const mid = () => 0.5; // no jitter: the first back-off is exactly 30 s
    expect(await deliverDueWebhooks({ now: () => t0, random: mid })).toMatchObject({ failed: 1 });
    let [delivery] = await db.webhookDelivery.findMany({ where: { webhookId: id } });
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 500 });
    expect(delivery!.lastError).toBe("boom");
    expect(delivery!.nextAttemptAt.getTime() - t0.getTime()).toBe(30_000);

    // Not yet due 29 s later; sent at 30 s.
    await deliverDueWebhooks({ now: () => new Date(t0.getTime() + 29_000) });
    expect(received).toHaveLength(1);
    await deliverDueWebhooks({ now: () => new Date(t0.getTime() + 30_000) });
    expect(received).toHaveLength(2);
    [delivery] = await db.webhookDelivery.findMany({ where: { webhookId: id } });
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 2, lastStatusCode: 200 });
    // Both attempts carried the same body (receivers de-duplicate on its id).
    expect(received[0]!.body).toBe(received[1]!.body);
  });

  it("gives up after the maximum number of attempts: the delivery is dead", async () => {
    const { id } = await hook();
    script = Array.from({ length: WEBHOOK_RULES.maxAttempts + 2 }, () => 503);
    let now = new Date("2026-03-01T09:00:00Z").getTime();
    await enqueueWebhookEvent("alert.raised", { n: 1 }, db, new Date(now));
    for (let i = 0; i < WEBHOOK_RULES.maxAttempts + 2; i += 1) {
      await deliverDueWebhooks({ now: () => new Date(now), random: () => 1 });
      now += WEBHOOK_RULES.maxBackoffMs * 2;
    }
    const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId: id } });
    expect(delivery).toMatchObject({ status: "dead", attempts: WEBHOOK_RULES.maxAttempts });
    expect(received).toHaveLength(WEBHOOK_RULES.maxAttempts);
  });

  it("counts a receiver that does not answer in time as a failed attempt", async () => {
    const { id } = await hook(WEBHOOK_EVENTS, "/slow");
    const slow = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow`;
    await db.webhook.update({ where: { id }, data: { url } });
    try {
      await enqueueWebhookEvent("alert.raised", {}, db);
      expect(await deliverDueWebhooks({ timeoutMs: 200 })).toMatchObject({ failed: 1 });
      const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId: id } });
      expect(delivery!.lastError).toBe("no answer within 200 ms");
      expect(delivery!.lastStatusCode).toBeNull();
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it("refuses to deliver to a public name that resolves to a private address", async () => {
    const { id } = await hook();
    await db.webhook.update({ where: { id }, data: { url: "https://hooks.example.com/x" } });
    await enqueueWebhookEvent("alert.raised", {}, db);
    await deliverDueWebhooks({ allowPrivate: false, resolve: async () => ["10.0.0.5"] });
    const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId: id } });
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(delivery!.lastError).toContain("private address");
    expect(received).toHaveLength(0);
  });

  it("two workers at once send each delivery exactly once", async () => {
    await hook();
    for (let i = 0; i < 6; i += 1) await enqueueWebhookEvent("alert.raised", { i }, db);
    await Promise.all([deliverDueWebhooks(), deliverDueWebhooks()]);
    expect(received).toHaveLength(6);
    expect(await db.webhookDelivery.count({ where: { status: "succeeded", attempts: 1 } })).toBe(6);
  });

  it("sends only subscribed events and nothing to disabled webhooks", async () => {
    await hook(["alert.closed"]);
    const off = await hook(["alert.raised"]);
    await db.webhook.update({ where: { id: off.id }, data: { active: false } });
    expect(await enqueueWebhookEvent("alert.raised", {}, db)).toBe(0);
    expect(await enqueueWebhookEvent("alert.closed", {}, db)).toBe(1);
  });
});

describe("alert workflow fires webhooks", () => {
  async function setup() {
    const owner = await createUser({ role: "cs" });
    const account = await createAccount({ ownerId: owner.id });
    const actor = await createUser({ role: "cs" });
    await hook();
    const alert = await raiseAlert({
      accountId: account.id,
      ownerId: owner.id,
      kind: "health_red",
      title: `${account.name} entered red`,
      details: { score: 42 },
      dedupeKey: `test:${account.id}`,
    });
    if (!alert) throw new Error("not raised");
    return { owner, account, actor, id: alert.id };
  }

  const events = async () =>
    (await db.webhookDelivery.findMany({ orderBy: { createdAt: "asc" } })).map((d) => d.event);

  it("raise, acknowledge, assign, close and reopen each queue one delivery with the alert", async () => {
    const { account, actor, id, owner } = await setup();
    expect(
      await raiseAlert({
        accountId: account.id,
        ownerId: owner.id,
        kind: "health_red",
        title: "again",
        details: {},
        dedupeKey: `test:${account.id}`,
      }),
    ).toBeNull();
    expect(await acknowledge({ actorId: actor.id, id })).toEqual({ ok: true });
    expect(await acknowledge({ actorId: actor.id, id })).toEqual({ ok: false, error: "conflict" });
    expect(await assignAlert({ actorId: actor.id, id, assigneeId: actor.id })).toEqual({
      ok: true,
    });
    expect(await closeAlert({ actorId: actor.id, id, note: "Called the customer" })).toEqual({
      ok: true,
    });
    expect(await reopenAlert({ actorId: actor.id, id })).toEqual({ ok: true });
    expect(await events()).toEqual([
      "alert.raised",
      "alert.acknowledged",
      "alert.assigned",
      "alert.closed",
      "alert.reopened",
    ]);
    const closed = await db.webhookDelivery.findFirstOrThrow({ where: { event: "alert.closed" } });
    expect(JSON.parse(closed.payload).data).toMatchObject({
      alert: {
        id,
        status: "closed",
        closedNote: "Called the customer",
        account: { id: account.id, externalId: account.externalId },
        owner: { id: actor.id },
      },
      actor: { id: actor.id },
    });
    const audits = await db.auditLog.findMany({
      where: { targetId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => a.action)).toEqual([
      "alert.acknowledged",
      "alert.assigned",
      "alert.closed",
      "alert.reopened",
    ]);
  });

  it("refuses a customer as assignee and an alert of another account, changing nothing", async () => {
    const { actor, id } = await setup();
    const customer = await createUser({ role: "member" });
    expect(await assignAlert({ actorId: actor.id, id, assigneeId: customer.id })).toEqual({
      ok: false,
      error: "invalidAssignee",
    });
    const other = await createAccount();
    expect(await acknowledge({ actorId: actor.id, id, accountId: other.id })).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await events()).toEqual(["alert.raised"]);
    expect((await db.alert.findUniqueOrThrow({ where: { id } })).status).toBe("open");
  });

  it("queues nothing when the change rolls back", async () => {
    const { account } = await setup();
    await expect(
      db.$transaction(async (tx) => {
        await raiseAlert(
          {
            accountId: account.id,
            ownerId: null,
            kind: "health_drop",
            title: "dropped",
            details: {},
            dedupeKey: `rollback:${account.id}`,
          },
          tx,
        );
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await events()).toEqual(["alert.raised"]);
    expect(await db.alert.count({ where: { dedupeKey: `rollback:${account.id}` } })).toBe(0);
  });
});
