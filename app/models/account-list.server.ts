// The CS account list with health: filters (band, segment, owner, renewal window, search), sorts
// (score, trend, ARR, renewal, name), paging, and each row's last activity. Staff only.
import { db, type Prisma } from "~/utils/db.server";
import { BANDS, type Band } from "~/health/model";
import { PAGE_SIZE, searchKey, SEARCH_MAX_LENGTH } from "./account.server";
import {
  ACCOUNT_SORTS,
  DEFAULT_DIR,
  OWNER_NONE,
  RENEWAL_WINDOWS,
  type AccountListFilters,
  type AccountSort,
  type RenewalWindow,
} from "./account-list";
import { SEGMENTS, type Segment } from "./segment";

export * from "./account-list";

const ID_MAX_LENGTH = 40;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads the list's query string; unknown values (edited links) mean "no filter", not an error. */
export function parseAccountListQuery(params: URLSearchParams): AccountListFilters {
  const band = params.get("band");
  const segment = params.get("segment");
  const owner = params.get("owner");
  const renewal = Number(params.get("renewal"));
  const sort = params.get("sort") as AccountSort;
  const validSort = (ACCOUNT_SORTS as readonly string[]).includes(sort) ? sort : "name";
  const dir = params.get("dir");
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q: (params.get("q") ?? "").trim().slice(0, SEARCH_MAX_LENGTH),
    band: (BANDS as readonly string[]).includes(band ?? "") ? (band as Band) : null,
    segment: (SEGMENTS as readonly string[]).includes(segment ?? "") ? (segment as Segment) : null,
    owner: owner && owner.length <= ID_MAX_LENGTH && /^[a-z0-9]+$/i.test(owner) ? owner : null,
    renewal: (RENEWAL_WINDOWS as readonly number[]).includes(renewal)
      ? (renewal as RenewalWindow)
      : null,
    sort: validSort,
    dir: dir === "asc" || dir === "desc" ? dir : DEFAULT_DIR[validSort],
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

const rowSelect = {
  id: true,
  name: true,
  externalId: true,
  plan: true,
  arr: true,
  segment: true,
  status: true,
  renewalDate: true,
  healthScore: true,
  healthBand: true,
  healthTrend7: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.AccountSelect;

/** The list's order, which the CSV export keeps too. */
export function accountListOrder(
  sort: AccountSort,
  dir: "asc" | "desc",
): Prisma.AccountOrderByWithRelationInput[] {
  // Accounts without the value (never scored, no renewal date) come last either way; the id
  // breaks ties so that pages never repeat or skip a row.
  const tail: Prisma.AccountOrderByWithRelationInput[] = [{ name: "asc" }, { id: "asc" }];
  switch (sort) {
    case "score":
      return [{ healthScore: { sort: dir, nulls: "last" } }, ...tail];
    case "trend":
      return [{ healthTrend7: { sort: dir, nulls: "last" } }, ...tail];
    case "arr":
      return [{ arr: dir }, ...tail];
    case "renewal":
      return [{ renewalDate: { sort: dir, nulls: "last" } }, ...tail];
    default:
      return [{ name: dir }, { id: "asc" }];
  }
}

type SortRow = {
  id: string;
  name: string;
  arr: number;
  healthScore: number | null;
  healthTrend7: number | null;
  renewalDate: Date | null;
};

/** The same order as orderBy(), in code (for search results filtered in code). */
function compareRows(sort: AccountSort, dir: "asc" | "desc") {
  const sign = dir === "asc" ? 1 : -1;
  const value = (r: SortRow): number | string | null =>
    sort === "score"
      ? r.healthScore
      : sort === "trend"
        ? r.healthTrend7
        : sort === "arr"
          ? r.arr
          : sort === "renewal"
            ? (r.renewalDate?.getTime() ?? null)
            : r.name;
  return (a: SortRow, b: SortRow) => {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      return (va < vb ? -1 : 1) * sign;
    }
    if (sort !== "name" && a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** The filters other than the text search, as a where clause (the list and its CSV export). */
export function accountListWhere(
  filters: AccountListFilters,
  now = new Date(),
): Prisma.AccountWhereInput {
  return {
    ...(filters.band ? { healthBand: filters.band } : {}),
    ...(filters.segment ? { segment: filters.segment } : {}),
    ...(filters.owner === OWNER_NONE
      ? { ownerId: null }
      : filters.owner
        ? { ownerId: filters.owner }
        : {}),
    ...(filters.renewal
      ? {
          status: "active",
          renewalDate: { gte: now, lte: new Date(now.getTime() + filters.renewal * DAY_MS) },
        }
      : {}),
  };
}

/** The text search: name or external id, width and case folded (searchKey). */
export function matchesAccountSearch(account: { name: string; externalId: string }, q: string) {
  const key = searchKey(q);
  return searchKey(account.name).includes(key) || searchKey(account.externalId).includes(key);
}

export async function listAccountsWithHealth(filters: AccountListFilters, now = new Date()) {
  const where = accountListWhere(filters, now);
  let total: number;
  let pageIds: string[] | null = null;
  let page = filters.page;
  if (filters.q) {
    // Text search folds width and case in code (see searchKey in account.server.ts).
    const q = filters.q;
    const candidates = await db.account.findMany({
      where,
      select: {
        id: true,
        name: true,
        externalId: true,
        arr: true,
        healthScore: true,
        healthTrend7: true,
        renewalDate: true,
      },
    });
    const matches = candidates
      .filter((a) => matchesAccountSearch(a, q))
      .sort(compareRows(filters.sort, filters.dir));
    total = matches.length;
    page = clamp(page, total);
    pageIds = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((a) => a.id);
  } else {
    total = await db.account.count({ where });
    page = clamp(page, total);
  }
  const rows = await db.account.findMany({
    where: pageIds ? { id: { in: pageIds } } : where,
    select: rowSelect,
    orderBy: accountListOrder(filters.sort, filters.dir),
    ...(pageIds ? {} : { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  });
  // Last activity: the newest event of each account on the page (index accountId, occurredAt).
  const last = rows.length
    ? await db.event.groupBy({
        by: ["accountId"],
        where: { accountId: { in: rows.map((r) => r.id) } },
        _max: { occurredAt: true },
      })
    : [];
  const lastById = new Map(last.map((l) => [l.accountId, l._max.occurredAt]));
  return {
    accounts: rows.map((r) => ({ ...r, lastActivityAt: lastById.get(r.id) ?? null })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

function clamp(page: number, total: number) {
  return Math.min(Math.max(1, page), Math.max(1, Math.ceil(total / PAGE_SIZE)));
}

/** Staff who own accounts, for the owner filter. */
export function listAccountOwners() {
  return db.user.findMany({
    where: { role: { in: ["cs", "admin"] }, ownedAccounts: { some: {} } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
