// What CS does to an alert (shared by every alert kind; the health issue adds assign and webhooks).
import { audit } from "~/models/audit.server";
import { db } from "~/utils/db.server";

export const ALERT_STATUSES = ["open", "acknowledged", "closed"] as const;

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
