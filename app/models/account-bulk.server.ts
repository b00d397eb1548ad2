// Bulk writes of accounts and their history in one statement per batch (a JSON array unpacked by
// the database), as event-store.server.ts does for events: Prisma's createMany and one update
// per row cost ~0.5 ms a row here, which put a 50,000-row import far over its 30 s budget.
import type { Db } from "~/utils/db.server";
import { idMaker, isPostgres, sqliteDate } from "./event-store.server";

type Raw = Pick<Db, "$executeRaw">;

export type AccountWrite = {
  externalId: string;
  name: string;
  plan: string;
  arr: number;
  seats: number;
  segment: string;
  renewalDate: Date | null;
  ownerId: string | null;
  status: string;
  churnedAt: Date | null;
  churnReason: string | null;
};

export type ChangeWrite = {
  accountId: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: string;
  changedAt: Date;
};

/** Rows per statement: well inside SQLite's and PostgreSQL's statement size limits. */
const BULK_ROWS = 2_000;

const date = (d: Date | null) =>
  d === null ? null : isPostgres() ? d.toISOString() : sqliteDate(d);

function accountTuple(id: string, a: AccountWrite, now: Date) {
  return [
    id,
    a.externalId,
    a.name,
    a.plan,
    a.arr,
    a.seats,
    a.segment,
    date(a.renewalDate),
    a.ownerId,
    a.status,
    date(a.churnedAt),
    a.churnReason,
    date(now),
  ];
}

/** Inserts new accounts; returns their ids by external id. */
export async function insertAccounts(client: Raw, rows: AccountWrite[], now = new Date()) {
  const newId = idMaker(now.getTime());
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += BULK_ROWS) {
    const chunk = rows.slice(i, i + BULK_ROWS);
    const json = JSON.stringify(
      chunk.map((a) => {
        const id = newId();
        ids.set(a.externalId, id);
        return accountTuple(id, a, now);
      }),
    );
    if (isPostgres()) {
      await client.$executeRaw`
        INSERT INTO "Account" ("id", "externalId", "name", "plan", "arr", "seats", "segment",
          "renewalDate", "ownerId", "status", "churnedAt", "churnReason", "createdAt", "updatedAt")
        SELECT v->>0, v->>1, v->>2, v->>3, (v->>4)::int, (v->>5)::int, v->>6,
          (v->>7)::timestamp, v->>8, v->>9, (v->>10)::timestamp, v->>11,
          (v->>12)::timestamp, (v->>12)::timestamp
        FROM json_array_elements(${json}::json) AS v`;
    } else {
      await client.$executeRaw`
        INSERT INTO "Account" ("id", "externalId", "name", "plan", "arr", "seats", "segment",
          "renewalDate", "ownerId", "status", "churnedAt", "churnReason", "createdAt", "updatedAt")
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
          value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11,
          value ->> 12, value ->> 12
        FROM json_each(${json})`;
    }
  }
  return ids;
}

/** Sets every listed field of existing accounts (by id) to the given values. */
export async function updateAccounts(
  client: Raw,
  rows: Array<{ id: string } & AccountWrite>,
  now = new Date(),
) {
  for (let i = 0; i < rows.length; i += BULK_ROWS) {
    const json = JSON.stringify(
      rows.slice(i, i + BULK_ROWS).map((a) => accountTuple(a.id, a, now)),
    );
    if (isPostgres()) {
      await client.$executeRaw`
        UPDATE "Account" AS a SET "name" = v->>2, "plan" = v->>3, "arr" = (v->>4)::int,
          "seats" = (v->>5)::int, "segment" = v->>6, "renewalDate" = (v->>7)::timestamp,
          "ownerId" = v->>8, "status" = v->>9, "churnedAt" = (v->>10)::timestamp,
          "churnReason" = v->>11, "updatedAt" = (v->>12)::timestamp
        FROM json_array_elements(${json}::json) AS v
        WHERE a."id" = v->>0`;
    } else {
      await client.$executeRaw`
        UPDATE "Account" SET "name" = x.value ->> 2, "plan" = x.value ->> 3,
          "arr" = x.value ->> 4, "seats" = x.value ->> 5, "segment" = x.value ->> 6,
          "renewalDate" = x.value ->> 7, "ownerId" = x.value ->> 8, "status" = x.value ->> 9,
          "churnedAt" = x.value ->> 10, "churnReason" = x.value ->> 11, "updatedAt" = x.value ->> 12
        FROM json_each(${json}) AS x
        WHERE "Account"."id" = x.value ->> 0`;
    }
  }
}

export async function insertAccountChanges(client: Raw, rows: ChangeWrite[]) {
  if (!rows.length) return;
  const newId = idMaker(Date.now());
  for (let i = 0; i < rows.length; i += BULK_ROWS) {
    const json = JSON.stringify(
      rows
        .slice(i, i + BULK_ROWS)
        .map((c) => [
          newId(),
          c.accountId,
          c.field,
          c.oldValue,
          c.newValue,
          c.source,
          date(c.changedAt),
        ]),
    );
    if (isPostgres()) {
      await client.$executeRaw`
        INSERT INTO "AccountChange" ("id", "accountId", "field", "oldValue", "newValue", "source", "changedAt")
        SELECT v->>0, v->>1, v->>2, v->>3, v->>4, v->>5, (v->>6)::timestamp
        FROM json_array_elements(${json}::json) AS v`;
    } else {
      await client.$executeRaw`
        INSERT INTO "AccountChange" ("id", "accountId", "field", "oldValue", "newValue", "source", "changedAt")
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6
        FROM json_each(${json})`;
    }
  }
}
