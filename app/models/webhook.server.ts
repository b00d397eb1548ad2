// Webhooks as the console manages them: admins create, test, disable and delete them and resend
// deliveries; CS reads the list and the delivery log. The secret is returned once, by create.
import { randomBytes } from "node:crypto";
import {
  enqueuePing,
  enqueueResend,
  webhooksAllowPrivate,
  type DeliveryStatus,
} from "~/commands/webhook-deliveries.server";
import type { Actor } from "~/models/roles";
import { db } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/request.server";
import { audit } from "./audit.server";
import {
  checkWebhookUrl,
  parseWebhookEvents,
  WEBHOOK_RULES,
  type UrlProblem,
  type WebhookEvent,
} from "./webhook-rules";

/** Deliveries per page of a webhook's log. */
export const DELIVERY_PAGE_SIZE = 25;

export function canManageWebhooks(actor: Pick<Actor, "role">): boolean {
  return actor.role === "admin";
}

export function canViewWebhooks(actor: Pick<Actor, "role">): boolean {
  return actor.role === "admin" || actor.role === "cs";
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(WEBHOOK_RULES.secretBytes).toString("base64url")}`;
}

export async function listWebhooks(actor: Actor) {
  if (!canViewWebhooks(actor)) throw forbidden();
  const rows = await db.webhook.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      active: true,
      createdAt: true,
      createdBy: { select: { name: true } },
    },
  });
  // The latest outcome per webhook, for the list's "last delivery" column.
  const latest = await Promise.all(
    rows.map((row) =>
      db.webhookDelivery.findFirst({
        where: { webhookId: row.id, attempts: { gt: 0 } },
        orderBy: { lastAttemptAt: "desc" },
        select: { status: true, lastAttemptAt: true, lastStatusCode: true },
      }),
    ),
  );
  return rows.map((row, i) => ({
    ...row,
    events: parseWebhookEvents(row.events),
    lastDelivery: latest[i] ?? null,
  }));
}

export type CreateWebhookResult =
  { ok: true; id: string; secret: string } | { ok: false; problem: UrlProblem | "tooMany" };

export async function createWebhook(
  actor: Actor,
  input: { url: string; description: string; events: WebhookEvent[] },
  ipAddress?: string,
): Promise<CreateWebhookResult> {
  if (!canManageWebhooks(actor)) throw forbidden();
  const checked = checkWebhookUrl(input.url, { allowPrivate: webhooksAllowPrivate() });
  if (!checked.ok) return checked;
  if ((await db.webhook.count()) >= WEBHOOK_RULES.maxWebhooks) {
    return { ok: false, problem: "tooMany" };
  }
  const secret = newWebhookSecret();
  const events = [...new Set(input.events)];
  const created = await db.$transaction(async (tx) => {
    const row = await tx.webhook.create({
      data: {
        url: checked.url.toString(),
        description: input.description,
        secret,
        events: JSON.stringify(events),
        createdById: actor.id,
      },
      select: { id: true, url: true },
    });
    await audit(
      {
        actorId: actor.id,
        action: "webhook.created",
        targetType: "Webhook",
        targetId: row.id,
        data: { url: row.url, events },
        ipAddress,
      },
      tx,
    );
    return row;
  });
  return { ok: true, id: created.id, secret };
}

async function findOrThrow(id: string) {
  const row = await db.webhook.findUnique({
    where: { id },
    select: { id: true, url: true, active: true },
  });
  if (!row) throw notFound();
  return row;
}

export async function setWebhookActive(
  actor: Actor,
  id: string,
  active: boolean,
  ipAddress?: string,
) {
  if (!canManageWebhooks(actor)) throw forbidden();
  const row = await findOrThrow(id);
  if (row.active === active) return;
  await db.$transaction(async (tx) => {
    await tx.webhook.update({ where: { id }, data: { active } });
    await audit(
      {
        actorId: actor.id,
        action: active ? "webhook.enabled" : "webhook.disabled",
        targetType: "Webhook",
        targetId: id,
        data: { url: row.url },
        ipAddress,
      },
      tx,
    );
  });
}

/** Deletes the webhook and its delivery log. */
export async function deleteWebhook(actor: Actor, id: string, ipAddress?: string) {
  if (!canManageWebhooks(actor)) throw forbidden();
  const row = await findOrThrow(id);
  await db.$transaction(async (tx) => {
    await tx.webhook.delete({ where: { id } });
    await audit(
      {
        actorId: actor.id,
        action: "webhook.deleted",
        targetType: "Webhook",
        targetId: id,
        data: { url: row.url },
        ipAddress,
      },
      tx,
    );
  });
}

/** Queues a `ping` to an active webhook; false when it is disabled. */
export async function pingWebhook(actor: Actor, id: string) {
  if (!canManageWebhooks(actor)) throw forbidden();
  const row = await findOrThrow(id);
  if (!row.active) return null;
  return enqueuePing(id);
}

/** Sends a delivery's body again as a new delivery; null when the webhook is disabled. */
export async function resendDelivery(
  actor: Actor,
  webhookId: string,
  deliveryId: string,
  ipAddress?: string,
) {
  if (!canManageWebhooks(actor)) throw forbidden();
  const row = await findOrThrow(webhookId);
  const delivery = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, webhookId },
    select: { id: true, event: true },
  });
  if (!delivery) throw notFound();
  if (!row.active) return null;
  const copy = await enqueueResend(delivery.id);
  await audit({
    actorId: actor.id,
    action: "webhook.resent",
    targetType: "WebhookDelivery",
    targetId: delivery.id,
    data: { event: delivery.event, copyId: copy?.id },
    ipAddress,
  });
  return copy;
}

export async function getWebhook(
  actor: Actor,
  id: string,
  options: { page: number; status?: DeliveryStatus },
) {
  if (!canViewWebhooks(actor)) throw forbidden();
  const webhook = await db.webhook.findUnique({
    where: { id },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      active: true,
      createdAt: true,
      createdBy: { select: { name: true } },
    },
  });
  if (!webhook) throw notFound();
  const where = { webhookId: id, ...(options.status ? { status: options.status } : {}) };
  const [total, deliveries] = await Promise.all([
    db.webhookDelivery.count({ where }),
    db.webhookDelivery.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * DELIVERY_PAGE_SIZE,
      take: DELIVERY_PAGE_SIZE,
      select: {
        id: true,
        event: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastAttemptAt: true,
        lastStatusCode: true,
        lastError: true,
        lastDurationMs: true,
        deliveredAt: true,
        createdAt: true,
        payload: true,
      },
    }),
  ]);
  return {
    webhook: { ...webhook, events: parseWebhookEvents(webhook.events) },
    deliveries,
    total,
    pageCount: Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE)),
  };
}
