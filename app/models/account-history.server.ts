// The history of the account facts revenue figures need (ARR, plan, status, seats), written by
// every path that changes them (CSV import, accounts API, admin edits, seed), and the retention
// figures computed from it. The dashboard (branch health-console) calls revenueRetention().
import { db, type Db, type Prisma } from "~/utils/db.server";
import { computeRetention, type AccountTimeline, type RetentionFigures } from "./retention";

export { computeRetention, type RetentionFigures } from "./retention";

export const TRACKED_FIELDS = ["arr", "plan", "status", "seats"] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];
export const CHANGE_SOURCES = ["import", "api", "admin", "seed"] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

export type TrackedFacts = { arr: number; plan: string; status: string; seats: number };

type ChangeClient = Pick<Db, "accountChange">;

/** The change rows between two states of one account (before = null: the account is new). */
export function diffFacts(
  before: TrackedFacts | null,
  after: TrackedFacts,
): Array<{ field: TrackedField; oldValue: string | null; newValue: string }> {
  const out: Array<{ field: TrackedField; oldValue: string | null; newValue: string }> = [];
  for (const field of TRACKED_FIELDS) {
    const next = String(after[field]);
    const prev = before ? String(before[field]) : null;
    if (prev !== next) out.push({ field, oldValue: prev, newValue: next });
  }
  return out;
}

/** Writes the history rows of one account's change; pass the transaction client. */
export async function recordAccountChanges(
  client: ChangeClient,
  input: {
    accountId: string;
    before: TrackedFacts | null;
    after: TrackedFacts;
    source: ChangeSource;
    changedAt?: Date;
  },
): Promise<number> {
  const rows = diffFacts(input.before, input.after).map((change) => ({
    ...change,
    accountId: input.accountId,
    source: input.source,
    changedAt: input.changedAt ?? new Date(),
  }));
  if (rows.length > 0) await client.accountChange.createMany({ data: rows });
  return rows.length;
}

export async function listAccountChanges(accountId: string, take = 50) {
  return db.accountChange.findMany({
    where: { accountId },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      field: true,
      oldValue: true,
      newValue: true,
      source: true,
      changedAt: true,
    },
  });
}

/**
 * Gross and net revenue retention, logo churn and average LTV of the accounts that were active
 * at `from`, measured at `to`. An account with no history at all (made before history existed)
 * counts with its current facts from its creation date.
 */
export async function revenueRetention(
  input: { from: Date; to: Date },
  client: Pick<Db, "account" | "accountChange"> = db,
): Promise<RetentionFigures> {
  const where: Prisma.AccountChangeWhereInput = {
    field: { in: ["arr", "status"] },
    changedAt: { lte: input.to },
  };
  const [changes, accounts] = await Promise.all([
    client.accountChange.findMany({
      where,
      select: { accountId: true, field: true, newValue: true, changedAt: true },
      orderBy: [{ changedAt: "asc" }, { id: "asc" }],
    }),
    client.account.findMany({
      where: { createdAt: { lte: input.to } },
      select: { id: true, arr: true, status: true, createdAt: true },
    }),
  ]);
  const timelines = new Map<string, AccountTimeline>();
  for (const c of changes) {
    let t = timelines.get(c.accountId);
    if (!t) {
      t = { arr: [], status: [] };
      timelines.set(c.accountId, t);
    }
    if (c.field === "arr") t.arr.push({ at: c.changedAt, value: Number(c.newValue ?? 0) });
    else t.status.push({ at: c.changedAt, value: c.newValue ?? "active" });
  }
  for (const a of accounts) {
    if (timelines.has(a.id)) continue;
    timelines.set(a.id, {
      arr: [{ at: a.createdAt, value: a.arr }],
      status: [{ at: a.createdAt, value: a.status }],
    });
  }
  return computeRetention([...timelines.values()], input.from, input.to);
}

/**
 * Every account's ARR on any day up to `to`, from the ARR history: the value of the last change
 * on or before that day, before the first change its old value, and without history the ARR the
 * account has now. What the dashboard's revenue figures read (app/models/portfolio.server.ts).
 */
export async function arrHistory(
  to: Date,
  client: Pick<Db, "account" | "accountChange"> = db,
): Promise<(accountId: string, day: Date) => number> {
  const [changes, accounts] = await Promise.all([
    client.accountChange.findMany({
      where: { field: "arr", changedAt: { lte: to } },
      select: { accountId: true, oldValue: true, newValue: true, changedAt: true },
      orderBy: [{ changedAt: "asc" }, { id: "asc" }],
    }),
    client.account.findMany({ select: { id: true, arr: true } }),
  ]);
  const current = new Map(accounts.map((a) => [a.id, a.arr]));
  const byAccount = new Map<string, typeof changes>();
  for (const c of changes) {
    const list = byAccount.get(c.accountId) ?? [];
    list.push(c);
    byAccount.set(c.accountId, list);
  }
  return (accountId, day) => {
    const list = byAccount.get(accountId);
    if (!list?.length) return current.get(accountId) ?? 0;
    let value = Number(list[0]!.oldValue ?? 0);
    for (const c of list) {
      if (c.changedAt > day) break;
      value = Number(c.newValue ?? 0);
    }
    return value;
  };
}
