// What a typed query is before any engine sees it: cleaned of characters that only hide or
// reorder text, and checked for length. Shared by the search page, the API and the forms.
import { SEARCH_LIMITS } from "./types";

// C0/C1 controls, and bidirectional overrides/isolates that can make a query display as
// something else in the insights list; ordinary RTL letters stay.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export type CleanQuery = { ok: true; query: string } | { ok: false; error: "tooLong" };

export function cleanQuery(raw: string | null | undefined): CleanQuery {
  const query = (raw ?? "").replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  if (query.length > SEARCH_LIMITS.maxQueryLength) return { ok: false, error: "tooLong" };
  return { ok: true, query };
}

/** The form under which insights group a query: width, case and spacing folded. */
export function insightKey(query: string): string {
  return query.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}
