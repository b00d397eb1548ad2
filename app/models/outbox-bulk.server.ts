// Bulk queuing for digests and newsletters: thousands of outbox rows per statement, each skipped
// when its dedupe key is queued already (ON CONFLICT DO NOTHING), so a second process or a restart
// queues nothing twice. Same technique as app/models/event-store.server.ts.
import { randomBytes } from "node:crypto";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { providerOf } from "../../prisma/migrate";
import { db } from "~/utils/db.server";
import { DEFAULT_DATABASE_URL } from "~/utils/env.server";
import { afterCommit } from "~/utils/transaction-context.server";
import type { OutgoingEmail } from "./email.server";
import { normalizeAddress, onEmailQueuedListener } from "./email.server";

/** Rows per INSERT: large enough to amortise the round trip, small enough for one parameter. */
export const BULK_INSERT_CHUNK = 500;

const isPostgres = () =>
  providerOf(process.env.DATABASE_URL || DEFAULT_DATABASE_URL) === "postgresql";
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** A DateTime parameter as each database compares it (Prisma's text format on SQLite). */
export function sqlTime(d: Date): Prisma.Sql {
  return isPostgres() ? Prisma.sql`${d.toISOString()}::timestamp` : Prisma.sql`${sqliteDate(d)}`;
}

/** The strings of a JSON array as a one-column subquery (one parameter, any length). */
export function sqlValues(values: string[]): Prisma.Sql {
  const json = JSON.stringify(values);
  return isPostgres()
    ? Prisma.sql`(SELECT json_array_elements_text(${json}::json))`
    : Prisma.sql`(SELECT value FROM json_each(${json}))`;
}

let sequence = 0;
function newId(head: string, tail: string) {
  sequence = (sequence + 1) % 36 ** 4;
  return head + sequence.toString(36).padStart(4, "0") + tail;
}

/**
 * Queues the messages (each needs a dedupeKey); returns the dedupe keys actually inserted.
 * Suppressed (bounced) addresses are stored as "suppressed" and never sent.
 */
export async function enqueueEmailsBulk(
  messages: (OutgoingEmail & { dedupeKey: string })[],
  now = new Date(),
): Promise<Set<string>> {
  const inserted = new Set<string>();
  if (!messages.length) return inserted;
  const suppressed = new Set(
    (await db.emailSuppression.findMany({ select: { email: true } })).map((s) => s.email),
  );
  const head = "c" + now.getTime().toString(36).padStart(9, "0").slice(-9);
  const tail = BigInt("0x" + randomBytes(8).toString("hex"))
    .toString(36)
    .padStart(11, "0")
    .slice(0, 11);
  for (let i = 0; i < messages.length; i += BULK_INSERT_CHUNK) {
    const rows = messages.slice(i, i + BULK_INSERT_CHUNK).map((m) => {
      const to = normalizeAddress(m.to);
      const blocked = suppressed.has(to);
      return [
        newId(head, tail),
        to,
        m.subject,
        m.text,
        m.html ?? null,
        JSON.stringify(m.headers ?? {}),
        m.kind,
        m.locale,
        m.userId ?? null,
        blocked ? "suppressed" : "pending",
        blocked ? "address bounced earlier" : null,
        m.dedupeKey,
      ] as const;
    });
    const keys = isPostgres() ? await insertPostgres(rows, now) : await insertSqlite(rows, now);
    for (const k of keys) inserted.add(k.dedupeKey);
  }
  if (inserted.size) afterCommit(() => onEmailQueuedListener()?.());
  return inserted;
}

type Row = readonly (string | null)[];

function insertSqlite(rows: Row[], now: Date) {
  const json = JSON.stringify(rows);
  const at = sqliteDate(now);
  // "WHERE true" resolves SQLite's parsing ambiguity between a SELECT's join and ON CONFLICT.
  return db.$queryRaw<{ dedupeKey: string }[]>`
    INSERT INTO "EmailOutbox" ("id", "to", "subject", "text", "html", "headers", "kind", "locale",
      "userId", "status", "lastError", "dedupeKey", "nextAttemptAt", "createdAt")
    SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
      value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, ${at}, ${at}
    FROM json_each(${json}) WHERE true
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "dedupeKey"`;
}

function insertPostgres(rows: Row[], now: Date) {
  const json = JSON.stringify(rows);
  const at = now.toISOString();
  return db.$queryRaw<{ dedupeKey: string }[]>`
    INSERT INTO "EmailOutbox" ("id", "to", "subject", "text", "html", "headers", "kind", "locale",
      "userId", "status", "lastError", "dedupeKey", "nextAttemptAt", "createdAt")
    SELECT r ->> 0, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, r ->> 6, r ->> 7, r ->> 8,
      r ->> 9, r ->> 10, r ->> 11, ${at}::timestamp, ${at}::timestamp
    FROM json_array_elements(${json}::json) AS r
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "dedupeKey"`;
}
