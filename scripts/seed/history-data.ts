// Demo history of account facts (AccountChange) so that GRR, NRR, logo churn and LTV on the
// dashboard are computed from real rows: each account starts at its creation with an ARR a
// deterministic draw puts below (expansion), above (contraction) or at today's value, changes
// to today's value once, and churned accounts change status on their churn date.
// Runs once: a database that has any history keeps it.
import { db } from "../../app/utils/db.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const SEED = 0x5eed_0015;
/** Shares of accounts whose ARR grew or shrank during their life (the rest stayed flat). */
const EXPANDED_SHARE = 0.35;
const CONTRACTED_SHARE = 0.15;
/** Accounts younger than this have not had a change yet. */
const MIN_AGE_FOR_CHANGE_DAYS = 120;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function seedAccountHistory(now = new Date()) {
  if ((await db.accountChange.count()) > 0) return { created: false, changes: 0 };
  const random = mulberry32(SEED);
  const accounts = await db.account.findMany({
    orderBy: { externalId: "asc" },
    select: {
      id: true,
      arr: true,
      plan: true,
      seats: true,
      status: true,
      churnedAt: true,
      createdAt: true,
    },
  });
  const rows: Array<{
    accountId: string;
    field: string;
    oldValue: string | null;
    newValue: string;
    source: string;
    changedAt: Date;
  }> = [];
  for (const a of accounts) {
    const draw = random();
    const factor =
      draw < EXPANDED_SHARE
        ? 0.6 + random() * 0.25
        : draw < EXPANDED_SHARE + CONTRACTED_SHARE
          ? 1.15 + random() * 0.25
          : 1;
    const end = a.churnedAt && a.churnedAt < now ? a.churnedAt : now;
    const ageDays = (end.getTime() - a.createdAt.getTime()) / DAY_MS;
    const changes = factor !== 1 && ageDays >= MIN_AGE_FOR_CHANGE_DAYS;
    const startArr = changes ? Math.round((a.arr * factor) / 10_000) * 10_000 : a.arr;
    const base = { accountId: a.id, source: "seed", oldValue: null, changedAt: a.createdAt };
    rows.push(
      { ...base, field: "arr", newValue: String(startArr) },
      { ...base, field: "plan", newValue: a.plan },
      { ...base, field: "seats", newValue: String(a.seats) },
      { ...base, field: "status", newValue: "active" },
    );
    if (changes) {
      const at = new Date(a.createdAt.getTime() + (60 + random() * (ageDays - 90)) * DAY_MS);
      rows.push({
        accountId: a.id,
        field: "arr",
        oldValue: String(startArr),
        newValue: String(a.arr),
        source: "seed",
        changedAt: at,
      });
    }
    if (a.status === "churned" && a.churnedAt) {
      rows.push({
        accountId: a.id,
        field: "status",
        oldValue: "active",
        newValue: "churned",
        source: "seed",
        changedAt: a.churnedAt,
      });
    }
  }
  await db.accountChange.createMany({ data: rows });
  return { created: true, changes: rows.length };
}
