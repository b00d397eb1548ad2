// Saving or removing a health model (/admin/health). Admins only; validated before anything is
// written; one transaction writes the model, the audit entry and the "recompute these accounts"
// marks, and a background recompute starts once it has committed.
import { recomputeHealth } from "~/commands/recompute-health.server";
import type { HealthModelConfig } from "~/health/model";
import { validateHealthModel, type HealthModelError } from "~/health/validate";
import { audit } from "~/models/audit.server";
import {
  canEditHealthModel,
  DEFAULT_SEGMENT,
  knownProductEventTypes,
  segmentsScoredBy,
} from "~/models/health.server";
import type { Actor } from "~/models/roles";
import { SEGMENTS } from "~/models/segment";
import { db, type Prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/request.server";
import { afterCommit } from "~/utils/transaction-context.server";

export type SaveHealthModelResult = { ok: true } | { ok: false; errors: HealthModelError[] };

export function isModelSegment(value: string): boolean {
  return value === DEFAULT_SEGMENT || (SEGMENTS as readonly string[]).includes(value);
}

/** Marks the accounts of these segments for the next recompute (the scheduler picks them up). */
async function markSegmentsDirty(tx: Prisma.TransactionClient, segments: string[], now: Date) {
  if (!segments.length) return;
  const accounts = await tx.account.findMany({
    where: { segment: { in: segments }, status: "active" },
    select: { id: true },
  });
  // Chunks keep each statement under the databases' parameter limits.
  for (let i = 0; i < accounts.length; i += 500) {
    const ids = accounts.slice(i, i + 500).map((a) => a.id);
    await tx.healthDirty.deleteMany({ where: { accountId: { in: ids } } });
    await tx.healthDirty.createMany({
      data: ids.map((accountId) => ({ accountId, markedAt: now })),
    });
  }
}

function recomputeSoon() {
  // Tests drive recompute themselves; a stray background run would race their assertions.
  if (process.env.NODE_ENV === "test") return;
  recomputeHealth({ scope: "due" }).catch((error: unknown) => {
    console.error("Health recompute after a model change failed", error);
  });
}

export async function saveHealthModel(
  actor: Pick<Actor, "id" | "role">,
  input: { segment: string; model: HealthModelConfig },
  options: { ipAddress?: string; now?: Date } = {},
): Promise<SaveHealthModelResult> {
  if (!canEditHealthModel(actor)) throw forbidden();
  if (!isModelSegment(input.segment)) {
    return { ok: false, errors: [{ path: "segment", code: "unknownSegment" }] };
  }
  const known = new Set(await knownProductEventTypes(options.now));
  const errors = validateHealthModel(input.model, known);
  if (errors.length) return { ok: false, errors };
  const now = options.now ?? new Date();
  const components = JSON.stringify(
    input.model.components.map((c) =>
      c.kind === "event"
        ? { key: c.key, weight: c.weight, kind: c.kind, eventType: c.eventType, target: c.target }
        : { key: c.key, weight: c.weight, kind: c.kind },
    ),
  );
  const bands = JSON.stringify({
    yellowFrom: input.model.bands.yellowFrom,
    greenFrom: input.model.bands.greenFrom,
  });
  await db.$transaction(async (tx) => {
    const before = await tx.healthModel.findUnique({ where: { segment: input.segment } });
    await tx.healthModel.upsert({
      where: { segment: input.segment },
      create: { segment: input.segment, components, bands, updatedById: actor.id },
      update: { components, bands, updatedById: actor.id },
    });
    await audit(
      {
        actorId: actor.id,
        action: "health_model.saved",
        targetType: "HealthModel",
        targetId: input.segment || "default",
        data: {
          segment: input.segment || "default",
          before: before ? { components: before.components, bands: before.bands } : null,
          after: { components, bands },
        },
        ipAddress: options.ipAddress,
      },
      tx,
    );
    await markSegmentsDirty(tx, await segmentsScoredBy(input.segment), now);
    afterCommit(recomputeSoon);
  });
  return { ok: true };
}

/** A segment goes back to the default model. False when it had none of its own. */
export async function removeSegmentModel(
  actor: Pick<Actor, "id" | "role">,
  segment: string,
  options: { ipAddress?: string; now?: Date } = {},
): Promise<boolean> {
  if (!canEditHealthModel(actor)) throw forbidden();
  if (!segment || !isModelSegment(segment)) return false;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const removed = await tx.healthModel.deleteMany({ where: { segment } });
    if (removed.count === 0) return false;
    await audit(
      {
        actorId: actor.id,
        action: "health_model.removed",
        targetType: "HealthModel",
        targetId: segment,
        data: { segment },
        ipAddress: options.ipAddress,
      },
      tx,
    );
    await markSegmentsDirty(tx, [segment], now);
    afterCommit(recomputeSoon);
    return true;
  });
}
