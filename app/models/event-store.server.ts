// The bulk SQL behind the events API: a batch of 1,000 events goes to the database as ONE JSON
// parameter per statement. Prisma's createMany and `in` lists with thousands of parameters cost
// 20-40x more here (docs/decisions/0011-events-api.md); the SQL differs per database only in how
// a JSON array becomes rows.
import { randomBytes } from "node:crypto";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { providerOf } from "../../prisma/migrate";
import { db } from "~/utils/db.server";
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

/** The strings of a JSON array as a one-column subquery. */
function jsonValues(values: string[]) {
  const json = JSON.stringify(values);
  return isPostgres()
    ? Prisma.sql`(SELECT json_array_elements_text(${json}::json))`
    : Prisma.sql`(SELECT value FROM json_each(${json}))`;
}

export async function findAccountsByExternalIds(externalIds: string[]) {
  if (!externalIds.length) return [];
  return db.$queryRaw<
    { id: string; externalId: string; createdAt: Date; status: string; churnedAt: Date | null }[]
  >`SELECT "id", "externalId", "createdAt", "status", "churnedAt" FROM "Account"
    WHERE "externalId" IN ${jsonValues(externalIds)}`;
}

/** Users by the product's id or by e-mail (already lower-cased), with their account. */
export async function findUsersByRefs(externalIds: string[], emails: string[]) {
  if (!externalIds.length && !emails.length) return [];
  return db.$queryRaw<
    { id: string; externalId: string | null; email: string; accountId: string | null }[]
  >`SELECT "id", "externalId", "email", "accountId" FROM "User"
    WHERE "externalId" IN ${jsonValues(externalIds)} OR "email" IN ${jsonValues(emails)}`;
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

function insertSqlite(rows: EventRow[], ids: string[]) {
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
  return db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Event" ("id", "accountId", "userId", "type", "properties", "source", "idempotencyKey", "occurredAt", "receivedAt")
    SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
      value ->> 6, value ->> 7, value ->> 8
    FROM json_each(${json}) WHERE true
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id"`;
}
