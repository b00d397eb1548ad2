// Raw events -> daily counts (EventDaily), and the purge of raw events past the retention
// period. The roll-up follows the time events were RECEIVED (a watermark), bucketed by the day
// they OCCURRED: an old event that arrives late is still counted by the next run.
// Branch health-core owns EventDaily and its own roll-up; when it merges, rollupEventsBefore()
// must become (or call) theirs so that there is one writer of the table.
import { audit } from "~/models/audit.server";
import {
  getDataLifecycle,
  getRollupWatermark,
  ROLLUP_WATERMARK_KEY,
  setRollupWatermark,
} from "~/models/data-lifecycle.server";
import { db, type Db } from "~/utils/db.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Events read per query while rolling up. */
const ROLLUP_PAGE = 5_000;
/** Raw events deleted per statement, so a big purge does not hold one huge transaction. */
const PURGE_BATCH = 5_000;

export function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

const keyOf = (accountId: string, day: Date, type: string, userId: string) =>
  `${accountId}\u0000${day.toISOString()}\u0000${type}\u0000${userId}`;

/** Adds counts to EventDaily rows (creating those missing). */
export async function addDailyCounts(
  tx: Pick<Db, "eventDaily">,
  counts: Map<
    string,
    { accountId: string; day: Date; type: string; userId: string; count: number }
  >,
) {
  if (counts.size === 0) return;
  const rows = [...counts.values()];
  const days = [...new Set(rows.map((r) => r.day.getTime()))].map((ms) => new Date(ms));
  const accountIds = [...new Set(rows.map((r) => r.accountId))];
  const existing = new Map<string, number>();
  for (let i = 0; i < accountIds.length; i += 1_000) {
    const found = await tx.eventDaily.findMany({
      where: { accountId: { in: accountIds.slice(i, i + 1_000) }, day: { in: days } },
      select: { accountId: true, day: true, type: true, userId: true, count: true },
    });
    for (const f of found) existing.set(keyOf(f.accountId, f.day, f.type, f.userId), f.count);
  }
  const fresh = rows.filter((r) => !existing.has(keyOf(r.accountId, r.day, r.type, r.userId)));
  if (fresh.length) await tx.eventDaily.createMany({ data: fresh });
  for (const r of rows) {
    const had = existing.get(keyOf(r.accountId, r.day, r.type, r.userId));
    if (had === undefined) continue;
    await tx.eventDaily.update({
      where: {
        accountId_day_type_userId: {
          accountId: r.accountId,
          day: r.day,
          type: r.type,
          userId: r.userId,
        },
      },
      data: { count: had + r.count },
    });
  }
}

/**
 * Counts every event received before `before` (and after the last run) into EventDaily, then
 * moves the watermark. Runs in one transaction: counted and watermark move together.
 */
export async function rollupEventsBefore(
  before: Date,
): Promise<{ rolledUp: number; watermark: Date }> {
  return db.$transaction(
    async (tx) => {
      // Lock the watermark row first: a second process (PostgreSQL) waits here, then reads the
      // watermark the first one moved, so no event is counted twice.
      await tx.setting.upsert({
        where: { key: ROLLUP_WATERMARK_KEY },
        create: { key: ROLLUP_WATERMARK_KEY, value: "" },
        update: {},
      });
      await tx.$executeRaw`UPDATE "Setting" SET "value" = "value" WHERE "key" = ${ROLLUP_WATERMARK_KEY}`;
      const since = await getRollupWatermark(tx);
      if (since && since.getTime() >= before.getTime()) return { rolledUp: 0, watermark: since };
      const counts = new Map<
        string,
        { accountId: string; day: Date; type: string; userId: string; count: number }
      >();
      let rolledUp = 0;
      let cursor: string | undefined;
      for (;;) {
        const page = await tx.event.findMany({
          where: { receivedAt: { lt: before, ...(since ? { gte: since } : {}) } },
          select: { id: true, accountId: true, userId: true, type: true, occurredAt: true },
          orderBy: { id: "asc" },
          take: ROLLUP_PAGE,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        for (const e of page) {
          const day = utcDay(e.occurredAt);
          const userId = e.userId ?? "";
          const k = keyOf(e.accountId, day, e.type, userId);
          const row = counts.get(k);
          if (row) row.count += 1;
          else counts.set(k, { accountId: e.accountId, day, type: e.type, userId, count: 1 });
        }
        rolledUp += page.length;
        if (page.length < ROLLUP_PAGE) break;
        cursor = page[page.length - 1]!.id;
      }
      await addDailyCounts(tx, counts);
      await setRollupWatermark(tx, before);
      return { rolledUp, watermark: before };
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}

/**
 * Rolls up what arrived before today, then deletes raw events older than the retention period
 * that the roll-up has counted. Health and dashboards read the counts, so their figures stay.
 */
export async function purgeExpiredEvents(input: { actorId?: string | null; now?: Date } = {}) {
  const now = input.now ?? new Date();
  const { rolledUp, watermark } = await rollupEventsBefore(utcDay(now));
  const { eventRetentionDays } = await getDataLifecycle();
  const cutoff = new Date(utcDay(now).getTime() - eventRetentionDays * DAY_MS);
  let deleted = 0;
  for (;;) {
    const batch = await db.event.findMany({
      where: { occurredAt: { lt: cutoff }, receivedAt: { lt: watermark } },
      select: { id: true },
      take: PURGE_BATCH,
    });
    if (batch.length === 0) break;
    const result = await db.event.deleteMany({ where: { id: { in: batch.map((b) => b.id) } } });
    deleted += result.count;
  }
  if (deleted > 0 || input.actorId) {
    await audit({
      actorId: input.actorId ?? null,
      action: "events.purged",
      targetType: "Event",
      data: { deleted, rolledUp, before: cutoff.toISOString(), retentionDays: eventRetentionDays },
    });
  }
  return { rolledUp, deleted, cutoff, watermark };
}

/**
 * Events per type for an account over [from, to): the roll-up for what it has counted plus the
 * raw events it has not. What dashboards and health read, so a purge changes nothing here.
 */
export async function engagementCounts(
  input: { accountId?: string; from: Date; to: Date },
  client: Pick<Db, "event" | "eventDaily" | "setting"> = db,
): Promise<{ byType: Record<string, number>; activeUsers: number }> {
  const watermark = await getRollupWatermark(client);
  const byType: Record<string, number> = {};
  const users = new Set<string>();
  const account = input.accountId ? { accountId: input.accountId } : {};
  if (watermark) {
    const daily = await client.eventDaily.findMany({
      where: { ...account, day: { gte: utcDay(input.from), lt: input.to } },
      select: { type: true, userId: true, count: true, accountId: true },
    });
    for (const d of daily) {
      byType[d.type] = (byType[d.type] ?? 0) + d.count;
      if (d.userId) users.add(d.userId);
    }
  }
  const raw = await client.event.findMany({
    where: {
      ...account,
      occurredAt: { gte: utcDay(input.from), lt: input.to },
      ...(watermark ? { receivedAt: { gte: watermark } } : {}),
    },
    select: { type: true, userId: true },
  });
  for (const e of raw) {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    if (e.userId) users.add(e.userId);
  }
  return { byType, activeUsers: users.size };
}

let timer: NodeJS.Timeout | null = null;
/** Once a day is enough: retention is counted in days. */
const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** The daily roll-up and purge in the server process (started from entry.server.tsx). */
export function startEventRetention() {
  if (timer || process.env.NODE_ENV === "test") return;
  timer = setInterval(() => {
    purgeExpiredEvents().catch((error: unknown) => {
      console.error("Event retention run failed", error);
    });
  }, PURGE_INTERVAL_MS);
  timer.unref();
}
