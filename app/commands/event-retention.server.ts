// The purge of raw events past the retention period CS sets. Health and dashboards read the
// daily counts in EventDaily (app/commands/rollup-events.server.ts is their one writer), so a
// purge first brings the rollup up to date and then deletes only events it has counted.
import { audit } from "~/models/audit.server";
import { baseType } from "~/health/rollup";
import { getDataLifecycle } from "~/models/data-lifecycle.server";
import { db, type Db } from "~/utils/db.server";
import { backgroundJob } from "~/utils/background-job.server";
import { purgeCountedEvents, rollupEvents, uncountedEvents } from "./rollup-events.server";

const DAY_MS = 24 * 60 * 60 * 1000;
export const EVENTS_PURGED_ACTION = "events.purged";

export function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/**
 * Rolls up what has arrived, then deletes raw events older than the retention period that the
 * rollup has counted. Health and dashboards read the counts, so their figures stay.
 */
export async function purgeExpiredEvents(input: { actorId?: string | null; now?: Date } = {}) {
  const now = input.now ?? new Date();
  const { events: rolledUp } = await rollupEvents({ now });
  const { eventRetentionDays } = await getDataLifecycle();
  const cutoff = new Date(utcDay(now).getTime() - eventRetentionDays * DAY_MS);
  const deleted = await purgeCountedEvents(cutoff);
  if (deleted > 0 || input.actorId) {
    await audit({
      actorId: input.actorId ?? null,
      action: EVENTS_PURGED_ACTION,
      targetType: "Event",
      data: { deleted, rolledUp, before: cutoff.toISOString(), retentionDays: eventRetentionDays },
    });
  }
  return { rolledUp, deleted, cutoff };
}

/**
 * Events per type (outcome variants folded into their type) and distinct active members for an
 * account, or all accounts, over [from, to): the daily counts plus the raw events the rollup has
 * not reached yet. A purge deletes only counted events, so it changes nothing here.
 */
export async function engagementCounts(
  input: { accountId?: string; from: Date; to: Date },
  client: Pick<Db, "eventDaily"> = db,
): Promise<{ byType: Record<string, number>; activeUsers: number }> {
  const daily = await client.eventDaily.findMany({
    where: {
      ...(input.accountId ? { accountId: input.accountId } : {}),
      day: { gte: utcDay(input.from), lt: input.to },
    },
    select: { type: true, userId: true, count: true },
  });
  const byType: Record<string, number> = {};
  const users = new Set<string>();
  for (const d of daily) {
    const type = baseType(d.type);
    byType[type] = (byType[type] ?? 0) + d.count;
    if (d.userId) users.add(d.userId);
  }
  for (const e of await uncountedEvents({ ...input, from: utcDay(input.from) })) {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    if (e.userId) users.add(e.userId);
  }
  return { byType, activeUsers: users.size };
}

/** Once a day is enough: retention is counted in days. */
const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** The daily purge in the server process (started from entry.server.tsx). */
const retentionJob = backgroundJob("Event retention run", () => purgeExpiredEvents(), {
  everyMs: PURGE_INTERVAL_MS,
});
export const startEventRetention = retentionJob.start;
/** Shutdown (server.js → stopBackgroundJobs): no new runs; the one under way finishes. */
export const stopEventRetention = retentionJob.stop;
