// The bulk SQL behind the events API: a batch of 1,000 events goes to the database as ONE JSON
// parameter per statement. Prisma's createMany and `in` lists with thousands of parameters cost
// 20-40x more here (docs/decisions/0011-events-api.md); the SQL differs per database only in how
// a JSON array becomes rows. On SQLite the statements skip Prisma's query compiler (sqliteRows),
// which cost about a fifth of each batch on these large parameters.
import { randomBytes } from "node:crypto";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { providerOf } from "../../prisma/migrate";
import { db, sqliteRows } from "~/utils/db.server";
import { DEFAULT_DATABASE_URL } from "~/utils/env.server";

export type EventRow = {
  accountId: string;
  userId: string | null;
  type: string;
  properties: string;
  source: string;
  idempotencyKey: string | null;
  occurredAt: Date;
  receivedAt: Date;
};

export const isPostgres = () =>
  providerOf(process.env.DATABASE_URL || DEFAULT_DATABASE_URL) === "postgresql";

type AccountRef = {
  id: string;
  externalId: string;
  createdAt: Date;
  status: string;
  churnedAt: Date | null;
};
type UserRef = { id: string; externalId: string | null; email: string; accountId: string | null };

/** The strings of a JSON array as a one-column subquery on PostgreSQL. */
const pgValues = (values: string[]) =>
  Prisma.sql`(SELECT json_array_elements_text(${JSON.stringify(values)}::json))`;
/** The same on SQLite, for sqliteRows: one `?` bound to the JSON array. */
const SQLITE_VALUES = "(SELECT value FROM json_each(?))";

export async function findAccountsByExternalIds(externalIds: string[]): Promise<AccountRef[]> {
  if (!externalIds.length) return [];
  if (isPostgres()) {
    return db.$queryRaw<AccountRef[]>`
      SELECT "id", "externalId", "createdAt", "status", "churnedAt" FROM "Account"
      WHERE "externalId" IN ${pgValues(externalIds)}`;
  }
  const rows = await sqliteRows(
    `SELECT "id", "externalId", "createdAt", "status", "churnedAt" FROM "Account"
    WHERE "externalId" IN ${SQLITE_VALUES}`,
    [JSON.stringify(externalIds)],
  );
  return rows.map(([id, externalId, createdAt, status, churnedAt]) => ({
    id: id as string,
    externalId: externalId as string,
    createdAt: fromSqliteDate(createdAt),
    status: status as string,
    churnedAt: churnedAt === null ? null : fromSqliteDate(churnedAt),
  }));
}

/** Users by the product's id or by e-mail (already lower-cased), with their account. */
export async function findUsersByRefs(externalIds: string[], emails: string[]): Promise<UserRef[]> {
  if (!externalIds.length && !emails.length) return [];
  if (isPostgres()) {
    return db.$queryRaw<UserRef[]>`
      SELECT "id", "externalId", "email", "accountId" FROM "User"
      WHERE "externalId" IN ${pgValues(externalIds)} OR "email" IN ${pgValues(emails)}`;
  }
  const rows = await sqliteRows(
    `SELECT "id", "externalId", "email", "accountId" FROM "User"
    WHERE "externalId" IN ${SQLITE_VALUES} OR "email" IN ${SQLITE_VALUES}`,
    [JSON.stringify(externalIds), JSON.stringify(emails)],
  );
  return rows.map(([id, externalId, email, accountId]) => ({
    id: id as string,
    externalId: externalId as string | null,
    email: email as string,
    accountId: accountId as string | null,
  }));
}

// Ids shaped like Prisma's cuids (25 characters, "c", time first) so that new rows land at the
// end of the primary-key index instead of at random places, as random UUIDs would. The random
// part is drawn once per batch (per-row randomness cost more than the insert); the sequence
// keeps rows of one process apart, the random part rows of different processes.
let sequence = 0;
export function idMaker(now: number): () => string {
  const head = "c" + now.toString(36).padStart(9, "0").slice(-9);
  const tail = BigInt("0x" + randomBytes(8).toString("hex"))
    .toString(36)
    .padStart(11, "0")
    .slice(0, 11);
  return () => {
    sequence = (sequence + 1) % 36 ** 4;
    return head + sequence.toString(36).padStart(4, "0") + tail;
  };
}

/** Prisma's SQLite format for DateTime columns; text compares in time order only in one format. */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** SQLite's CURRENT_TIMESTAMP text: UTC without a zone, which Date.parse would read as local. */
const SQLITE_ZONELESS = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(:\d\d(\.\d+)?)?)$/;

/**
 * A DateTime column read without Prisma (sqliteRows): Prisma's text, a column default's
 * zone-less UTC text, or epoch milliseconds.
 */
export function fromSqliteDate(value: unknown): Date {
  if (typeof value === "number") return new Date(value);
  if (typeof value !== "string") throw new TypeError(`Not a SQLite date: ${String(value)}`);
  const zoneless = SQLITE_ZONELESS.exec(value);
  return new Date(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : value);
}

/**
 * Inserts the rows in one statement (atomic) and skips any whose idempotency key is stored
 * already or earlier in the same batch; the unique index decides races between concurrent
 * batches. Returns the ids given to the inserted rows, by position in `rows`.
 */
export async function insertEventsSkippingDuplicates(rows: EventRow[]): Promise<(string | null)[]> {
  if (!rows.length) return [];
  const newId = idMaker(Date.now());
  const ids = rows.map(() => newId());
  const inserted = isPostgres() ? await insertPostgres(rows, ids) : await insertSqlite(rows, ids);
  const insertedIds = new Set(inserted.map((r) => r.id));
  return ids.map((id) => (insertedIds.has(id) ? id : null));
}

function insertPostgres(rows: EventRow[], ids: string[]) {
  const json = JSON.stringify(rows.map((r, i) => ({ ...r, id: ids[i] })));
  // Timestamps arrive as UTC ISO strings; `timestamp` (no zone) keeps them as they are.
  return db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Event" ("id", "accountId", "userId", "type", "properties", "source", "idempotencyKey", "occurredAt", "receivedAt")
    SELECT "id", "accountId", "userId", "type", "properties", "source", "idempotencyKey", "occurredAt", "receivedAt"
    FROM json_to_recordset(${json}::json) AS x("id" text, "accountId" text, "userId" text,
      "type" text, "properties" text, "source" text, "idempotencyKey" text,
      "occurredAt" timestamp, "receivedAt" timestamp)
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id"`;
}

async function insertSqlite(rows: EventRow[], ids: string[]) {
  // Rows as arrays, not objects: SQLite reads positions faster than keys (~35 % less CPU).
  const json = JSON.stringify(
    rows.map((r, i) => [
      ids[i],
      r.accountId,
      r.userId,
      r.type,
      r.properties,
      r.source,
      r.idempotencyKey,
      sqliteDate(r.occurredAt),
      sqliteDate(r.receivedAt),
    ]),
  );
  // "WHERE true" resolves SQLite's parsing ambiguity between a SELECT's join and ON CONFLICT.
  // sqliteRows, not $queryRaw: Prisma's compiler cost a fifth of each batch on this parameter.
  const inserted = await sqliteRows(
    `INSERT INTO "Event" ("id", "accountId", "userId", "type", "properties", "source", "idempotencyKey", "occurredAt", "receivedAt")
    SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
      value ->> 6, value ->> 7, value ->> 8
    FROM json_each(?) WHERE true
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id"`,
    [json],
  );
  return inserted.map((row) => ({ id: row[0] as string }));
}
