// Searching as a person: the audience rules applied through the engine, every search logged for
// insights and recorded as an engagement event of the searcher's account, clicks and deflections.
import type { Locale } from "~/i18n";
import type { KbViewer } from "~/models/article.server";
import { canReadArticle } from "~/models/article-policy";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { isStaff } from "~/models/roles";
import { insightKey } from "~/search/query";
import { getSearchEngine } from "~/search/service.server";
import {
  SEARCH_LIMITS,
  type SearchAccess,
  type SearchDocType,
  type SearchLocale,
  type SearchResult,
} from "~/search/types";
import { db } from "~/utils/db.server";

export const SEARCH_LOG_SOURCES = ["page", "typeahead", "api", "deflection"] as const;
export type SearchLogSource = (typeof SEARCH_LOG_SOURCES)[number];
export const DEFLECTION_CONTEXTS = ["support", "community"] as const;
export type DeflectionContext = (typeof DEFLECTION_CONTEXTS)[number];
/** A click is credited to a search only this long after it. */
export const CLICK_WINDOW_MS = 60 * 60 * 1000;
export const POPULAR_ARTICLES_LIMIT = 5;

export function searchAccess(viewer: KbViewer): SearchAccess {
  if (!viewer) return { staff: false, signedIn: false, plan: null, segment: null };
  return {
    staff: isStaff(viewer),
    signedIn: true,
    plan: viewer.account?.plan ?? null,
    segment: viewer.account?.segment ?? null,
  };
}

export type ContentSearch = {
  viewer: KbViewer;
  /** Already cleaned by cleanQuery. */
  query: string;
  locale?: SearchLocale;
  types?: SearchDocType[];
  category?: string;
  limit?: number;
  offset?: number;
};

export type TimedSearchResult = SearchResult & { tookMs: number };

export async function searchContent(input: ContentSearch): Promise<TimedSearchResult> {
  const started = performance.now();
  const engine = await getSearchEngine();
  const result = input.query
    ? await engine.search(input.query, {
        access: searchAccess(input.viewer),
        locale: input.locale,
        types: input.types,
        category: input.category,
        limit: Math.min(input.limit ?? SEARCH_LIMITS.defaultLimit, SEARCH_LIMITS.maxLimit),
        offset: input.offset ?? 0,
      })
    : { total: 0, hits: [], facets: { type: {}, category: {} }, suggestion: null };
  return { ...result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}

/** Completions for the header box; terms only, so nothing restricted can leak through them. */
export async function suggestQueries(viewer: KbViewer, prefix: string, locale?: SearchLocale) {
  if (!prefix) return [];
  const engine = await getSearchEngine();
  return engine.suggest(prefix, { access: searchAccess(viewer), locale, limit: 5 });
}

/** Logs a search for insights and records it on the searcher's account. Returns the log id. */
export async function logSearch(input: {
  viewer: KbViewer;
  query: string;
  locale: string;
  source: SearchLogSource;
  resultCount: number;
}): Promise<string | null> {
  if (!input.query) return null;
  const row = await db.searchQuery.create({
    data: {
      accountId: input.viewer?.accountId ?? null,
      userId: input.viewer?.id ?? null,
      query: input.query,
      normalized: insightKey(input.query),
      locale: input.locale,
      source: input.source,
      resultCount: input.resultCount,
    },
    select: { id: true },
  });
  await recordEvent({
    type: PORTAL_EVENTS.searched,
    accountId: input.viewer?.accountId ?? null,
    userId: input.viewer?.id ?? null,
    properties: {
      searchId: row.id,
      source: input.source,
      outcome: input.resultCount > 0 ? "found" : "none",
      resultCount: input.resultCount,
    },
  });
  return row.id;
}

/**
 * Credits a click to the search it came from. Only the searcher's own recent search counts, and
 * only its first click, so a replayed or forged request changes nothing. Returns false if ignored.
 */
export async function recordSearchClick(input: {
  viewer: KbViewer;
  searchId: string;
  docId: string;
  position: number;
  now?: Date;
}): Promise<boolean> {
  const now = input.now ?? new Date();
  const { count } = await db.searchQuery.updateMany({
    where: {
      id: input.searchId,
      userId: input.viewer?.id ?? null,
      clickedDocId: null,
      createdAt: { gte: new Date(now.getTime() - CLICK_WINDOW_MS) },
    },
    data: { clickedDocId: input.docId, clickedPosition: input.position, clickedAt: now },
  });
  if (count === 0) return false;
  await recordEvent({
    type: PORTAL_EVENTS.searchClicked,
    accountId: input.viewer?.accountId ?? null,
    userId: input.viewer?.id ?? null,
    properties: { searchId: input.searchId, docId: input.docId, position: input.position },
  });
  return true;
}

/** A customer left a support request or forum question unsent: self-service answered it. */
export async function recordDeflection(input: {
  viewer: NonNullable<KbViewer>;
  context: DeflectionContext;
  subject: string;
  clickedDocId: string | null;
}) {
  if (!input.viewer.accountId) return;
  await db.deflection.create({
    data: {
      accountId: input.viewer.accountId,
      userId: input.viewer.id,
      context: input.context,
      subject: input.subject,
      clickedDocId: input.clickedDocId,
    },
  });
  await recordEvent({
    type: PORTAL_EVENTS.requestDeflected,
    accountId: input.viewer.accountId,
    userId: input.viewer.id,
    properties: { context: input.context, clickedDocId: input.clickedDocId },
  });
}

/** When nothing is found: the most read articles this person may open, in their language. */
export async function popularArticles(viewer: KbViewer, locale: Locale, now = new Date()) {
  const rows = await db.article.findMany({
    where: { status: "published", locale },
    orderBy: [{ viewCount: "desc" }, { title: "asc" }],
    take: POPULAR_ARTICLES_LIMIT * 4,
    select: {
      slug: true,
      title: true,
      summary: true,
      status: true,
      publishAt: true,
      audience: true,
      audiencePlans: true,
      audienceSegments: true,
    },
  });
  return rows
    .filter((a) => canReadArticle(viewer, a, now))
    .slice(0, POPULAR_ARTICLES_LIMIT)
    .map(({ slug, title, summary }) => ({ slug, title, summary }));
}
