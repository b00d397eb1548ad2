// The embedded search engine: an in-process inverted index (the default; no server to run).
// How the pieces fit:
//   documents.ts   stored documents and per-document columns (filters, audience, signals)
//   vocabulary.ts  terms and typed words, document frequencies, typo/prefix lookups (trie.ts)
//   postings.ts    term → documents with per-field counts
//   query-plan.ts  query → words → alternatives (synonyms.ts) → slots → expanded terms
//   scoring.ts     coverage and BM25F per document from the posting lists
//   ranking.ts     matches, audience, filters, facets, ranking signals, top-k, title bonus
//   snippet.ts     highlights and snippets; suggestions.ts: did-you-mean and completions
// Every change is applied synchronously, so the next query sees it.
import type {
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchOptions,
  SearchResult,
} from "../types";
import { SEARCH_DOC_TYPES, SEARCH_LIMITS } from "../types";
import { Analyzer } from "./analyzer";
import { DocumentStore } from "./documents";
import { EMBEDDED_TUNING, type EmbeddedOptions, type EmbeddedTuning } from "./options";
import { MAX_DOC_SLOTS, packPosting, PostingLists } from "./postings";
import { buildPlan, type QueryPlan } from "./query-plan";
import { Ranker } from "./ranking";
import { Scorer } from "./scoring";
import { buildSnippet, highlightRanges } from "./snippet";
import { didYouMean, wordCompletions } from "./suggestions";
import { Synonyms } from "./synonyms";
import { Vocabulary } from "./vocabulary";

function emptyResult(): SearchResult {
  return { total: 0, hits: [], facets: { type: {}, category: {} }, suggestion: null };
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded";
  private readonly tuning: EmbeddedTuning;
  // Set by reset(), which the constructor calls.
  private store!: DocumentStore;
  private postings!: PostingLists;
  private vocabulary!: Vocabulary;
  private analyzer!: Analyzer;
  private ranker!: Ranker;
  private synonyms = new Synonyms();

  constructor(options: EmbeddedOptions = {}) {
    this.tuning = { ...EMBEDDED_TUNING, ...options };
    this.reset();
  }

  private reset(): void {
    this.store = new DocumentStore(this.tuning);
    this.postings = new PostingLists();
    this.vocabulary = new Vocabulary();
    this.analyzer = new Analyzer(this.vocabulary);
    const scorer = new Scorer(this.store, this.postings, this.tuning);
    this.ranker = new Ranker(this.store, scorer, this.tuning);
  }

  async index(docs: SearchDocument[]): Promise<void> {
    for (const doc of docs) this.indexOne(doc);
    this.compactIfWorthIt();
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      const n = this.store.numberOf(id);
      if (n !== undefined) this.removeNumber(n);
    }
    this.compactIfWorthIt();
  }

  async clear(): Promise<void> {
    this.reset();
  }

  async setSynonyms(groups: string[][]): Promise<void> {
    this.synonyms.set(groups);
  }

  async count(): Promise<number> {
    return this.store.liveCount;
  }

  /** Sizes for benchmarks and the admin page. */
  stats() {
    return {
      documents: this.store.liveCount,
      deadDocuments: this.store.deadCount,
      terms: this.vocabulary.termCount,
      ...this.postings.bytes(),
    };
  }

  private indexOne(input: SearchDocument): void {
    // A copy, so that a caller changing its object later cannot change the index behind its back.
    const doc: SearchDocument = {
      ...input,
      plans: [...input.plans],
      segments: [...input.segments],
      tags: [...input.tags],
    };
    const existing = this.store.numberOf(doc.id);
    if (existing !== undefined) this.removeNumber(existing);
    if (this.store.slots >= MAX_DOC_SLOTS) this.compact();
    if (this.store.slots >= MAX_DOC_SLOTS) {
      throw new Error(`The embedded search index holds at most ${MAX_DOC_SLOTS} documents.`);
    }
    const analyzer = this.analyzer;
    analyzer.run(doc);
    const n = this.store.add(doc, analyzer.lengths);
    for (let k = 0; k < analyzer.termCount; k++) {
      const term = analyzer.terms[k] as number;
      this.vocabulary.countTerm(term, 1);
      this.postings.append(
        term,
        packPosting(
          n,
          analyzer.title[term] as number,
          analyzer.extra[term] as number,
          analyzer.body[term] as number,
        ),
      );
    }
    for (let k = 0; k < analyzer.surfaceCount; k++) {
      this.vocabulary.countSurface(analyzer.surfaces[k] as number, 1);
    }
  }

  private removeNumber(n: number): void {
    const doc = this.store.docs[n];
    if (!doc) return;
    // The postings stay until compaction (they are skipped as dead); the counts go now.
    const analyzer = this.analyzer;
    analyzer.run(doc);
    for (let k = 0; k < analyzer.termCount; k++) {
      this.vocabulary.countTerm(analyzer.terms[k] as number, -1);
    }
    for (let k = 0; k < analyzer.surfaceCount; k++) {
      this.vocabulary.countSurface(analyzer.surfaces[k] as number, -1);
    }
    this.store.remove(n);
  }

  private compactIfWorthIt(): void {
    const dead = this.store.deadCount;
    if (
      dead >= this.tuning.compactMinDead &&
      dead >= this.store.liveCount * this.tuning.compactDeadShare
    ) {
      this.compact();
    }
  }

  private compact(): void {
    const remap = this.store.compact();
    this.postings.compact(remap, this.vocabulary.termCount);
  }

  private plan(query: string): QueryPlan {
    return buildPlan(query, {
      vocabulary: this.vocabulary,
      synonyms: this.synonyms,
      docCount: this.store.liveCount,
      tuning: this.tuning,
    });
  }

  async search(query: string, options: SearchOptions): Promise<SearchResult> {
    const plan = this.plan(query);
    if (plan.words.length === 0) return emptyResult();
    const limit = clampInt(options.limit, SEARCH_LIMITS.defaultLimit, 0, SEARCH_LIMITS.maxLimit);
    const offset = clampInt(options.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    const ranked = this.ranker.rank(plan, options, offset + limit);
    const facets: SearchResult["facets"] = { type: {}, category: {} };
    ranked.typeCounts.forEach((count, code) => {
      if (count > 0) facets.type[SEARCH_DOC_TYPES[code] as string] = count;
    });
    ranked.categoryCounts.forEach((count, code) => {
      if (count > 0) facets.category[this.store.categoryNames[code] as string] = count;
    });
    return {
      total: ranked.total,
      hits: ranked.top
        .slice(offset, offset + limit)
        .map(({ doc, score }) => this.hit(doc, score, plan)),
      facets,
      suggestion: didYouMean(plan, this.vocabulary, this.tuning),
    };
  }

  private hit(n: number, score: number, plan: QueryPlan): SearchHit {
    const doc = this.store.docs[n] as SearchDocument;
    let source = doc.body;
    let ranges = highlightRanges(doc.body, plan.highlight);
    if (ranges.length === 0) {
      const extraRanges = highlightRanges(doc.extra, plan.highlight);
      if (extraRanges.length > 0) {
        source = doc.extra;
        ranges = extraRanges;
      }
    }
    if (!source) source = doc.extra;
    const { snippet, highlights } = buildSnippet(source, ranges, SEARCH_LIMITS.snippetLength);
    return {
      id: doc.id,
      type: doc.type,
      locale: doc.locale,
      title: doc.title,
      url: doc.url,
      category: doc.category,
      snippet,
      highlights,
      titleHighlights: highlightRanges(doc.title, plan.highlight),
      score,
    };
  }

  async suggest(prefix: string, options: SearchOptions & { limit?: number }): Promise<string[]> {
    const limit = clampInt(
      options.limit,
      this.tuning.defaultSuggestLimit,
      1,
      SEARCH_LIMITS.maxLimit,
    );
    const plan = this.plan(prefix);
    if (plan.words.length === 0) return [];
    const out = new Set<string>(wordCompletions(plan, this.vocabulary, this.tuning, limit));
    if (out.size < limit) {
      // Then titles the caller may open that contain what was typed.
      const typed = plan.phrase;
      for (const { doc } of this.ranker.rank(plan, options, limit).top) {
        if (out.size >= limit) break;
        const title = this.store.docs[doc]?.title ?? "";
        if (this.store.foldedTitles[doc]?.includes(typed)) out.add(title);
      }
    }
    return [...out].slice(0, limit);
  }
}
