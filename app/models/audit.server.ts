import { db } from "~/utils/db.server";

export async function audit(entry: {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  ipAddress?: string;
}) {
  await db.auditLog.create({
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
