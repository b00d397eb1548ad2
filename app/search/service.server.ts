// The search service of one process: picks the engine, fills it from the database on first use,
// and follows the change feed (SearchChange) so that every process converges on every change.
// Polling rather than LISTEN/NOTIFY: it works the same on SQLite and PostgreSQL and meets the
// two-second convergence target (docs/decisions/0007-search.md).
import { parseList } from "~/models/article-policy";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { onSearchChange } from "./changes.server";
import { EmbeddedSearchEngine } from "./embedded/engine";
import { MeilisearchEngine } from "./meilisearch.server";
import { articleSource } from "./sources/articles.server";
import { topicSource } from "./sources/topics.server";
import type { SearchDocType, SearchDocument, SearchEngine } from "./types";

export const SEARCH_FEED = {
  /** How often each process reads the change feed. */
  pollMs: 500,
  /** Delay between a local change and its sync, so the writer's transaction has committed. */
  localDelayMs: 25,
  /**
   * Rows newer than this are read again even when their id is below the last one seen: on
   * PostgreSQL a transaction can commit a lower id after a higher one became visible.
   */
  lookbackMs: 10_000,
  /** Feed rows older than this are deleted; a process that was away longer rebuilds at boot. */
  retentionMs: 24 * 60 * 60 * 1000,
  batchSize: 1_000,
} as const;

export type SearchSource = {
  type: SearchDocType;
  documents(ids: string[]): Promise<SearchDocument[]>;
  all(): AsyncGenerator<SearchDocument[]>;
};

/** Every kind of content that is searchable. The forum adds its topics here. */
const sources: Partial<Record<SearchDocType, SearchSource>> = {
  article: articleSource,
  topic: topicSource,
};

export function registerSearchSource(source: SearchSource) {
  sources[source.type] = source;
}

/**
 * Something kept in step with the search index (the answer bot's passages): told the type and
 * source ids of every change the feed applies, after the engine has applied it.
 */
export type SearchFollower = (type: string, ids: string[]) => Promise<void>;
const followers = new Set<SearchFollower>();

/** Registers a follower; returns the function that removes it. */
export function followSearchChanges(follower: SearchFollower): () => void {
  followers.add(follower);
  return () => followers.delete(follower);
}

type State = {
  engine: SearchEngine;
  ready: Promise<void> | null;
  lastId: number;
  /** Feed ids applied within the lookback window, so re-reads skip them. */
  applied: Map<number, number>;
  timer: ReturnType<typeof setInterval> | null;
  syncing: Promise<void> | null;
  unsubscribe: (() => void) | null;
  lastPrune: number;
};

// Kept on globalThis so the dev server's module reloads do not build a second index.
const holder = globalThis as typeof globalThis & { __portalSearch?: State };

export function createEngine(): SearchEngine {
  const env = getEnv();
  if (env.MEILI_URL)
    return new MeilisearchEngine({ url: env.MEILI_URL, apiKey: env.MEILI_API_KEY });
  return new EmbeddedSearchEngine();
}

function state(): State {
  holder.__portalSearch ??= {
    engine: createEngine(),
    ready: null,
    lastId: 0,
    applied: new Map(),
    timer: null,
    syncing: null,
    unsubscribe: null,
    lastPrune: 0,
  };
  return holder.__portalSearch;
}

/** The engine, filled and following the feed. The first call builds the index. */
export async function getSearchEngine(): Promise<SearchEngine> {
  const s = state();
  s.ready ??= rebuild(s).catch((error: unknown) => {
    s.ready = null; // let the next request try again rather than serve an empty index forever
    throw error;
  });
  await s.ready;
  startFollowing(s);
  return s.engine;
}

/** Starts building the index at boot instead of on the first search. */
export function warmUpSearch() {
  getSearchEngine().catch((error: unknown) => console.error("search index build failed", error));
}

async function rebuild(s: State) {
  // Read the feed position first: a change made while we load is applied afterwards.
  const last = await db.searchChange.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  s.lastId = last?.id ?? 0;
  await s.engine.setSynonyms(await loadSynonymGroups());
  for (const source of Object.values(sources)) {
    for await (const batch of source.all()) await s.engine.index(batch);
  }
}

export async function loadSynonymGroups(): Promise<string[][]> {
  const rows = await db.searchSynonym.findMany({ select: { terms: true } });
  return rows.map((r) => parseList(r.terms)).filter((g) => g.length >= 2);
}

function startFollowing(s: State) {
  if (s.timer) return;
  s.timer = setInterval(() => void syncSearch().catch(logSyncError), SEARCH_FEED.pollMs);
  s.timer.unref();
  s.unsubscribe = onSearchChange(() => {
    setTimeout(() => void syncSearch().catch(logSyncError), SEARCH_FEED.localDelayMs).unref();
  });
}

/** Graceful shutdown: stop following the feed and let a sync under way finish. */
export async function stopSearchFollowing() {
  const s = holder.__portalSearch;
  if (!s) return;
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
  s.unsubscribe?.();
  s.unsubscribe = null;
  await s.syncing?.catch(() => undefined);
}

function logSyncError(error: unknown) {
  console.error("search sync failed", error);
}

/** Applies the change feed now. Tests await it; the poller calls it on its own. */
export async function syncSearch(): Promise<void> {
  const s = holder.__portalSearch;
  if (!s?.ready) return;
  await s.ready;
  // One sync at a time; a caller arriving during one waits for it and then runs its own.
  while (s.syncing) await s.syncing;
  s.syncing = applyFeed(s).finally(() => {
    s.syncing = null;
  });
  await s.syncing;
}

async function applyFeed(s: State) {
  const now = Date.now();
  const select = { id: true, docType: true, sourceId: true } as const;
  // Two reads, so that a burst of recent rows already applied never crowds out new ones.
  const [newer, recent] = await Promise.all([
    db.searchChange.findMany({
      where: { id: { gt: s.lastId } },
      orderBy: { id: "asc" },
      take: SEARCH_FEED.batchSize,
      select,
    }),
    db.searchChange.findMany({
      where: { id: { lte: s.lastId }, createdAt: { gte: new Date(now - SEARCH_FEED.lookbackMs) } },
      orderBy: { id: "asc" },
      take: SEARCH_FEED.batchSize,
      select,
    }),
  ]);
  const rows = [...recent, ...newer];
  const fresh = rows.filter((r) => !s.applied.has(r.id));
  const byType = new Map<string, Set<string>>();
  for (const row of fresh) {
    if (!byType.has(row.docType)) byType.set(row.docType, new Set());
    byType.get(row.docType)!.add(row.sourceId);
  }
  for (const [type, ids] of byType) {
    await applyChanges(s.engine, type, [...ids]);
    // A follower failing must not stop the index from following the feed.
    for (const follower of followers) await follower(type, [...ids]).catch(logSyncError);
  }
  for (const row of fresh) {
    s.applied.set(row.id, now);
    s.lastId = Math.max(s.lastId, row.id);
  }
  for (const [id, at] of s.applied) if (at < now - 2 * SEARCH_FEED.lookbackMs) s.applied.delete(id);
  if (now - s.lastPrune > SEARCH_FEED.retentionMs / 24) {
    s.lastPrune = now;
    await db.searchChange.deleteMany({
      where: { createdAt: { lt: new Date(now - SEARCH_FEED.retentionMs) } },
    });
  }
}

async function applyChanges(engine: SearchEngine, type: string, ids: string[]) {
  if (type === "synonyms") {
    await engine.setSynonyms(await loadSynonymGroups());
    return;
  }
  const source = sources[type as SearchDocType];
  if (!source) return;
  const docs = await source.documents(ids);
  const keep = new Set(docs.map((d) => d.id));
  const gone = ids.map((id) => `${type}:${id}`).filter((id) => !keep.has(id));
  if (docs.length) await engine.index(docs);
  if (gone.length) await engine.remove(gone);
}

/** Stops following the feed (graceful shutdown, tests). */
export function stopSearch() {
  const s = holder.__portalSearch;
  if (!s) return;
  if (s.timer) clearInterval(s.timer);
  s.unsubscribe?.();
  holder.__portalSearch = undefined;
}
