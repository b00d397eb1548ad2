// Rolls raw events into EventDaily (counts per account, UTC day, type variant and user) so that
// health reads aggregates, and raw events can be purged after their retention period (issue #11)
// without health or dashboards changing. Incremental and idempotent: a watermark stored in
// Setting in the same transaction as the counts says which events are counted already, so a
// crash or a second run never counts an event twice. The accounts whose events were rolled are
// marked in HealthDirty for the incremental recompute. See docs/decisions/0013-health.md.
import { Prisma } from "~/generated/prisma/sqlite/client";
import { ROLLUP_TYPES } from "~/health/rollup";
import { PORTAL_EVENTS } from "~/models/event-types";
import { db } from "~/utils/db.server";
import { isPostgres, pgTimestamp } from "~/utils/db-kind.server";

export const ROLLUP_WATERMARK_KEY = "health.rollupWatermark";
/**
 * PostgreSQL: events are taken up to this long before now. An event's receivedAt is set before
 * its insert commits; a batch still committing must not slip behind the watermark.
 */
export const ROLLUP_SAFETY_LAG_MS = 30_000;
/** SQLite: events per transaction, so that a big first rollup does not hold the writer long. */
export const ROLLUP_CHUNK_ROWS = 250_000;
/** Any constant: one rollup at a time per PostgreSQL database. */
const ROLLUP_LOCK = 72_410_007;
const ROLLUP_TX = { timeout: 120_000, maxWait: 30_000 };

type Watermark = { rowid?: number; receivedAt?: string };
type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
/** Raw events deleted per statement by the purge, so that it never holds the writer long. */
const PURGE_BATCH = 5_000;

// The rollup type (app/health/rollup.ts rollupType) in SQL; the properties JSON is read only for
// the three types whose outcome matters.
const sqliteTypeCase = Prisma.sql`CASE "type"
  WHEN ${PORTAL_EVENTS.searched} THEN CASE WHEN "properties" ->> '$.outcome' = 'none'
    THEN ${ROLLUP_TYPES.searchNone} ELSE ${ROLLUP_TYPES.searchFound} END
  WHEN ${PORTAL_EVENTS.articleVoted} THEN CASE WHEN "properties" ->> '$.helpful' = 0
    THEN ${ROLLUP_TYPES.votedUnhelpful} ELSE ${ROLLUP_TYPES.votedHelpful} END
  WHEN ${PORTAL_EVENTS.supportRequested} THEN CASE WHEN coalesce("properties" ->> '$.articleId', '') <> ''
    THEN ${ROLLUP_TYPES.supportAfterReading} ELSE "type" END
  ELSE "type" END`;

const postgresTypeCase = Prisma.sql`CASE "type"
  WHEN ${PORTAL_EVENTS.searched} THEN CASE WHEN "properties"::jsonb ->> 'outcome' = 'none'
    THEN ${ROLLUP_TYPES.searchNone} ELSE ${ROLLUP_TYPES.searchFound} END
  WHEN ${PORTAL_EVENTS.articleVoted} THEN CASE WHEN "properties"::jsonb ->> 'helpful' = 'false'
    THEN ${ROLLUP_TYPES.votedUnhelpful} ELSE ${ROLLUP_TYPES.votedHelpful} END
  WHEN ${PORTAL_EVENTS.supportRequested} THEN CASE WHEN coalesce("properties"::jsonb ->> 'articleId', '') <> ''
    THEN ${ROLLUP_TYPES.supportAfterReading} ELSE "type" END
  ELSE "type" END`;

function parseWatermark(raw: string | undefined): Watermark {
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Watermark;
  } catch {
    return {};
  }
}

/** Rolls every event not rolled yet; returns how many events and accounts it took in. */
export async function rollupEvents(
  options: { now?: Date } = {},
): Promise<{ events: number; accounts: number }> {
  return isPostgres()
    ? rollupPostgres(options.now ?? new Date())
    : rollupSqlite(options.now ?? new Date());
}

async function rollupSqlite(now: Date) {
  let events = 0;
  let accounts = 0;
  // SQLite's rowid grows with every insert and commits in insert order (one writer at a time), so
  // "rowid above the watermark" is exactly "not rolled yet", with no index on Event to maintain.
  for (;;) {
    const chunk = await db.$transaction(async (tx) => {
      const row = await tx.setting.findUnique({ where: { key: ROLLUP_WATERMARK_KEY } });
      let from = parseWatermark(row?.value).rowid ?? 0;
      const [last] = await tx.$queryRaw<{ max: bigint | number | null }[]>`
        SELECT max(rowid) AS "max" FROM "Event"`;
      const maxRowid = Number(last?.max ?? 0);
      // Every event at the top deleted by a path that did not call keepWatermarkBelowNextRowid
      // (an account deleted with its events, in tests): start again from the first row.
      if (maxRowid < from) from = 0;
      if (maxRowid <= from) return null;
      const to = Math.min(maxRowid, from + ROLLUP_CHUNK_ROWS);
      await tx.$executeRaw`
        INSERT INTO "EventDaily" ("accountId", "day", "type", "userId", "count")
        SELECT "accountId", substr("occurredAt", 1, 10) || 'T00:00:00.000+00:00', ${sqliteTypeCase},
          coalesce("userId", ''), count(*)
        FROM "Event" WHERE rowid > ${from} AND rowid <= ${to}
        GROUP BY 1, 2, 3, 4
        ON CONFLICT ("accountId", "day", "type", "userId") DO UPDATE SET "count" = "count" + excluded."count"`;
      const [counted] = await tx.$queryRaw<{ n: bigint | number }[]>`
        SELECT count(*) AS "n" FROM "Event" WHERE rowid > ${from} AND rowid <= ${to}`;
      const dirty = await tx.$executeRaw`
        INSERT INTO "HealthDirty" ("accountId", "markedAt")
        SELECT DISTINCT "accountId", ${now} FROM "Event" WHERE rowid > ${from} AND rowid <= ${to}
        ON CONFLICT ("accountId") DO UPDATE SET "markedAt" = excluded."markedAt"`;
      const value = JSON.stringify({ rowid: to } satisfies Watermark);
      await tx.setting.upsert({
        where: { key: ROLLUP_WATERMARK_KEY },
        create: { key: ROLLUP_WATERMARK_KEY, value },
        update: { value },
      });
      return { events: Number(counted?.n ?? 0), accounts: dirty, done: to >= maxRowid };
    }, ROLLUP_TX);
    if (!chunk) break;
    events += chunk.events;
    accounts += chunk.accounts;
    if (chunk.done) break;
  }
  return { events, accounts };
}

async function rollupPostgres(now: Date) {
  // Never past the real clock: a run "as of" a later moment (tests, backfills) must not skip
  // events that arrive before that moment comes.
  const upper = new Date(Math.min(now.getTime() - ROLLUP_SAFETY_LAG_MS, Date.now()));
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`;
    const row = await tx.setting.findUnique({ where: { key: ROLLUP_WATERMARK_KEY } });
    const from = new Date(parseWatermark(row?.value).receivedAt ?? 0);
    if (upper <= from) return { events: 0, accounts: 0 };
    const events = await tx.$executeRaw`
      INSERT INTO "EventDaily" ("accountId", "day", "type", "userId", "count")
      SELECT "accountId", date_trunc('day', "occurredAt"), ${postgresTypeCase},
        coalesce("userId", ''), count(*)::int
      FROM "Event"
      WHERE "receivedAt" > ${pgTimestamp(from)}::timestamp AND "receivedAt" <= ${pgTimestamp(upper)}::timestamp
      GROUP BY 1, 2, 3, 4
      ON CONFLICT ("accountId", "day", "type", "userId")
      DO UPDATE SET "count" = "EventDaily"."count" + excluded."count"`;
    const accounts = await tx.$executeRaw`
      INSERT INTO "HealthDirty" ("accountId", "markedAt")
      SELECT DISTINCT "accountId", ${pgTimestamp(now)}::timestamp FROM "Event"
      WHERE "receivedAt" > ${pgTimestamp(from)}::timestamp AND "receivedAt" <= ${pgTimestamp(upper)}::timestamp
      ON CONFLICT ("accountId") DO UPDATE SET "markedAt" = excluded."markedAt"`;
    const value = JSON.stringify({ receivedAt: upper.toISOString() } satisfies Watermark);
    await tx.setting.upsert({
      where: { key: ROLLUP_WATERMARK_KEY },
      create: { key: ROLLUP_WATERMARK_KEY, value },
      update: { value },
    });
    // Rows written to EventDaily, not events, on PostgreSQL: the count is for logs only.
    return { events, accounts };
  }, ROLLUP_TX);
}

/**
 * SQLite hands out max(rowid) + 1 to the next event: after events at the top were deleted, new
 * events would get rowids at or below the watermark and never be counted. Call this in the
 * transaction that deleted events; what is left below the watermark was counted already.
 * PostgreSQL's watermark is a time, which deletions do not move.
 */
export async function keepWatermarkBelowNextRowid(tx: Tx) {
  if (isPostgres()) return;
  const row = await tx.setting.findUnique({ where: { key: ROLLUP_WATERMARK_KEY } });
  const watermark = parseWatermark(row?.value).rowid;
  if (watermark === undefined) return;
  const [last] = await tx.$queryRaw<{ max: bigint | number | null }[]>`
    SELECT max(rowid) AS "max" FROM "Event"`;
  const maxRowid = Number(last?.max ?? 0);
  if (maxRowid >= watermark) return;
  const value = JSON.stringify({ rowid: maxRowid } satisfies Watermark);
  await tx.setting.update({ where: { key: ROLLUP_WATERMARK_KEY }, data: { value } });
}

/**
 * Deletes raw events that occurred before `occurredBefore` and that the rollup has counted (an
 * event still to be counted is never lost), in batches. Returns how many were deleted.
 */
export async function purgeCountedEvents(occurredBefore: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      const row = await tx.setting.findUnique({ where: { key: ROLLUP_WATERMARK_KEY } });
      const watermark = parseWatermark(row?.value);
      if (isPostgres()) {
        if (!watermark.receivedAt) return 0;
        return tx.$executeRaw`
          DELETE FROM "Event" WHERE "id" IN (
            SELECT "id" FROM "Event"
            WHERE "occurredAt" < ${pgTimestamp(occurredBefore)}::timestamp
              AND "receivedAt" <= ${pgTimestamp(new Date(watermark.receivedAt))}::timestamp
            LIMIT ${PURGE_BATCH})`;
      }
      if (watermark.rowid === undefined) return 0;
      const n = await tx.$executeRaw`
        DELETE FROM "Event" WHERE rowid IN (
          SELECT rowid FROM "Event"
          WHERE rowid <= ${watermark.rowid} AND "occurredAt" < ${occurredBefore}
          LIMIT ${PURGE_BATCH})`;
      await keepWatermarkBelowNextRowid(tx);
      return n;
    }, ROLLUP_TX);
    deleted += count;
    if (count < PURGE_BATCH) return deleted;
  }
}

/**
 * Raw events of [from, to) that the rollup has not counted yet (it lags on PostgreSQL), as type
 * and user: what a reader of EventDaily adds to be exact up to now.
 */
export async function uncountedEvents(input: {
  accountId?: string;
  from: Date;
  to: Date;
}): Promise<{ type: string; userId: string | null }[]> {
  const row = await db.setting.findUnique({ where: { key: ROLLUP_WATERMARK_KEY } });
  const watermark = parseWatermark(row?.value);
  const account = input.accountId ? Prisma.sql`AND "accountId" = ${input.accountId}` : Prisma.empty;
  if (isPostgres()) {
    const after = pgTimestamp(new Date(watermark.receivedAt ?? 0));
    return db.$queryRaw`
      SELECT "type", "userId" FROM "Event"
      WHERE "receivedAt" > ${after}::timestamp
        AND "occurredAt" >= ${pgTimestamp(input.from)}::timestamp
        AND "occurredAt" < ${pgTimestamp(input.to)}::timestamp ${account}`;
  }
  return db.$queryRaw`
    SELECT "type", "userId" FROM "Event"
    WHERE rowid > ${watermark.rowid ?? 0} AND "occurredAt" >= ${input.from}
      AND "occurredAt" < ${input.to} ${account}`;
}
