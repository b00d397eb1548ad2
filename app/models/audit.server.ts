import { db, type Db } from "~/utils/db.server";

/** Records who did what. Pass the transaction client to make the entry part of a command's transaction. */
export async function audit(
  entry: {
    actorId: string | null;
    action: string;
    targetType?: string;
    targetId?: string;
    data?: Record<string, unknown>;
    ipAddress?: string;
  },
  client: Pick<Db, "auditLog"> = db,
) {
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      data: JSON.stringify(entry.data ?? {}),
      ipAddress: entry.ipAddress,
    },
  });
}
