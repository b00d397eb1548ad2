// The CS account list's query rules (filters, sorts, links), shared by the page and the server
// model (app/models/account-list.server.ts). Pure: the page's component imports it.
import type { Band } from "~/health/model";
import type { Segment } from "./segment";

export const ACCOUNT_SORTS = ["name", "score", "trend", "arr", "renewal"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
export const RENEWAL_WINDOWS = [30, 60, 90] as const;
export type RenewalWindow = (typeof RENEWAL_WINDOWS)[number];
/** Owner filter: a staff user's id, "me" (resolved by the route), or "none" (no owner). */
export const OWNER_NONE = "none";

/** Sorting by name reads A→Z first; numbers (score, ARR, ...) read the worst or biggest first. */
export const DEFAULT_DIR: Record<AccountSort, "asc" | "desc"> = {
  name: "asc",
  score: "asc",
  trend: "asc",
  arr: "desc",
  renewal: "asc",
};

export type AccountListFilters = {
  q: string;
  band: Band | null;
  segment: Segment | null;
  owner: string | null;
  renewal: RenewalWindow | null;
  sort: AccountSort;
  dir: "asc" | "desc";
  page: number;
};

/** The query string of these filters (for links: sort headers, paging, CSV export). */
export function accountListQuery(
  f: Partial<AccountListFilters>,
  overrides: Partial<AccountListFilters> = {},
): string {
  const v = { ...f, ...overrides };
  const params = new URLSearchParams();
  if (v.q) params.set("q", v.q);
  if (v.band) params.set("band", v.band);
  if (v.segment) params.set("segment", v.segment);
  if (v.owner) params.set("owner", v.owner);
  if (v.renewal) params.set("renewal", String(v.renewal));
  if (v.sort && v.sort !== "name") params.set("sort", v.sort);
  if (v.sort && v.dir && v.dir !== DEFAULT_DIR[v.sort]) params.set("dir", v.dir);
  if (v.page && v.page > 1) params.set("page", String(v.page));
  return params.toString();
}

export function defaultDir(sort: AccountSort) {
  return DEFAULT_DIR[sort];
}
