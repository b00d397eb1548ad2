// Search insights for CS: what customers look for, what they do not find, what they find but do
// not open, and how often self-service spares a support request. Staff only: callers check
// requireStaff. Counting happens in the database (count/groupBy over date ranges, which the
// createdAt indexes serve); only what Prisma cannot group (by day, by best spelling) is done here.
import { db, type Prisma } from "~/utils/db.server";

export const INSIGHT_PERIODS = [7, 30, 90] as const;
export type InsightPeriod = (typeof INSIGHT_PERIODS)[number];
export const DEFAULT_INSIGHT_PERIOD: InsightPeriod = 30;
/** Rows in each of the query tables (top, no results, no click). */
export const QUERY_TABLE_ROWS = 20;
/** Rows per page of the per-account table. */
export const ACCOUNT_TABLE_PAGE_SIZE = 25;

const DAY_MS = 24 * 60 * 60 * 1000;

export function isInsightPeriod(value: unknown): value is InsightPeriod {
  return (INSIGHT_PERIODS as readonly unknown[]).includes(value);
}

/** Unknown values come from edited links: they mean the default, not an error page. */
export function parseInsightPeriod(raw: string | null): InsightPeriod {
  const days = Number(raw);
  return isInsightPeriod(days) ? days : DEFAULT_INSIGHT_PERIOD;
}

function startOfUtcDay(date: Date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * The last `days` whole days in UTC, today included: [from, to). Whole days make every point of
 * the trend chart a full day, and UTC is how the console shows every date.
 */
export function insightRange(days: InsightPeriod, now: Date = new Date()) {
  const to = new Date(startOfUtcDay(now).getTime() + DAY_MS);
  return { from: new Date(to.getTime() - days * DAY_MS), to };
}

/** A share, or null when there is nothing to divide by (shown as a dash, never as 0 %). */
function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export type QueryRow = {
  /** The folded form that groups spellings (SearchQuery.normalized). */
  key: string;
  /** The spelling people typed most often. */
  query: string;
  /** The language most of these searches were made in. */
  locale: string;
  searches: number;
  /** Mean number of results, rounded. */
  results: number;
  clickThroughRate: number | null;
};

export type ZeroResultRow = QueryRow & { lastSearchedAt: string; accounts: number };

export type NoClickRow = QueryRow & { unclicked: number };

export type DayPoint = {
  /** YYYY-MM-DD (UTC). */
  day: string;
  searches: number;
  zeroResult: number;
  clicks: number;
  deflections: number;
};

export type AccountRow = {
  id: string;
  name: string;
  searches: number;
  zeroResultRate: number | null;
  clickThroughRate: number | null;
  deflections: number;
};

export type SearchInsights = Awaited<ReturnType<typeof getSearchInsights>>;

export async function getSearchInsights(input: {
  days: InsightPeriod;
  /** Only this account's searches; an id that names no account means "all accounts". */
  accountId?: string | null;
  accountPage?: number;
  now?: Date;
}) {
  const { from, to } = insightRange(input.days, input.now);
  const account = input.accountId
    ? await db.account.findUnique({
        where: { id: input.accountId },
        select: { id: true, name: true },
      })
    : null;
  const inPeriod = { createdAt: { gte: from, lt: to } };
  const scope = account ? { ...inPeriod, accountId: account.id } : inPeriod;

  const [totals, queries, daily, accounts] = await Promise.all([
    getTotals(scope),
    getQueryTables(scope),
    getDailySeries(scope, from, input.days),
    getAccountActivity(inPeriod, input.accountPage ?? 1),
  ]);
  // The filter must show the chosen account even when it searched nothing in the period.
  const accountOptions =
    account && !accounts.options.some((o) => o.id === account.id)
      ? [...accounts.options, account].sort(byName)
      : accounts.options;
  return {
    days: input.days,
    defaultDays: DEFAULT_INSIGHT_PERIOD,
    from: from.toISOString(),
    to: to.toISOString(),
    account,
    totals,
    ...queries,
    daily,
    accounts: { ...accounts.table, options: accountOptions },
  };
}

type Scope = { createdAt: { gte: Date; lt: Date }; accountId?: string };

const withResults = { resultCount: { gt: 0 } } satisfies Prisma.SearchQueryWhereInput;
const noResults = { resultCount: 0 } satisfies Prisma.SearchQueryWhereInput;

// Every search has zero or more results, so "with results" is "all" minus "none", and the clicks
// of searches with results are all clicks minus those credited to a search that found nothing
// (a forged click request can do that). This halves the passes over the rows.

/** Search and deflection totals of a period (also the portfolio dashboard's deflection rate). */
export async function getTotals(scope: Scope) {
  const [all, none, searchers, deflections, supportRequests] = await Promise.all([
    db.searchQuery.aggregate({
      where: scope,
      _count: { _all: true, clickedDocId: true },
      _avg: { clickedPosition: true },
    }),
    db.searchQuery.aggregate({
      where: { ...scope, ...noResults },
      _count: { _all: true, clickedDocId: true },
    }),
    db.searchQuery.groupBy({ by: ["userId"], where: { ...scope, userId: { not: null } } }),
    db.deflection.count({ where: scope }),
    // Forum questions join the denominator when the community arrives.
    db.supportRequest.count({ where: scope }),
  ]);
  const searches = all._count._all;
  const zeroResult = none._count._all;
  const found = searches - zeroResult;
  const clicks = all._count.clickedDocId - none._count.clickedDocId;
  return {
    searches,
    searchers: searchers.length,
    zeroResult,
    zeroResultRate: share(zeroResult, searches),
    withResults: found,
    clicks,
    clickThroughRate: share(clicks, found),
    meanClickPosition: all._avg.clickedPosition,
    deflections,
    supportRequests,
    deflectionRate: share(deflections, deflections + supportRequests),
  };
}

const byCountDesc = [{ _count: { normalized: "desc" } }, { normalized: "asc" }] as const;

/** The three query tables: the most searched, those that found nothing, those never clicked. */
async function getQueryTables(scope: Scope) {
  const [top, zero, unclicked] = await Promise.all([
    db.searchQuery.groupBy({
      by: ["normalized"],
      where: scope,
      _count: { _all: true },
      orderBy: [...byCountDesc],
      take: QUERY_TABLE_ROWS,
    }),
    db.searchQuery.groupBy({
      by: ["normalized"],
      where: { ...scope, ...noResults },
      _count: { _all: true },
      _max: { createdAt: true },
      orderBy: [...byCountDesc],
      take: QUERY_TABLE_ROWS,
    }),
    db.searchQuery.groupBy({
      by: ["normalized"],
      where: { ...scope, ...withResults, clickedDocId: null },
      _count: { _all: true },
      orderBy: [...byCountDesc],
      take: QUERY_TABLE_ROWS,
    }),
  ]);
  const zeroKeys = zero.map((row) => row.normalized);
  const keys = [...new Set([...top, ...zero, ...unclicked].map((row) => row.normalized))];
  const [describe, accountPairs] = await Promise.all([
    describeQueries(scope, keys),
    db.searchQuery.groupBy({
      by: ["normalized", "accountId"],
      where: { ...scope, ...noResults, normalized: { in: zeroKeys }, accountId: { not: null } },
    }),
  ]);
  const accounts = countBy(accountPairs.map((pair) => pair.normalized));
  return {
    topQueries: top.map((row): QueryRow => describe(row.normalized)),
    zeroResultQueries: zero.map((row): ZeroResultRow => ({
      ...describe(row.normalized),
      searches: row._count._all,
      lastSearchedAt: (row._max.createdAt ?? new Date(0)).toISOString(),
      accounts: accounts.get(row.normalized) ?? 0,
    })),
    noClickQueries: unclicked.map((row): NoClickRow => ({
      ...describe(row.normalized),
      unclicked: row._count._all,
    })),
  };
}

/** Spelling, language, searches, mean results and click-through of each folded query. */
async function describeQueries(scope: Scope, keys: string[]) {
  const inKeys = { ...scope, normalized: { in: keys } };
  const [variants, none] = await Promise.all([
    db.searchQuery.groupBy({
      by: ["normalized", "query", "locale"],
      where: inKeys,
      _count: { _all: true, clickedDocId: true },
      _sum: { resultCount: true },
    }),
    db.searchQuery.groupBy({
      by: ["normalized"],
      where: { ...inKeys, ...noResults },
      _count: { _all: true, clickedDocId: true },
    }),
  ]);
  const noneBy = new Map(none.map((row) => [row.normalized, row._count]));
  const byKey = new Map<
    string,
    {
      spellings: Map<string, number>;
      locales: Map<string, number>;
      searches: number;
      clicks: number;
      results: number;
    }
  >();
  for (const row of variants) {
    let entry = byKey.get(row.normalized);
    if (!entry) {
      entry = { spellings: new Map(), locales: new Map(), searches: 0, clicks: 0, results: 0 };
      byKey.set(row.normalized, entry);
    }
    const n = row._count._all;
    entry.spellings.set(row.query, (entry.spellings.get(row.query) ?? 0) + n);
    entry.locales.set(row.locale, (entry.locales.get(row.locale) ?? 0) + n);
    entry.searches += n;
    entry.clicks += row._count.clickedDocId;
    entry.results += row._sum.resultCount ?? 0;
  }
  return (key: string): QueryRow => {
    const entry = byKey.get(key);
    const zero = noneBy.get(key) ?? { _all: 0, clickedDocId: 0 };
    if (!entry) {
      return { key, query: key, locale: "", searches: 0, results: 0, clickThroughRate: null };
    }
    return {
      key,
      query: mostCommon(entry.spellings),
      locale: mostCommon(entry.locales),
      searches: entry.searches,
      results: Math.round(entry.results / entry.searches),
      clickThroughRate: share(entry.clicks - zero.clickedDocId, entry.searches - zero._all),
    };
  };
}

/** The value counted most often; ties go to the first in code-point order, so pages are stable. */
function mostCommon(counts: Map<string, number>): string {
  let best = "";
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function countBy(values: string[]) {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function dayKey(date: Date) {
  return date.toISOString().slice(0, 10);
}

/**
 * One point per UTC day. Prisma cannot group by a day, and the SQL to do so differs between
 * SQLite and PostgreSQL, so the rows are read with three narrow columns and counted here. It is
 * the dearest part of the page: about a quarter of the time at 100,000 searches in the period.
 */
async function getDailySeries(scope: Scope, from: Date, days: number): Promise<DayPoint[]> {
  const points = new Map<string, DayPoint>();
  for (let i = 0; i < days; i++) {
    const day = dayKey(new Date(from.getTime() + i * DAY_MS));
    points.set(day, { day, searches: 0, zeroResult: 0, clicks: 0, deflections: 0 });
  }
  const [searches, deflections] = await Promise.all([
    db.searchQuery.findMany({
      where: scope,
      select: { createdAt: true, resultCount: true, clickedPosition: true },
    }),
    db.deflection.findMany({ where: scope, select: { createdAt: true } }),
  ]);
  for (const s of searches) {
    const point = points.get(dayKey(s.createdAt));
    if (!point) continue;
    point.searches += 1;
    if (s.resultCount === 0) point.zeroResult += 1;
    else if (s.clickedPosition !== null) point.clicks += 1;
  }
  for (const d of deflections) {
    const point = points.get(dayKey(d.createdAt));
    if (point) point.deflections += 1;
  }
  return [...points.values()];
}

type NamedAccount = { id: string; name: string };
function byName(a: NamedAccount, b: NamedAccount) {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/** Every account that searched or deflected in the period, busiest first, one page of them. */
async function getAccountActivity(inPeriod: Scope, requestedPage: number) {
  const withAccount = { ...inPeriod, accountId: { not: null } };
  const [all, none, deflections] = await Promise.all([
    db.searchQuery.groupBy({
      by: ["accountId"],
      where: withAccount,
      _count: { _all: true, clickedDocId: true },
    }),
    db.searchQuery.groupBy({
      by: ["accountId"],
      where: { ...withAccount, ...noResults },
      _count: { _all: true, clickedDocId: true },
    }),
    db.deflection.groupBy({ by: ["accountId"], where: inPeriod, _count: { _all: true } }),
  ]);
  const allBy = new Map(all.map((row) => [row.accountId ?? "", row._count]));
  const noneBy = new Map(none.map((row) => [row.accountId ?? "", row._count]));
  const deflectionsBy = new Map(deflections.map((row) => [row.accountId, row._count._all]));
  const ids = [...new Set([...allBy.keys(), ...deflectionsBy.keys()])];
  const named = await db.account.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  const empty = { _all: 0, clickedDocId: 0 };
  const rows: AccountRow[] = named
    .map((a) => {
      const searched = allBy.get(a.id) ?? empty;
      const zero = noneBy.get(a.id) ?? empty;
      return {
        id: a.id,
        name: a.name,
        searches: searched._all,
        zeroResultRate: share(zero._all, searched._all),
        clickThroughRate: share(
          searched.clickedDocId - zero.clickedDocId,
          searched._all - zero._all,
        ),
        deflections: deflectionsBy.get(a.id) ?? 0,
      };
    })
    .sort((a, b) => b.searches - a.searches || byName(a, b));
  const pageCount = Math.max(1, Math.ceil(rows.length / ACCOUNT_TABLE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pageCount);
  return {
    table: {
      rows: rows.slice((page - 1) * ACCOUNT_TABLE_PAGE_SIZE, page * ACCOUNT_TABLE_PAGE_SIZE),
      total: rows.length,
      page,
      pageCount,
    },
    options: named.map(({ id, name }) => ({ id, name })).sort(byName),
  };
}
