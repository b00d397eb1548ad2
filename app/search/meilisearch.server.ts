// The SearchEngine contract on a Meilisearch server (chosen when MEILI_URL is set). Every index
// setting is applied by code, so a fresh server needs no manual set-up, and every write waits
// for its Meilisearch task: the contract wants a change visible to the very next search.
import {
  Meilisearch,
  type EnqueuedTaskPromise,
  type Hit,
  type Index,
  type MultiSearchQuery,
  type Settings,
} from "meilisearch";
import {
  SEARCH_LIMITS,
  type SearchAccess,
  type SearchDocType,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchLocale,
  type SearchOptions,
  type SearchResult,
} from "./types";

export const MEILI_DEFAULTS = {
  indexName: "portal_search",
  /** Longest wait for one indexing task; a rebuild of a large batch can take a few seconds. */
  taskTimeoutMs: 60_000,
  /** How often a pending task is polled: short, because searches wait on it. */
  taskPollMs: 20,
  /** Meilisearch crops by words; about one snippet's worth of text around the first match. */
  cropWords: 28,
  /** Enough for exact totals on our content; Meilisearch caps totals at this number. */
  maxTotalHits: 10_000,
  maxFacetValues: 200,
  defaultSuggestions: 5,
  /** Titles fetched for suggest(): more than asked, since several hits can share a title. */
  suggestPoolFactor: 4,
  /** "Did you mean" looks at the words highlighted in this many top hits. */
  correctionHits: 3,
  /** Characters kept before the first highlight when a snippet has to be shortened. */
  snippetLead: 40,
  /** A server that takes longer than this to answer /health counts as unreachable. */
  healthTimeoutMs: 2_000,
} as const;

/**
 * Highlight markers from Unicode's private-use area: they never occur in real text (documents
 * are stripped of them on the way in), so converting them to offsets cannot be fooled.
 */
export const HIGHLIGHT_PRE = "\uE000";
export const HIGHLIGHT_POST = "\uE001";
const MARKERS = /[\uE000\uE001]/g;
const CROP_MARKER = "…";

/** What is stored in Meilisearch for one SearchDocument. */
export type MeiliDocument = {
  /** Meilisearch allows only [A-Za-z0-9_-] in ids: see meiliId(). */
  id: string;
  docId: string;
  type: SearchDocType;
  locale: SearchLocale;
  title: string;
  body: string;
  extra: string;
  url: string;
  category: string;
  tags: string[];
  audience: SearchDocument["audience"];
  plans: string[];
  segments: string[];
  visibleFrom: number;
  helpfulness: number;
  /** A number, because custom ranking rules only sort numbers and strings. */
  accepted: 0 | 1;
  popularity: number;
  updatedAt: number;
};

export const MEILI_INDEX_SETTINGS = {
  // Order is weight: a title match beats a summary/tag match beats a body match.
  searchableAttributes: ["title", "extra", "body"],
  filterableAttributes: [
    "type",
    "locale",
    "category",
    "audience",
    "plans",
    "segments",
    "visibleFrom",
  ],
  sortableAttributes: [],
  rankingRules: [
    "words",
    "typo",
    "proximity",
    "attribute",
    "sort",
    "exactness",
    "helpfulness:desc",
    "accepted:desc",
    "popularity:desc",
    "updatedAt:desc",
  ],
  // Short words with one typo match too many other words, so typos need longer words.
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  // Kanji-only text is otherwise sometimes segmented as Chinese.
  localizedAttributes: [{ attributePatterns: ["title", "extra", "body"], locales: ["jpn", "eng"] }],
  pagination: { maxTotalHits: MEILI_DEFAULTS.maxTotalHits },
  faceting: { maxValuesPerFacet: MEILI_DEFAULTS.maxFacetValues },
} satisfies Settings;

const MEILI_LOCALES: Record<SearchLocale, string> = { en: "eng", ja: "jpn" };

/**
 * A Meilisearch-safe id that maps back to exactly one original id: every character outside
 * [A-Za-z0-9-] becomes "_<hex code>_" (so "article:x" is "article_3a_x", and "_" itself is escaped).
 */
export function meiliId(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/gu, (ch) => `_${ch.codePointAt(0)!.toString(16)}_`);
}

function stripMarkers(text: string): string {
  return text.replace(MARKERS, "");
}

export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  return {
    id: meiliId(doc.id),
    docId: doc.id,
    type: doc.type,
    locale: doc.locale,
    title: stripMarkers(doc.title),
    body: stripMarkers(doc.body),
    extra: stripMarkers(doc.extra),
    url: doc.url,
    category: doc.category,
    tags: doc.tags,
    audience: doc.audience,
    plans: doc.plans,
    segments: doc.segments,
    visibleFrom: doc.visibleFrom,
    helpfulness: doc.helpfulness,
    accepted: doc.hasAcceptedAnswer ? 1 : 0,
    popularity: doc.popularity,
    updatedAt: doc.updatedAt,
  };
}

/** A string literal for a filter expression: quoted, with quotes and backslashes escaped. */
export function filterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The audience rules of app/models/article-policy.ts as a filter; null when all is visible. */
export function accessFilter(access: SearchAccess, now: number): string | null {
  if (access.staff) return null;
  const audiences = [`audience = ${filterValue("all")}`];
  if (access.signedIn) {
    audiences.push(`audience = ${filterValue("customers")}`);
    // Restricted documents name plans/segments; any other document is already let in above.
    if (access.plan) audiences.push(`plans = ${filterValue(access.plan)}`);
    if (access.segment) audiences.push(`segments = ${filterValue(access.segment)}`);
  }
  return `(${audiences.join(" OR ")}) AND visibleFrom <= ${Math.floor(now)}`;
}

/** Which facet's own filter to leave out, so that facet counts every choice. */
export type FacetIgnore = "type" | "category" | null;

export function buildFilter(
  options: SearchOptions,
  now: number,
  ignore: FacetIgnore = null,
): string | undefined {
  const parts: string[] = [];
  const access = accessFilter(options.access, now);
  if (access) parts.push(access);
  if (options.types?.length && ignore !== "type") {
    parts.push(`type IN [${options.types.map(filterValue).join(", ")}]`);
  }
  if (options.locale) parts.push(`locale = ${filterValue(options.locale)}`);
  if (options.category && ignore !== "category") {
    parts.push(`category = ${filterValue(options.category)}`);
  }
  return parts.length ? parts.map((p) => `(${p})`).join(" AND ") : undefined;
}

/** Meilisearch wants synonyms as a map: each term of a group points to all the others. */
export function synonymMap(groups: string[][]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => t.normalize("NFKC").toLowerCase().trim()))].filter(
      Boolean,
    );
    if (terms.length < 2) continue;
    for (const term of terms) {
      const others = map.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      map.set(term, others);
    }
  }
  return Object.fromEntries([...map].map(([term, others]) => [term, [...others]]));
}

export type MarkedText = { text: string; highlights: Array<[number, number]> };

/** Turns text with highlight markers into plain text and [start, end) offsets. */
export function markedToHighlights(marked: string): MarkedText {
  let text = "";
  const highlights: Array<[number, number]> = [];
  let start: number | null = null;
  for (const ch of marked) {
    if (ch === HIGHLIGHT_PRE) {
      start ??= text.length;
    } else if (ch === HIGHLIGHT_POST) {
      if (start !== null && text.length > start) {
        const last = highlights[highlights.length - 1];
        // Touching matches ("請求" + "書") read as one highlight.
        if (last && last[1] >= start) last[1] = text.length;
        else highlights.push([start, text.length]);
      }
      start = null;
    } else {
      text += ch;
    }
  }
  return { text, highlights };
}

const LATIN_WORD_CHAR = /[\p{Script=Latin}\p{N}]/u;
const LATIN_WORD = /^[\p{Script=Latin}\p{N}]+$/u;

/**
 * Widens highlights to whole Latin words: Meilisearch marks only the typed part of a prefix
 * match ("Invoice|s"), while people expect the word. Words without spaces (Japanese) stay as
 * Meilisearch segmented them.
 */
export function wholeWords({ text, highlights }: MarkedText): MarkedText {
  const widened: Array<[number, number]> = [];
  for (const [from, to] of highlights) {
    let start = from;
    let end = to;
    while (
      start > 0 &&
      LATIN_WORD_CHAR.test(text[start - 1]!) &&
      LATIN_WORD_CHAR.test(text[start]!)
    ) {
      start--;
    }
    while (
      end < text.length &&
      LATIN_WORD_CHAR.test(text[end]!) &&
      LATIN_WORD_CHAR.test(text[end - 1]!)
    ) {
      end++;
    }
    const last = widened[widened.length - 1];
    if (last && last[1] >= start) last[1] = Math.max(last[1], end);
    else widened.push([start, end]);
  }
  return { text, highlights: widened };
}

/** Optimal-string-alignment distance (a swap of neighbours is one edit), capped at max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current.push(value);
    }
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** As many typos as Meilisearch forgives in a word of this length (MEILI_INDEX_SETTINGS). */
function typosAllowed(word: string): number {
  const { oneTypo, twoTypos } = MEILI_INDEX_SETTINGS.typoTolerance.minWordSizeForTypos;
  return word.length >= twoTypos ? 2 : word.length >= oneTypo ? 1 : 0;
}

/**
 * "Did you mean": Meilisearch has no such feature, but its typo tolerance already found the
 * intended words, and they are the ones it highlighted. Each misspelled query word becomes the
 * closest highlighted word; a last word that starts a highlighted word is still being typed.
 * Null when nothing needed correcting.
 */
export function correctionFrom(query: string, highlightedWords: string[]): string | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const known = [...new Set(highlightedWords.map((w) => w.toLowerCase()))];
  let changed = false;
  const corrected = words.map((word, i) => {
    if (!LATIN_WORD.test(word) || known.includes(word)) return word;
    if (i === words.length - 1 && known.some((k) => k.startsWith(word))) return word;
    const allowed = typosAllowed(word);
    let best: string | null = null;
    let bestDistance = allowed + 1;
    for (const candidate of known) {
      const distance = editDistance(word, candidate, allowed);
      if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    }
    if (!best) return word;
    changed = true;
    return best;
  });
  return changed ? corrected.join(" ") : null;
}

/** The highlighted words of some marked texts, in order. */
export function highlightedWords(marked: string[]): string[] {
  return marked.flatMap((m) => {
    const { text, highlights } = wholeWords(markedToHighlights(m));
    return highlights.map(([s, e]) => text.slice(s, e));
  });
}

/**
 * Completions for a half-typed query from the titles Meilisearch matched: first the typed
 * words with the last one completed to each highlighted title word it starts, then whole titles.
 */
export function completionsFrom(prefix: string, markedTitles: string[], limit: number): string[] {
  const words = prefix.normalize("NFKC").trim().split(/\s+/);
  const last = (words.pop() ?? "").toLowerCase();
  const head = words.join(" ");
  const completions = new Set<string>();
  for (const word of highlightedWords(markedTitles)) {
    const lower = word.toLowerCase();
    if (lower.length > last.length && lower.startsWith(last)) {
      completions.add(head ? `${head} ${lower}` : lower);
    }
  }
  for (const title of markedTitles) completions.add(stripMarkers(title));
  return [...completions].slice(0, limit);
}

/** Shortens a snippet to maxLength around its first highlight, keeping the offsets right. */
export function fitSnippet(snippet: MarkedText, maxLength: number): MarkedText {
  const { text, highlights } = snippet;
  if (text.length <= maxLength) return snippet;
  const first = highlights[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - MEILI_DEFAULTS.snippetLead, text.length - maxLength));
  const end = start + maxLength;
  const lead = start > 0 && !text.startsWith(CROP_MARKER, start) ? CROP_MARKER : "";
  const tail = end < text.length ? CROP_MARKER : "";
  const shift = lead.length - start;
  return {
    text: lead + text.slice(start, end) + tail,
    highlights: highlights
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s + shift, e + shift] as [number, number]),
  };
}

function toHit(hit: Hit<MeiliDocument>): SearchHit {
  const formatted = hit._formatted ?? {};
  const title = wholeWords(markedToHighlights(formatted.title ?? hit.title));
  const snippet = fitSnippet(
    wholeWords(markedToHighlights(formatted.body ?? hit.body)),
    SEARCH_LIMITS.snippetLength,
  );
  return {
    id: hit.docId,
    type: hit.type,
    locale: hit.locale,
    title: hit.title,
    url: hit.url,
    category: hit.category,
    snippet: snippet.text,
    highlights: snippet.highlights,
    titleHighlights: title.text === hit.title ? title.highlights : [],
    score: hit._rankingScore ?? 0,
  };
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * The query as plain words: Meilisearch reads "…" as a phrase and a leading "-" as "without",
 * and people type both as ordinary text. Over-long input is cut rather than sent whole.
 */
export function plainQuery(query: string): string {
  return query
    .normalize("NFKC")
    .replace(/"/g, " ")
    .replace(/(^|\s)-+/g, "$1")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, SEARCH_LIMITS.maxQueryLength);
}

function clampLimit(limit: number | undefined, fallback: number): number {
  return Math.min(SEARCH_LIMITS.maxLimit, Math.max(1, Math.floor(limit ?? fallback)));
}

const EMPTY_RESULT: SearchResult = {
  total: 0,
  hits: [],
  facets: { type: {}, category: {} },
  suggestion: null,
};

/** True when a Meilisearch server answers GET /health in time (tests and benchmarks ask first). */
export async function meilisearchReachable(
  url: string,
  apiKey?: string,
  timeoutMs: number = MEILI_DEFAULTS.healthTimeoutMs,
): Promise<boolean> {
  try {
    return await new Meilisearch({ host: url, apiKey, timeout: timeoutMs }).isHealthy();
  } catch {
    return false; // a malformed URL, for one
  }
}

export type MeilisearchEngineOptions = { url: string; apiKey?: string; indexName?: string };

export class MeilisearchEngine implements SearchEngine {
  readonly name = "meilisearch";
  private readonly client: Meilisearch;
  private readonly indexName: string;
  private synonymGroups: string[][] = [];
  private ready: Promise<void> | null = null;

  constructor({ url, apiKey, indexName = MEILI_DEFAULTS.indexName }: MeilisearchEngineOptions) {
    this.client = new Meilisearch({
      host: url,
      apiKey,
      defaultWaitOptions: {
        timeout: MEILI_DEFAULTS.taskTimeoutMs,
        interval: MEILI_DEFAULTS.taskPollMs,
      },
    });
    this.indexName = indexName;
  }

  private get store(): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(this.indexName);
  }

  /** Waits for a task and turns a failed one into an error (the client resolves those too). */
  private async run(task: EnqueuedTaskPromise, allowedErrorCode?: string): Promise<void> {
    const done = await task.waitTask();
    if (done.status === "succeeded") return;
    if (done.error?.code && done.error.code === allowedErrorCode) return;
    throw new Error(
      `Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? "no reason given"}`,
    );
  }

  private async applySettings(): Promise<void> {
    await this.run(
      this.client.createIndex(this.indexName, { primaryKey: "id" }),
      "index_already_exists",
    );
    await this.run(
      this.store.updateSettings({
        ...MEILI_INDEX_SETTINGS,
        synonyms: synonymMap(this.synonymGroups),
      }),
    );
  }

  /** Settings are applied once per process, before the first read or write. */
  private setUp(): Promise<void> {
    this.ready ??= this.applySettings().catch((error: unknown) => {
      this.ready = null; // the server may come back: try again on the next call
      throw error;
    });
    return this.ready;
  }

  async index(docs: SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    await this.setUp();
    await this.run(this.store.addDocuments(docs.map(toMeiliDocument), { primaryKey: "id" }));
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.setUp();
    await this.run(this.store.deleteDocuments(ids.map(meiliId)));
  }

  async clear(): Promise<void> {
    await this.setUp();
    await this.run(this.store.deleteAllDocuments());
    // A rebuild starts from the settings in code, whatever was changed on the server since.
    this.ready = null;
    await this.setUp();
  }

  async setSynonyms(groups: string[][]): Promise<void> {
    this.synonymGroups = groups.map((g) => [...g]);
    // A first set-up applies these groups along with the other settings.
    const settingsApplied = this.ready !== null;
    await this.setUp();
    if (settingsApplied) await this.run(this.store.updateSynonyms(synonymMap(this.synonymGroups)));
  }

  async count(): Promise<number> {
    await this.setUp();
    return (await this.store.getStats()).numberOfDocuments;
  }

  /** Deletes the whole index (tests and benchmarks use a throwaway index name). */
  async drop(): Promise<void> {
    await this.client.deleteIndexIfExists(this.indexName);
    this.ready = null;
  }

  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    const q = plainQuery(query);
    // Meilisearch answers a query without words ("?!", emoji) with every document.
    if (!HAS_WORD.test(q)) return EMPTY_RESULT;
    await this.setUp();
    const now = options.now ?? Date.now();
    const limit = clampLimit(options.limit, SEARCH_LIMITS.defaultLimit);
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const base = {
      indexUid: this.indexName,
      q,
      locales: options.locale ? [MEILI_LOCALES[options.locale]] : Object.values(MEILI_LOCALES),
    };
    // Counting queries ask for no documents, which makes Meilisearch count exhaustively.
    const countOnly = { hitsPerPage: 0, page: 1 };
    const queries: MultiSearchQuery[] = [
      {
        ...base,
        filter: buildFilter(options, now),
        offset,
        limit,
        attributesToHighlight: ["title", "body"],
        attributesToCrop: ["body"],
        cropLength: MEILI_DEFAULTS.cropWords,
        cropMarker: CROP_MARKER,
        highlightPreTag: HIGHLIGHT_PRE,
        highlightPostTag: HIGHLIGHT_POST,
        showRankingScore: true,
      },
      { ...base, ...countOnly, filter: buildFilter(options, now) },
      // Each facet ignores its own filter, so the page can offer the other choices with counts.
      { ...base, ...countOnly, filter: buildFilter(options, now, "type"), facets: ["type"] },
      {
        ...base,
        ...countOnly,
        filter: buildFilter(options, now, "category"),
        facets: ["category"],
      },
    ];
    const { results } = await this.client.multiSearch<
      { queries: MultiSearchQuery[] },
      MeiliDocument
    >({ queries });
    const [page, count, types, categories] = results;
    const hits = page?.hits ?? [];
    const matched = highlightedWords(
      hits
        .slice(0, MEILI_DEFAULTS.correctionHits)
        .flatMap((h) => [h._formatted?.title ?? "", h._formatted?.body ?? ""]),
    );
    return {
      total: count?.totalHits ?? 0,
      hits: hits.map(toHit),
      facets: {
        type: types?.facetDistribution?.type ?? {},
        category: categories?.facetDistribution?.category ?? {},
      },
      suggestion: correctionFrom(q, matched),
    };
  }

  async suggest(prefix: string, options: SearchOptions & { limit?: number }): Promise<string[]> {
    const q = plainQuery(prefix);
    if (!HAS_WORD.test(q)) return [];
    await this.setUp();
    const limit = clampLimit(options.limit, MEILI_DEFAULTS.defaultSuggestions);
    const response = await this.store.search(q, {
      filter: buildFilter(options, options.now ?? Date.now()),
      limit: limit * MEILI_DEFAULTS.suggestPoolFactor,
      attributesToRetrieve: ["title"],
      attributesToHighlight: ["title"],
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
      locales: options.locale ? [MEILI_LOCALES[options.locale]] : Object.values(MEILI_LOCALES),
    });
    return completionsFrom(
      q,
      response.hits.map((h) => h._formatted?.title ?? h.title),
      limit,
    );
  }
}
