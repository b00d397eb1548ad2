// What CS does to an alert (shared by every alert kind; the health issue adds assign and webhooks).
import { audit } from "~/models/audit.server";
import { db, type Prisma } from "~/utils/db.server";

export const ALERT_STATUSES = ["open", "acknowledged", "closed"] as const;

/** Every kind of alert the portal raises (the console renders each in the reader's language). */
export const ALERT_KINDS = {
  onboardingStuck: "onboarding_stuck",
  healthRed: "health_red",
  healthDrop: "health_drop",
  expansion: "expansion",
} as const;

export type RaiseAlertInput = {
  accountId: string;
  ownerId: string | null;
  kind: string;
  /** English summary for logs and webhooks. */
  title: string;
  /** The facts behind the alert (stored as JSON). */
  details: Record<string, unknown>;
  /** One situation, one alert: a key raised before (even if closed since) raises nothing. */
  dedupeKey: string;
};

type AlertClient = Pick<Prisma.TransactionClient, "alert">;

/**
 * The ONE way alerts are created (onboarding stuck, health red/drop, expansion), so that what
 * follows an alert (webhooks) hooks in here. Returns the new Alert, or null when its dedupe key
 * was raised already. Pass the transaction as `tx` when the alert must exist together with what
 * raised it; callers inside a transaction must hold the claim on the account (recompute does),
 * since a duplicate insert there would abort the transaction on PostgreSQL.
 */
export async function raiseAlert(input: RaiseAlertInput, tx?: AlertClient) {
  const client = tx ?? db;
  const existing = await client.alert.findUnique({
    where: { dedupeKey: input.dedupeKey },
    select: { id: true },
  });
  if (existing) return null;
  const data = {
    accountId: input.accountId,
    ownerId: input.ownerId,
    kind: input.kind,
    title: input.title,
    details: JSON.stringify(input.details),
    dedupeKey: input.dedupeKey,
  };
  if (tx) return tx.alert.create({ data });
  try {
    return await db.alert.create({ data });
  } catch (error) {
    // Raised by another process in the meantime: one situation, one alert.
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

/** Open -> acknowledged. False when there is no such alert or it is no longer open. */
export async function acknowledgeAlert(input: {
  actorId: string;
  id: string;
  /** Only an alert of this account (the account page acknowledges its own alerts). */
  accountId?: string;
  now?: Date;
  ipAddress?: string;
}): Promise<boolean> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const changed = await tx.alert.updateMany({
      where: {
        id: input.id,
        status: "open",
        ...(input.accountId ? { accountId: input.accountId } : {}),
      },
      data: { status: "acknowledged", acknowledgedAt: now },
    });
    if (changed.count !== 1) return false;
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
    return true;
  });
}
