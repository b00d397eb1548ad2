// What happens to an alert, for every alert kind: raised (by the health model, onboarding, ...),
// acknowledged, assigned to a staff user, closed with a note, reopened. Each change is one
// transaction with its audit entry and the webhook deliveries it fires (sent after the commit).
import { audit } from "~/models/audit.server";
import { isStaff } from "~/models/roles";
import type { WebhookEvent } from "~/models/webhook-rules";
import { db, type Prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { afterCommit } from "~/utils/transaction-context.server";
import { notifyAlertAssigned } from "./notification-hooks.server";
import { notifyLater } from "./notify.server";
import { enqueueWebhookEvent } from "./webhook-deliveries.server";

export const ALERT_STATUSES = ["open", "acknowledged", "closed"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_NOTE_MAX_LENGTH = 2_000;

/** Every kind of alert the portal raises (the console renders each in the reader's language). */
export const ALERT_KINDS = {
  onboardingStuck: "onboarding_stuck",
  healthRed: "health_red",
  healthDrop: "health_drop",
  expansion: "expansion",
} as const;

type Tx = Prisma.TransactionClient;

/** Why a workflow step did not happen (the route turns each into a 404, 409 or 422). */
export type AlertChangeError = "notFound" | "conflict" | "invalidAssignee";
export type AlertChangeResult = { ok: true } | { ok: false; error: AlertChangeError };

/** The body of every alert webhook: the alert as it is after the change, and who changed it. */
async function alertPayload(tx: Tx, id: string, actorId: string | null, extra = {}) {
  const alert = await tx.alert.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      kind: true,
      status: true,
      title: true,
      details: true,
      createdAt: true,
      acknowledgedAt: true,
      closedAt: true,
      closedNote: true,
      account: { select: { id: true, externalId: true, name: true } },
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  const actor = actorId
    ? await tx.user.findUnique({ where: { id: actorId }, select: { id: true, name: true } })
    : null;
  let details: unknown = {};
  try {
    details = JSON.parse(alert.details);
  } catch {
    details = {};
  }
  return {
    alert: {
      ...alert,
      details,
      url: `${getEnv().APP_URL}/admin/accounts/${alert.account.id}`,
    },
    actor,
    ...extra,
  };
}

async function fire(tx: Tx, event: WebhookEvent, id: string, actorId: string | null, extra = {}) {
  await enqueueWebhookEvent(event, await alertPayload(tx, id, actorId, extra), tx);
}

export type RaiseAlertInput = {
  accountId: string;
  ownerId: string | null;
  kind: string;
  /** English summary for logs and webhooks; the console renders kind + details. */
  title: string;
  details: Record<string, unknown>;
  /** One situation, one alert: a key raised before (even if closed since) raises nothing. */
  dedupeKey: string;
};

/**
 * The ONE way alerts are created (onboarding stuck, health red/drop, expansion): raises an alert
 * unless its dedupe key exists and fires `alert.raised` (delivered after the commit). Returns the
 * new Alert, or null when its dedupe key was raised already. Pass the transaction as `tx` when
 * the alert must exist together with what raised it; callers inside a transaction must hold the
 * claim on the account (recompute does), since a duplicate insert there would abort the
 * transaction on PostgreSQL.
 */
export async function raiseAlert(input: RaiseAlertInput, tx?: Tx) {
  const run = async (client: Tx) => {
    const existing = await client.alert.findUnique({
      where: { dedupeKey: input.dedupeKey },
      select: { id: true },
    });
    if (existing) return null;
    const created = await client.alert.create({
      data: {
        accountId: input.accountId,
        ownerId: input.ownerId,
        kind: input.kind,
        title: input.title,
        details: JSON.stringify(input.details),
        dedupeKey: input.dedupeKey,
      },
    });
    await fire(client, "alert.raised", created.id, null);
    const ownerId = created.ownerId;
    if (ownerId) {
      afterCommit(() =>
        notifyLater(() => notifyAlertAssigned({ alertId: created.id, userId: ownerId })),
      );
    }
    return created;
  };
  if (tx) return run(tx);
  try {
    return await db.$transaction(run);
  } catch (error) {
    // Raised by another process in the meantime: one situation, one alert.
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

type ChangeInput = {
  actorId: string;
  id: string;
  /** Only an alert of this account (the account page acts on its own alerts). */
  accountId?: string;
  now?: Date;
  ipAddress?: string;
};

function scope(input: ChangeInput) {
  return { id: input.id, ...(input.accountId ? { accountId: input.accountId } : {}) };
}

async function change(
  input: ChangeInput,
  run: (tx: Tx) => Promise<AlertChangeResult>,
): Promise<AlertChangeResult> {
  return db.$transaction(async (tx) => {
    const exists = await tx.alert.findFirst({ where: scope(input), select: { id: true } });
    if (!exists) return { ok: false, error: "notFound" } as const;
    return run(tx);
  });
}

/** Open -> acknowledged. False when there is no such alert or it is no longer open. */
export async function acknowledgeAlert(input: ChangeInput): Promise<boolean> {
  const result = await acknowledge(input);
  return result.ok;
}

/** Open -> acknowledged, with the reason when it did not happen. */
export async function acknowledge(input: ChangeInput): Promise<AlertChangeResult> {
  const now = input.now ?? new Date();
  return change(input, async (tx) => {
    const changed = await tx.alert.updateMany({
      where: { ...scope(input), status: "open" },
      data: { status: "acknowledged", acknowledgedAt: now },
    });
    if (changed.count !== 1) return { ok: false, error: "conflict" };
    await audit(
      {
        actorId: input.actorId,
        action: "alert.acknowledged",
        targetType: "alert",
        targetId: input.id,
        ipAddress: input.ipAddress,
      },
      tx,
    );
    await fire(tx, "alert.acknowledged", input.id, input.actorId);
    return { ok: true };
  });
}

/** Gives an alert that is not closed to a staff user (or to nobody with null). */
export async function assignAlert(
  input: ChangeInput & { assigneeId: string | null },
): Promise<AlertChangeResult> {
  return change(input, async (tx) => {
    if (input.assigneeId) {
      const assignee = await tx.user.findUnique({
        where: { id: input.assigneeId },
        select: { role: true },
      });
      if (!assignee || !isStaff(assignee)) return { ok: false, error: "invalidAssignee" };
    }
    const before = await tx.alert.findUniqueOrThrow({
      where: { id: input.id },
      select: { ownerId: true },
    });
    if (before.ownerId === input.assigneeId) return { ok: true };
    const changed = await tx.alert.updateMany({
      where: { ...scope(input), status: { not: "closed" } },
      data: { ownerId: input.assigneeId },
    });
    if (changed.count !== 1) return { ok: false, error: "conflict" };
    await audit(
      {
        actorId: input.actorId,
        action: "alert.assigned",
        targetType: "alert",
        targetId: input.id,
        data: { from: before.ownerId, to: input.assigneeId },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    await fire(tx, "alert.assigned", input.id, input.actorId, { previousOwnerId: before.ownerId });
    const assigneeId = input.assigneeId;
    if (assigneeId && assigneeId !== input.actorId) {
      afterCommit(() =>
        notifyLater(() =>
          notifyAlertAssigned({ alertId: input.id, userId: assigneeId, actorId: input.actorId }),
        ),
      );
    }
    return { ok: true };
  });
}

/** Open or acknowledged -> closed, with the note that says what was done (required). */
export async function closeAlert(
  input: ChangeInput & { note: string },
): Promise<AlertChangeResult> {
  const note = input.note.trim();
  if (!note || note.length > ALERT_NOTE_MAX_LENGTH) {
    throw new Error("closeAlert needs a note of 1 to ALERT_NOTE_MAX_LENGTH characters");
  }
  const now = input.now ?? new Date();
  return change(input, async (tx) => {
    const changed = await tx.alert.updateMany({
      where: { ...scope(input), status: { not: "closed" } },
      data: { status: "closed", closedAt: now, closedNote: note },
    });
    if (changed.count !== 1) return { ok: false, error: "conflict" };
    await audit(
      {
        actorId: input.actorId,
        action: "alert.closed",
        targetType: "alert",
        targetId: input.id,
        data: { note },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    await fire(tx, "alert.closed", input.id, input.actorId);
    return { ok: true };
  });
}

/** Closed -> open again (the situation came back, or it was closed by mistake). */
export async function reopenAlert(input: ChangeInput): Promise<AlertChangeResult> {
  return change(input, async (tx) => {
    const changed = await tx.alert.updateMany({
      where: { ...scope(input), status: "closed" },
      data: { status: "open", closedAt: null, closedNote: null, acknowledgedAt: null },
    });
    if (changed.count !== 1) return { ok: false, error: "conflict" };
    await audit(
      {
        actorId: input.actorId,
        action: "alert.reopened",
        targetType: "alert",
        targetId: input.id,
        ipAddress: input.ipAddress,
      },
      tx,
    );
    await fire(tx, "alert.reopened", input.id, input.actorId);
    return { ok: true };
  });
}

/** Closes alerts whose situation is over (no actor: the portal closed them); fires alert.closed. */
export async function resolveAlerts(ids: string[], note: string, now: Date = new Date()) {
  if (!ids.length) return 0;
  return db.$transaction(async (tx) => {
    let closed = 0;
    for (const id of ids) {
      const changed = await tx.alert.updateMany({
        where: { id, status: { not: "closed" } },
        data: { status: "closed", closedAt: now, closedNote: note },
      });
      if (changed.count !== 1) continue;
      closed += 1;
      await fire(tx, "alert.closed", id, null);
    }
    return closed;
  });
}
