// Two well-known JavaScript search libraries, set up as well as they allow for our content, so
// the search benchmarks can compare our engine with them on the same corpus and queries.
// Neither segments Japanese, so both get the usual remedy: NFKC + lower case, Latin words
// whole, CJK runs as overlapping bigrams. Neither has synonyms, so queries are expanded with
// the same synonym groups our engines get.
import {
  create,
  insertMultiple,
  search as oramaSearch,
  update as oramaUpdate,
  type WhereCondition,
} from "@orama/orama";
import MiniSearch from "minisearch";
import type {
  SearchDocType,
  SearchDocument,
  SearchLocale,
  SearchOptions,
} from "../../app/search/types";

/** Field weights mirroring ours: title over summary/tags over body. */
export const FIELD_BOOST = { title: 3, extra: 2, body: 1 } as const;
/** As in our engine and Meilisearch: no typo allowed in words shorter than this. */
const MIN_WORD_FOR_TYPO = 5;
const MINISEARCH_FUZZINESS = 0.2;
/** Latin words this long may be the start of a longer word. */
const MIN_PREFIX_LENGTH = 3;
const ORAMA_BATCH = 1_000;

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+/u;
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+|[^\s\p{P}\p{S}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+/gu;

export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Latin/number words whole; CJK runs as overlapping bigrams (a lone character stays one token). */
export function cjkBigramTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of normalizeText(text).match(TOKEN) ?? []) {
    if (!CJK_RUN.test(run) || run.length === 1) {
      tokens.push(run);
      continue;
    }
    for (let i = 0; i < run.length - 1; i++) tokens.push(run.slice(i, i + 2));
  }
  return tokens;
}

function isCjk(term: string): boolean {
  return CJK_RUN.test(term);
}

/**
 * The query plus every other term of each synonym group it contains (Latin terms as whole
 * words, CJK terms anywhere), since the libraries have no synonym feature of their own.
 */
export function expandSynonyms(query: string, groups: string[][]): string {
  const normalized = normalizeText(query);
  const words = new Set(normalized.split(/[\s\p{P}\p{S}]+/u));
  const extra = new Set<string>();
  for (const group of groups) {
    const terms = group.map(normalizeText);
    const present = terms.some((term) =>
      isCjk(term) ? normalized.includes(term) : containsWords(normalized, words, term),
    );
    if (present) for (const term of terms) if (!normalized.includes(term)) extra.add(term);
  }
  return extra.size ? `${query} ${[...extra].join(" ")}` : query;
}

function containsWords(normalized: string, words: Set<string>, term: string): boolean {
  return term.includes(" ") || term.includes("-") ? normalized.includes(term) : words.has(term);
}

/** Filters the libraries apply like ours: audience, schedule, type, locale, category. */
export type LibraryQuery = Pick<
  SearchOptions,
  "access" | "types" | "locale" | "category" | "now"
> & {
  limit: number;
};

type Filterable = Pick<
  SearchDocument,
  "type" | "locale" | "category" | "audience" | "plans" | "segments" | "visibleFrom"
>;

export function visibleTo(doc: Filterable, options: LibraryQuery): boolean {
  if (options.types?.length && !options.types.includes(doc.type)) return false;
  if (options.locale && doc.locale !== options.locale) return false;
  if (options.category && doc.category !== options.category) return false;
  const { access } = options;
  if (access.staff) return true;
  if (doc.visibleFrom > (options.now ?? Date.now())) return false;
  if (doc.audience === "all") return true;
  if (!access.signedIn) return false;
  if (doc.audience === "customers") return true;
  return (
    (access.plan !== null && doc.plans.includes(access.plan)) ||
    (access.segment !== null && doc.segments.includes(access.segment))
  );
}

export interface LibraryEngine {
  readonly name: string;
  readonly description: string;
  build(docs: SearchDocument[]): Promise<void>;
  /** Adds or replaces one document. */
  update(doc: SearchDocument): Promise<void>;
  /** Document ids, best first. */
  search(query: string, options: LibraryQuery): Promise<string[]>;
}

type StoredFields = Filterable & { id: string };

export class MiniSearchEngine implements LibraryEngine {
  readonly name = "minisearch";
  readonly description =
    "MiniSearch 7.2: CJK-bigram tokenizer, NFKC + lower case, boost title 3 / extra 2, fuzzy 0.2 and prefix on Latin words only, synonyms by query expansion";
  private index: MiniSearch<SearchDocument> | null = null;

  constructor(private readonly synonyms: string[][]) {}

  private make(): MiniSearch<SearchDocument> {
    return new MiniSearch<SearchDocument>({
      fields: ["title", "extra", "body"],
      storeFields: ["type", "locale", "category", "audience", "plans", "segments", "visibleFrom"],
      tokenize: cjkBigramTokens,
      // Terms are already normalized by the tokenizer.
      processTerm: (term) => term,
      searchOptions: {
        boost: { title: FIELD_BOOST.title, extra: FIELD_BOOST.extra },
        // Fuzzy and prefix matching on bigrams would match almost everything.
        fuzzy: (term) => !isCjk(term) && term.length >= MIN_WORD_FOR_TYPO && MINISEARCH_FUZZINESS,
        prefix: (term) => !isCjk(term) && term.length >= MIN_PREFIX_LENGTH,
        combineWith: "OR",
      },
    });
  }

  async build(docs: SearchDocument[]): Promise<void> {
    this.index = this.make();
    this.index.addAll(docs);
  }

  async update(doc: SearchDocument): Promise<void> {
    const index = this.ready();
    if (index.has(doc.id)) index.replace(doc);
    else index.add(doc);
  }

  async search(query: string, options: LibraryQuery): Promise<string[]> {
    const results = this.ready().search(expandSynonyms(query, this.synonyms), {
      filter: (result) => visibleTo(result as unknown as StoredFields, options),
    });
    return results.slice(0, options.limit).map((r) => String(r.id));
  }

  private ready(): MiniSearch<SearchDocument> {
    if (!this.index) throw new Error("build() first");
    return this.index;
  }
}

const ORAMA_SCHEMA = {
  title: "string",
  extra: "string",
  body: "string",
  type: "enum",
  locale: "enum",
  category: "enum",
  audience: "enum",
  plans: "enum[]",
  segments: "enum[]",
  visibleFrom: "number",
} as const;

/**
 * Each distinct token once, as Orama's own tokenizer returns them: Orama scans the whole token
 * list for every token it inserts, so duplicates make indexing quadratic in document length.
 */
function distinctTokens(text: string): string[] {
  return [...new Set(cjkBigramTokens(text))];
}

function makeOrama() {
  return create({
    schema: ORAMA_SCHEMA,
    components: {
      tokenizer: { language: "english", normalizationCache: new Map(), tokenize: distinctTokens },
    },
  });
}

type OramaDb = ReturnType<typeof makeOrama>;
type OramaDoc = {
  id: string;
  title: string;
  extra: string;
  body: string;
  type: SearchDocType;
  locale: SearchLocale;
  category: string;
  audience: string;
  plans: string[];
  segments: string[];
  visibleFrom: number;
};

function toOrama(doc: SearchDocument): OramaDoc {
  return {
    id: doc.id,
    title: doc.title,
    extra: doc.extra,
    body: doc.body,
    type: doc.type,
    locale: doc.locale,
    category: doc.category,
    audience: doc.audience,
    plans: doc.plans,
    segments: doc.segments,
    visibleFrom: doc.visibleFrom,
  };
}

type OramaWhere = WhereCondition<typeof ORAMA_SCHEMA>;

/** The same rules as visibleTo(), as an Orama `where` clause. */
export function oramaWhere(options: LibraryQuery): OramaWhere | undefined {
  const all: OramaWhere[] = [];
  if (options.types?.length) all.push({ type: { in: options.types } });
  if (options.locale) all.push({ locale: { eq: options.locale } });
  if (options.category) all.push({ category: { eq: options.category } });
  const { access } = options;
  if (!access.staff) {
    all.push({ visibleFrom: { lte: options.now ?? Date.now() } });
    const audiences: OramaWhere[] = [
      { audience: { in: access.signedIn ? ["all", "customers"] : ["all"] } },
    ];
    if (access.signedIn && access.plan) audiences.push({ plans: { containsAny: [access.plan] } });
    if (access.signedIn && access.segment) {
      audiences.push({ segments: { containsAny: [access.segment] } });
    }
    all.push({ or: audiences });
  }
  return all.length ? { and: all } : undefined;
}

export class OramaEngine implements LibraryEngine {
  readonly name = "orama";
  readonly description =
    "Orama 3.1: CJK-bigram tokenizer (distinct tokens, as its own tokenizer), NFKC + lower case, BM25, boost title 3 / extra 2, prefix matching, typo tolerance 1 for queries without CJK (it applies to every token), synonyms by query expansion";
  private db: OramaDb | null = null;

  constructor(private readonly synonyms: string[][]) {}

  async build(docs: SearchDocument[]): Promise<void> {
    this.db = makeOrama();
    await insertMultiple(this.db, docs.map(toOrama), ORAMA_BATCH);
  }

  async update(doc: SearchDocument): Promise<void> {
    await oramaUpdate(this.ready(), doc.id, toOrama(doc));
  }

  async search(query: string, options: LibraryQuery): Promise<string[]> {
    const term = expandSynonyms(query, this.synonyms);
    const result = await oramaSearch(this.ready(), {
      term,
      properties: ["title", "extra", "body"],
      boost: { title: FIELD_BOOST.title, extra: FIELD_BOOST.extra },
      // Orama's tolerance applies to every token: on bigrams it would match nearly anything.
      tolerance: isCjk(normalizeText(term)) ? 0 : 1,
      where: oramaWhere(options),
      limit: options.limit,
    });
    return result.hits.map((hit) => hit.id);
  }

  private ready(): OramaDb {
    if (!this.db) throw new Error("build() first");
    return this.db;
  }
}
