// Outgoing webhooks: deliveries are rows written in the same transaction as the alert change
// (an outbox), so a rolled-back change sends nothing and a committed one is never lost. The
// worker claims due rows with an atomic lease update (safe with several processes on one
// PostgreSQL database), POSTs the signed body, and retries failures with exponential back-off and
// jitter until WEBHOOK_RULES.maxAttempts, after which the delivery is dead. See decision 0014.
import { randomUUID } from "node:crypto";
import { lookup } from "node:dns/promises";
import {
  backoffMs,
  checkWebhookUrl,
  DELIVERY_HEADER,
  EVENT_HEADER,
  isPrivateAddress,
  parseWebhookEvents,
  SIGNATURE_HEADER,
  signPayload,
  WEBHOOK_PING_EVENT,
  WEBHOOK_RULES,
  type WebhookEvent,
} from "~/models/webhook-rules";
import { db, type Db } from "~/utils/db.server";
import { backgroundJob } from "~/utils/background-job.server";
import { getEnv } from "~/utils/env.server";
import { afterCommit } from "~/utils/transaction-context.server";

/** Statuses a delivery can have; the worker picks up pending and failed ones when due. */
export const DELIVERY_STATUSES = ["pending", "failed", "succeeded", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
const DUE_STATUSES = ["pending", "failed"];

/** How often each server process looks for due deliveries (new ones are sent at once). */
export const WEBHOOK_POLL_INTERVAL_MS = 5_000;

type Client = Pick<Db, "webhook" | "webhookDelivery">;

export function webhooksAllowPrivate(): boolean {
  const env = getEnv();
  return env.WEBHOOKS_ALLOW_PRIVATE === "1" || env.NODE_ENV === "test";
}

function body(id: string, event: string, data: Record<string, unknown>, now: Date): string {
  return JSON.stringify({ id, event, createdAt: now.toISOString(), data });
}

/**
 * Queues `event` for every active webhook subscribed to it. Pass the transaction client so that
 * the deliveries commit (or roll back) with the change they describe; they are sent after it.
 */
export async function enqueueWebhookEvent(
  event: WebhookEvent,
  data: Record<string, unknown>,
  client: Client = db,
  now: Date = new Date(),
): Promise<number> {
  const hooks = await client.webhook.findMany({
    where: { active: true },
    select: { id: true, events: true },
  });
  const targets = hooks.filter((h) => parseWebhookEvents(h.events).includes(event));
  if (!targets.length) return 0;
  const payload = body(`evt_${randomUUID()}`, event, data, now);
  await client.webhookDelivery.createMany({
    data: targets.map((h) => ({ webhookId: h.id, event, payload, nextAttemptAt: now })),
  });
  afterCommit(kickWebhookWorker);
  return targets.length;
}

/** A `ping` for one webhook, whatever it subscribes to ("Send test ping" in the console). */
export async function enqueuePing(webhookId: string, now: Date = new Date()) {
  const delivery = await db.webhookDelivery.create({
    data: {
      webhookId,
      event: WEBHOOK_PING_EVENT,
      payload: body(`evt_${randomUUID()}`, WEBHOOK_PING_EVENT, { webhookId }, now),
      nextAttemptAt: now,
    },
    select: { id: true },
  });
  kickWebhookWorker();
  return delivery;
}

/** A new delivery with the same body (same event id, so receivers can de-duplicate). */
export async function enqueueResend(deliveryId: string, now: Date = new Date()) {
  const original = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: { webhookId: true, event: true, payload: true },
  });
  if (!original) return null;
  const copy = await db.webhookDelivery.create({
    data: { ...original, nextAttemptAt: now },
    select: { id: true },
  });
  kickWebhookWorker();
  return copy;
}

export type DeliveryOptions = {
  now?: () => Date;
  fetch?: typeof fetch;
  random?: () => number;
  allowPrivate?: boolean;
  timeoutMs?: number;
  /** Resolves a host name to its addresses (tests replace DNS). */
  resolve?: (host: string) => Promise<string[]>;
  /** Only this webhook's deliveries (tests and "send now" from the console). */
  webhookId?: string;
};

async function resolveHost(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

type Outcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

async function send(
  delivery: { id: string; event: string; payload: string; url: string; secret: string },
  options: Required<Pick<DeliveryOptions, "fetch" | "allowPrivate" | "timeoutMs" | "resolve">>,
  now: Date,
): Promise<Outcome> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const checked = checkWebhookUrl(delivery.url, { allowPrivate: options.allowPrivate });
  if (!checked.ok) {
    return {
      ok: false,
      statusCode: null,
      error: `address refused (${checked.problem})`,
      durationMs: 0,
    };
  }
  if (!options.allowPrivate) {
    try {
      const addresses = await options.resolve(checked.url.hostname.replace(/^\[|\]$/g, ""));
      if (!addresses.length || addresses.some(isPrivateAddress)) {
        return {
          ok: false,
          statusCode: null,
          error: "address refused (resolves to a private address)",
          durationMs: took(),
        };
      }
    } catch (error) {
      return { ok: false, statusCode: null, error: `DNS: ${message(error)}`, durationMs: took() };
    }
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await options.fetch(checked.url, {
      method: "POST",
      // Following a redirect could lead inside the network; a receiver must answer itself.
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "AcmeCloudPortal-Webhooks/1",
        [SIGNATURE_HEADER]: signPayload(delivery.secret, delivery.payload, timestamp),
        [EVENT_HEADER]: delivery.event,
        [DELIVERY_HEADER]: delivery.id,
      },
      body: delivery.payload,
    });
    const text = await response.text().catch(() => "");
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      error: ok ? null : text.slice(0, WEBHOOK_RULES.maxErrorLength) || `HTTP ${response.status}`,
      durationMs: took(),
    };
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return {
      ok: false,
      statusCode: null,
      error: timedOut ? `no answer within ${options.timeoutMs} ms` : message(error),
      durationMs: took(),
    };
  }
}

function message(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const text = [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(": ");
  return (text || String(error)).slice(0, WEBHOOK_RULES.maxErrorLength);
}

/**
 * One pass of the worker: claims due deliveries (a lease: nextAttemptAt moves past the attempt,
 * attempts goes up; a second process's identical UPDATE then matches nothing), sends them and
 * records the outcome. Returns what happened, for tests and logs.
 */
export async function deliverDueWebhooks(options: DeliveryOptions = {}) {
  const clock = options.now ?? (() => new Date());
  const settings = {
    fetch: options.fetch ?? fetch,
    allowPrivate: options.allowPrivate ?? webhooksAllowPrivate(),
    timeoutMs: options.timeoutMs ?? WEBHOOK_RULES.timeoutMs,
    resolve: options.resolve ?? resolveHost,
  };
  const random = options.random ?? Math.random;
  const now = clock();
  const due = await db.webhookDelivery.findMany({
    where: {
      status: { in: DUE_STATUSES },
      nextAttemptAt: { lte: now },
      webhook: { active: true, ...(options.webhookId ? { id: options.webhookId } : {}) },
    },
    orderBy: { nextAttemptAt: "asc" },
    take: WEBHOOK_RULES.batchSize,
    select: {
      id: true,
      event: true,
      payload: true,
      attempts: true,
      webhook: { select: { url: true, secret: true } },
    },
  });
  const result = { succeeded: 0, failed: 0, dead: 0 };
  for (const d of due) {
    const claimed = await db.webhookDelivery.updateMany({
      where: { id: d.id, status: { in: DUE_STATUSES }, nextAttemptAt: { lte: now } },
      data: {
        attempts: { increment: 1 },
        lastAttemptAt: now,
        nextAttemptAt: new Date(now.getTime() + WEBHOOK_RULES.leaseMs),
      },
    });
    if (claimed.count !== 1) continue;
    const attempts = d.attempts + 1;
    const outcome = await send({ ...d, ...d.webhook }, settings, now);
    const finished = clock();
    const status: DeliveryStatus = outcome.ok
      ? "succeeded"
      : attempts >= WEBHOOK_RULES.maxAttempts
        ? "dead"
        : "failed";
    // Only while our claim holds: a worker whose lease ran out does not overwrite the next one.
    await db.webhookDelivery.updateMany({
      where: { id: d.id, attempts },
      data: {
        status,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        lastDurationMs: outcome.durationMs,
        deliveredAt: outcome.ok ? finished : null,
        nextAttemptAt:
          status === "failed"
            ? new Date(finished.getTime() + backoffMs(attempts, random))
            : finished,
      },
    });
    result[status === "succeeded" ? "succeeded" : status === "dead" ? "dead" : "failed"] += 1;
  }
  return result;
}

// The worker of this server process: a timer, plus a kick when a delivery is queued.
const webhookWorker = backgroundJob(
  "Webhook delivery",
  async ({ stopping }) => {
    let handled = 0;
    do {
      const pass = await deliverDueWebhooks();
      handled = pass.succeeded + pass.failed + pass.dead;
      // A full batch means more may be due now.
    } while (handled >= WEBHOOK_RULES.batchSize && !stopping());
  },
  { everyMs: WEBHOOK_POLL_INTERVAL_MS },
);

/** Sends queued deliveries now, in the background (only once the worker has been started). */
export const kickWebhookWorker = webhookWorker.wake;

/** Started once per server process from entry.server.tsx; tests call deliverDueWebhooks(). */
export const startWebhookWorker = webhookWorker.start;

export function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

export { WEBHOOK_PING_EVENT };

/** Shutdown (server.js → stopBackgroundJobs): no new runs; the one under way finishes. */
export const stopWebhookWorker = webhookWorker.stop;
