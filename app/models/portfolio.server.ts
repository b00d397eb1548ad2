// The portfolio dashboard (/admin): health distribution, accounts at risk by ARR, renewals with
// their band, revenue retention, deflection, and engagement over 12 weeks. Staff only.
import { BANDS, type Band } from "~/health/model";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { db } from "~/utils/db.server";
import { isPostgres, pgTimestamp } from "~/utils/db-kind.server";
import { arrHistory } from "./account-history.server";
import { getTotals } from "./search-insights.server";

/** The period revenue figures look back over (trailing twelve months). */
export const REVENUE_PERIOD_DAYS = 365;
export const AT_RISK_SHOWN = 10;
export const RENEWAL_DAYS = 90;
export const RENEWALS_SHOWN = 15;
export const ENGAGEMENT_WEEKS = 12;
export const DEFLECTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

export type RevenueAccount = {
  id: string;
  arr: number;
  status: string;
  createdAt: Date;
  churnedAt: Date | null;
};

export type RevenueFigures = {
  periodStart: Date;
  periodEnd: Date;
  /** Accounts active at the period's start, and their ARR then. */
  startAccounts: number;
  startArr: number;
  churnedAccounts: number;
  churnedArr: number;
  /** ARR now of the start cohort's accounts that are still customers. */
  retainedArr: number;
  /** (start ARR − churned − contraction) / start ARR, at most 1. Null without a cohort. */
  grossRetention: number | null;
  /** (start ARR − churned − contraction + expansion) / start ARR. Null without a cohort. */
  netRetention: number | null;
  /** Accounts lost in the period / accounts at its start. */
  logoChurnRate: number | null;
  /** Average ARR per active account / annual logo churn rate; null when nobody churned. */
  averageLtv: number | null;
  averageArr: number | null;
  /** False while ARR at the period's start is today's ARR (no ARR history yet, issue #11). */
  arrHistoryKnown: boolean;
};

/**
 * Gross and net revenue retention, logo churn rate and average LTV over the `periodDays` before
 * `now`, from account data. The ONE place these figures are computed: when ARR history exists
 * (issue #11), pass `arrAt` (an account's ARR on a day) and contraction and expansion count.
 * Until then an account's ARR at the start is its ARR today (or at churn), so net equals gross.
 */
export function revenueFigures(
  accounts: readonly RevenueAccount[],
  now: Date,
  options: { periodDays?: number; arrAt?: (accountId: string, day: Date) => number } = {},
): RevenueFigures {
  const periodDays = options.periodDays ?? REVENUE_PERIOD_DAYS;
  const start = new Date(now.getTime() - periodDays * DAY_MS);
  const { arrAt } = options;
  const arrAtStart = (a: RevenueAccount) => (arrAt ? arrAt(a.id, start) : a.arr);
  const arrNow = (a: RevenueAccount) => (arrAt ? arrAt(a.id, now) : a.arr);
  const cohort = accounts.filter(
    (a) => a.createdAt <= start && (a.churnedAt === null || a.churnedAt > start),
  );
  const churned = cohort.filter(
    (a) => a.status === "churned" && a.churnedAt !== null && a.churnedAt <= now,
  );
  const churnedIds = new Set(churned.map((a) => a.id));
  const retained = cohort.filter((a) => !churnedIds.has(a.id));
  const startArr = sum(cohort.map(arrAtStart));
  const churnedArr = sum(churned.map(arrAtStart));
  let contraction = 0;
  let expansion = 0;
  for (const a of retained) {
    const before = arrAtStart(a);
    const after = arrNow(a);
    if (after < before) contraction += before - after;
    else expansion += after - before;
  }
  const active = accounts.filter((a) => a.status !== "churned");
  const averageArr = active.length ? sum(active.map((a) => a.arr)) / active.length : null;
  const logoChurnRate = cohort.length ? churned.length / cohort.length : null;
  // Lifetime in years = 1 / annual churn rate; scale a shorter period's rate to a year.
  const annualChurn = logoChurnRate === null ? null : logoChurnRate * (365 / periodDays);
  return {
    periodStart: start,
    periodEnd: now,
    startAccounts: cohort.length,
    startArr,
    churnedAccounts: churned.length,
    churnedArr,
    retainedArr: sum(retained.map(arrNow)),
    grossRetention: startArr > 0 ? (startArr - churnedArr - contraction) / startArr : null,
    netRetention:
      startArr > 0 ? (startArr - churnedArr - contraction + expansion) / startArr : null,
    logoChurnRate,
    averageLtv: averageArr !== null && annualChurn ? averageArr / annualChurn : null,
    averageArr,
    arrHistoryKnown: Boolean(arrAt),
  };
}

function sum(values: number[]) {
  return values.reduce((a, b) => a + b, 0);
}

function ts(d: Date) {
  return isPostgres() ? Prisma.sql`${pgTimestamp(d)}::timestamp` : Prisma.sql`${d}`;
}

/** Monday 00:00 UTC of the week holding `d`. */
export function weekStart(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const offset = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - offset * DAY_MS);
}

/** Weekly active users and events per week over the last `weeks` weeks (this week last). */
async function engagementWeeks(now: Date, weeks = ENGAGEMENT_WEEKS) {
  const first = new Date(weekStart(now).getTime() - (weeks - 1) * WEEK_MS);
  const result: { week: Date; activeUsers: number; events: number }[] = [];
  for (let i = 0; i < weeks; i += 1) {
    const from = new Date(first.getTime() + i * WEEK_MS);
    const to = new Date(from.getTime() + WEEK_MS);
    // One pass per week over the daily rollup (app/commands/rollup-events.server.ts).
    const [row] = await db.$queryRaw<{ users: bigint | number; events: bigint | number | null }[]>`
      SELECT count(DISTINCT CASE WHEN "userId" <> '' THEN "userId" END) AS "users",
             sum("count") AS "events"
      FROM "EventDaily" WHERE "day" >= ${ts(from)} AND "day" < ${ts(to)}`;
    result.push({
      week: from,
      activeUsers: Number(row?.users ?? 0),
      events: Number(row?.events ?? 0),
    });
  }
  return result;
}

export async function getPortfolio(now = new Date()) {
  const active = { status: "active" };
  const renewalEnd = new Date(now.getTime() + RENEWAL_DAYS * DAY_MS);
  const deflectionFrom = new Date(now.getTime() - DEFLECTION_DAYS * DAY_MS);
  const [
    bandRows,
    unscored,
    atRisk,
    renewals,
    renewalCount,
    revenueRows,
    arrAt,
    search,
    engagement,
  ] = await Promise.all([
    db.account.groupBy({
      by: ["healthBand"],
      where: { ...active, healthBand: { not: null } },
      _count: { _all: true },
      _sum: { arr: true },
    }),
    db.account.count({ where: { ...active, healthBand: null } }),
    db.account.findMany({
      where: { ...active, healthBand: { in: ["red", "yellow"] } },
      orderBy: [{ arr: "desc" }, { healthScore: "asc" }, { id: "asc" }],
      take: AT_RISK_SHOWN,
      select: {
        id: true,
        name: true,
        arr: true,
        healthScore: true,
        healthBand: true,
        healthTrend7: true,
        renewalDate: true,
        owner: { select: { name: true } },
      },
    }),
    db.account.findMany({
      where: { ...active, renewalDate: { gte: now, lte: renewalEnd } },
      orderBy: [{ renewalDate: "asc" }, { name: "asc" }],
      take: RENEWALS_SHOWN,
      select: {
        id: true,
        name: true,
        arr: true,
        renewalDate: true,
        healthScore: true,
        healthBand: true,
        owner: { select: { name: true } },
      },
    }),
    db.account.count({ where: { ...active, renewalDate: { gte: now, lte: renewalEnd } } }),
    db.account.findMany({
      select: { id: true, arr: true, status: true, createdAt: true, churnedAt: true },
    }),
    arrHistory(now),
    getTotals({ createdAt: { gte: deflectionFrom, lt: now } }),
    engagementWeeks(now),
  ]);
  const distribution = Object.fromEntries(BANDS.map((b) => [b, { accounts: 0, arr: 0 }])) as Record<
    Band,
    { accounts: number; arr: number }
  >;
  for (const row of bandRows) {
    const band = row.healthBand as Band;
    if (distribution[band]) {
      distribution[band] = { accounts: row._count._all, arr: row._sum.arr ?? 0 };
    }
  }
  return {
    distribution,
    unscored,
    atRisk,
    renewals,
    renewalCount,
    renewalDays: RENEWAL_DAYS,
    revenue: revenueFigures(revenueRows, now, { arrAt }),
    deflection: {
      days: DEFLECTION_DAYS,
      rate: search.deflectionRate,
      deflections: search.deflections,
      supportRequests: search.supportRequests,
    },
    engagement,
  };
}
