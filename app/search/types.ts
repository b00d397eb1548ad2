// The contract every search engine keeps (embedded and Meilisearch). The shared contract tests in
// app/search/contract.ts hold each implementation to it. Engines know nothing about the database:
// the search service (service.server.ts) turns articles and topics into SearchDocuments.

export const SEARCH_DOC_TYPES = ["article", "topic"] as const;
export type SearchDocType = (typeof SEARCH_DOC_TYPES)[number];

export const SEARCH_LOCALES = ["en", "ja"] as const;
export type SearchLocale = (typeof SEARCH_LOCALES)[number];

/** Who may see a document, mirroring the article audience rules (app/models/article-policy.ts). */
export type DocumentAudience = {
  /** all: everyone, visitors included; customers: signed-in people; restricted: the plans/segments below. */
  audience: "all" | "customers" | "restricted";
  plans: string[];
  segments: string[];
  /** Epoch milliseconds before which only staff may see it (scheduled publication); 0 = now. */
  visibleFrom: number;
};

export type SearchDocument = DocumentAudience & {
  /** Unique across types: "article:<id>" or "topic:<id>". */
  id: string;
  type: SearchDocType;
  locale: SearchLocale;
  title: string;
  /** Plain text (Markdown already stripped). */
  body: string;
  /** Secondary text searched with a lower weight than the title: summary, tags, accepted answer. */
  extra: string;
  url: string;
  /** Category slug (articles: help-center category; topics: forum category). */
  category: string;
  tags: string[];
  /** Ranking signals. helpfulness 0..1 (0.5 when unknown); popularity = views. */
  helpfulness: number;
  hasAcceptedAnswer: boolean;
  popularity: number;
  /** Epoch milliseconds of the last content change, for recency. */
  updatedAt: number;
};

/** The person searching, reduced to what the audience rules need. */
export type SearchAccess = {
  staff: boolean;
  signedIn: boolean;
  plan: string | null;
  segment: string | null;
};

export const PUBLIC_ACCESS: SearchAccess = {
  staff: false,
  signedIn: false,
  plan: null,
  segment: null,
};

export type SearchOptions = {
  access: SearchAccess;
  types?: SearchDocType[];
  locale?: SearchLocale;
  category?: string;
  limit?: number;
  offset?: number;
  /** Epoch ms used for scheduled visibility; tests pass it to stay deterministic. */
  now?: number;
};

export type SearchHit = {
  id: string;
  type: SearchDocType;
  locale: SearchLocale;
  title: string;
  url: string;
  category: string;
  /** Plain text around the matched words (never HTML). */
  snippet: string;
  /** [start, end) offsets of the matched words inside snippet, ascending, not overlapping. */
  highlights: Array<[number, number]>;
  /** Offsets of the matched words inside title. */
  titleHighlights: Array<[number, number]>;
  score: number;
};

export type SearchResult = {
  /** Every matching document the person may see (before limit/offset). */
  total: number;
  hits: SearchHit[];
  /** Counts per type and per category over all matches (type and category filters not applied to their own facet). */
  facets: { type: Record<string, number>; category: Record<string, number> };
  /** "Did you mean": a corrected query when words look misspelled, else null. */
  suggestion: string | null;
};

export interface SearchEngine {
  readonly name: string;
  /** Adds or replaces documents by id. */
  index(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Removes everything (used before a full rebuild). */
  clear(): Promise<void>;
  search(query: string, options: SearchOptions): Promise<SearchResult>;
  /** Completions for what is being typed: whole queries, best first. */
  suggest(prefix: string, options: SearchOptions & { limit?: number }): Promise<string[]>;
  /** Groups of equivalent terms; replaces the previous groups. */
  setSynonyms(groups: string[][]): Promise<void>;
  /** Number of documents held. */
  count(): Promise<number>;
}

export const SEARCH_LIMITS = {
  /** Longer queries are refused with a message rather than searched. */
  maxQueryLength: 200,
  defaultLimit: 10,
  maxLimit: 50,
  /** Characters of body text shown around the first match. */
  snippetLength: 160,
} as const;
