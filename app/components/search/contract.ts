// What the browser and the search routes exchange: the JSON of GET /api/search and the fields of
// the click and deflection beacons. Shared so both sides change together.
import type { HighlightRange } from "./highlight";

export const SEARCH_API = {
  search: "/api/search",
  click: "/api/search/click",
  deflection: "/api/deflection",
} as const;

/** "article:<id>" or "topic:<id>", as the engines name documents. */
export const DOC_ID_PATTERN = /^(article|topic):[A-Za-z0-9_-]{1,64}$/;

export type ApiSearchHit = {
  type: "article" | "topic";
  id: string;
  title: string;
  url: string;
  snippet: string;
  locale: "en" | "ja";
  category: string;
  highlights: HighlightRange[];
  titleHighlights: HighlightRange[];
};

export type ApiSearchResponse = {
  query: string;
  total: number;
  tookMs: number;
  hits: ApiSearchHit[];
  offset: number;
  limit: number;
  facets: { type: Record<string, number>; category: Record<string, number> };
  suggestion: string | null;
  /** Set when the search was logged; a click on a hit is credited to it. */
  searchId: string | null;
};

/**
 * Fire-and-forget POST that survives the page being left (the reason for sendBeacon). Sent as a
 * form body, which browsers send without a CORS preflight and the routes read with formData().
 */
export function sendBeacon(url: string, fields: Record<string, string | number | null>) {
  if (typeof navigator === "undefined") return;
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== "") body.set(key, String(value));
  }
  if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon(url, body)) return;
  // Without sendBeacon (or when its queue is full) keepalive does the same job.
  void fetch(url, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(
    () => undefined,
  );
}
