// Suspending a customer from the community until a day, with a reason, and lifting it. A
// suspended user still reads, but cannot post, reply, like, vote or flag (forum-policy.ts).
import {
  MODERATION_AUDIT,
  MODERATION_LIMITS,
  suspensionEnd,
  suspensionRefusal,
} from "~/models/moderation-policy";
import { db } from "~/utils/db.server";
import {
  logModeration,
  ModerationError,
  requireModerator,
  type Moderator,
} from "./moderation-common.server";

const DAY_MS = 24 * 60 * 60 * 1000;

/** `until` is a calendar day (YYYY-MM-DD); the suspension lasts to its end (UTC). */
export async function suspendUser(
  input: Moderator & { userId: string; until: string; reason: string },
  now = new Date(),
) {
  const viewer = requireModerator(input);
  const reason = input.reason.trim();
  if (!reason) throw new ModerationError("reasonRequired");
  const until = suspensionEnd(input.until);
  if (Number.isNaN(until.getTime()) || until <= now) throw new ModerationError("untilInPast");
  if (until.getTime() - now.getTime() > MODERATION_LIMITS.suspensionDaysMax * DAY_MS) {
    throw new ModerationError("untilTooFar", { days: MODERATION_LIMITS.suspensionDaysMax });
  }
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, role: true, suspendedUntil: true, suspensionReason: true },
    });
    if (!user) throw new ModerationError("userNotFound");
    const refusal = suspensionRefusal(viewer, user);
    if (refusal) throw new ModerationError(refusal);
    // The same suspension submitted twice is applied (and logged) once.
    const { count } = await tx.user.updateMany({
      where: {
        id: user.id,
        // Spelled out with nulls: SQL's "<>" never matches a NULL column.
        OR: [
          { suspendedUntil: null },
          { suspendedUntil: { not: until } },
          { suspensionReason: null },
          { suspensionReason: { not: reason } },
        ],
      },
      data: { suspendedUntil: until, suspensionReason: reason },
    });
    if (count === 0) throw new ModerationError("stale");
    await logModeration(
      tx,
      { actorId: viewer.id, ipAddress: input.ipAddress },
      MODERATION_AUDIT.userSuspended,
      { type: "user", id: user.id },
      { until: until.toISOString(), reason, previousUntil: user.suspendedUntil?.toISOString() },
    );
  });
}

export async function unsuspendUser(
  input: Moderator & { userId: string; reason: string },
  now = new Date(),
) {
  const viewer = requireModerator(input);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new ModerationError("userNotFound");
    const { count } = await tx.user.updateMany({
      where: { id: user.id, suspendedUntil: { gt: now } },
      data: { suspendedUntil: null, suspensionReason: null },
    });
    if (count === 0) throw new ModerationError("notSuspended");
    await logModeration(
      tx,
      { actorId: viewer.id, ipAddress: input.ipAddress },
      MODERATION_AUDIT.userUnsuspended,
      { type: "user", id: user.id },
      { reason: input.reason },
    );
  });
}
