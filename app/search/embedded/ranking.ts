// From accumulated coverage and relevance to the ranked result: which documents match (a share
// of the best visible coverage), the audience rules, filters and facet counts, the ranking
// signals, the top k, and the title phrase bonus for the best of them.
//
// Matching, the total and the facets need only coverage, which the scorer's cheap pass gives
// exactly. Ordering needs BM25F, which is only worth computing for the few documents that can
// still make the top k: the cheap pass also gives an upper bound of every score, and the exact
// scores of the best-bounded documents give a floor that the others' bounds must reach.
//
// As in scoring.ts, every loop over the matches is a module function that returns a local and
// does nothing after its loop (V8's compiled loops otherwise fell back to the interpreter).
import type { SearchOptions } from "../types";
import { SEARCH_DOC_TYPES } from "../types";
import { ensureLength } from "./arrays";
import {
  type DocumentStore,
  FACET_TYPES,
  facetCategory,
  facetType,
  Visibility,
} from "./documents";
import type { EmbeddedTuning } from "./options";
import type { QueryPlan } from "./query-plan";
import type { Accumulator, Scorer } from "./scoring";

export type Ranked = { doc: number; score: number };

export type Ranking = {
  /** Matching documents that pass every filter. */
  total: number;
  /** The best of them, best first (at least the requested number, when there are that many). */
  top: Ranked[];
  /** Counts by type code and by category number (see DocumentStore.categoryNames). */
  typeCounts: Int32Array;
  categoryCounts: Int32Array;
};

/** Buckets of the histogram that picks the best-bounded matches (see boundCut()). */
const BOUND_BUCKETS = 1_024;

/**
 * Match counts per facet cell (DocumentStore.facet), and which cells pass the type and category
 * filters. Each facet ignores its own filter, so that it shows what choosing another value
 * would give: types are counted over the categories that pass, and categories over the types.
 */
class FacetCells {
  readonly counts: Int32Array;
  readonly passes: Uint8Array;

  constructor(
    private readonly typeOk: Uint8Array,
    private readonly categoryOk: Uint8Array,
  ) {
    const size = categoryOk.length * FACET_TYPES;
    this.counts = new Int32Array(size);
    this.passes = new Uint8Array(size);
    for (let cell = 0; cell < size; cell++) {
      this.passes[cell] =
        (typeOk[facetType(cell)] as number) & (categoryOk[facetCategory(cell)] as number);
    }
  }

  countInto(typeCounts: Int32Array, categoryCounts: Int32Array): void {
    this.counts.forEach((count, cell) => {
      const type = facetType(cell);
      const category = facetCategory(cell);
      if (this.categoryOk[category] === 1) typeCounts[type] = (typeCounts[type] as number) + count;
      if (this.typeOk[type] === 1) {
        categoryCounts[category] = (categoryCounts[category] as number) + count;
      }
    });
  }
}

/** What the per-match pass needs besides the accumulator, resolved once per query. */
type MatchPass = {
  threshold: number;
  visibility: Visibility;
  cells: FacetCells;
  store: DocumentStore;
  recencyScale: number;
  tuning: EmbeddedTuning;
  /** Where the matches that pass the filters go, with the bounds of their scores. */
  docs: Int32Array;
  bounds: Float64Array;
};

export class Ranker {
  private matchDocs = new Int32Array(0);
  private matchBounds = new Float64Array(0);
  /** Documents to score exactly, ascending. */
  private candidates = new Int32Array(0);
  private readonly histogram = new Int32Array(BOUND_BUCKETS);

  constructor(
    private readonly store: DocumentStore,
    private readonly scorer: Scorer,
    private readonly tuning: EmbeddedTuning,
  ) {}

  /**
   * The matching documents the caller may see, counted (total and facets), and the best
   * `wanted` of them in order.
   */
  rank(plan: QueryPlan, options: SearchOptions, wanted: number): Ranking {
    const store = this.store;
    const now = options.now ?? Date.now();
    const typeCounts = new Int32Array(SEARCH_DOC_TYPES.length);
    const categoryCounts = new Int32Array(store.categoryNames.length);
    const localeCode = options.locale ? store.localeCode(options.locale) : -1;
    const accumulated = this.scorer.bounds(plan, localeCode);
    const visibility = new Visibility(store, options.access, now);

    // A document matches when its coverage reaches a share of the best coverage among the
    // documents the caller may see (hidden ones must not set the bar; the scorer already left
    // out other languages).
    const best = bestVisibleCoverage(accumulated, visibility);
    if (best <= 0) return { total: 0, top: [], typeCounts, categoryCounts };

    this.matchDocs = ensureLength(this.matchDocs, accumulated.size);
    this.matchBounds = ensureLength(this.matchBounds, accumulated.size);
    const recencyScale = store.recencyScale(now);
    const cells = this.cells(options);
    const total = collectMatches(accumulated, {
      threshold: best * this.tuning.relativeMatchShare,
      visibility,
      cells,
      store,
      recencyScale,
      tuning: this.tuning,
      docs: this.matchDocs,
      bounds: this.matchBounds,
    });
    cells.countInto(typeCounts, categoryCounts);
    // No more places than matches: `wanted` is offset + limit, and the offset can be anything.
    const k = Math.min(total, Math.max(wanted, this.tuning.rerankWindow));
    const top = this.best(plan, localeCode, total, k, recencyScale);
    return { total, top: this.rerank(plan, top, recencyScale), typeCounts, categoryCounts };
  }

  /** Facet cells (DocumentStore.facet) for counting, with the type and category filters. */
  private cells(options: SearchOptions): FacetCells {
    const store = this.store;
    const typeCodes = (options.types ?? []).map((t) => store.typeCode(t));
    const typeOk = new Uint8Array(FACET_TYPES).fill(typeCodes.length ? 0 : 1);
    for (const code of typeCodes) if (code >= 0) typeOk[code] = 1;
    // A category no document has is a filter that nothing passes.
    const categoryCode = options.category === undefined ? -1 : store.findCategory(options.category);
    const noCategory = options.category !== undefined && categoryCode < 0;
    const categoryOk = new Uint8Array(store.categoryNames.length);
    for (let category = 0; category < categoryOk.length; category++) {
      categoryOk[category] = !noCategory && (categoryCode < 0 || category === categoryCode) ? 1 : 0;
    }
    return new FacetCells(typeOk, categoryOk);
  }

  /**
   * The `k` best of the `count` collected matches by exact score, best first. First about
   * candidateFactor × k of the best by bound are scored exactly; the k-th best of them is a
   * floor for the k-th best of all. When no other match's bound reaches it they are the answer,
   * else every match whose bound does is scored exactly (a few percent of the matches).
   */
  private best(
    plan: QueryPlan,
    localeCode: number,
    count: number,
    k: number,
    recencyScale: number,
  ): Ranked[] {
    if (k <= 0) return [];
    const { matchDocs, matchBounds } = this;
    this.candidates = ensureLength(this.candidates, count);
    const cut = boundCut(matchBounds, count, k * this.tuning.candidateFactor, this.histogram);
    let n = docsFrom(matchDocs, matchBounds, count, cut, this.candidates);
    const first = this.exactTop(plan, localeCode, n, k, recencyScale);
    if (highestBelow(matchBounds, count, cut) < first.floor) return first.sorted();

    n = docsFrom(matchDocs, matchBounds, count, first.floor, this.candidates);
    return this.exactTop(plan, localeCode, n, k, recencyScale).sorted();
  }

  /** The k best by exact score of the first `n` of this.candidates. */
  private exactTop(
    plan: QueryPlan,
    localeCode: number,
    n: number,
    k: number,
    recencyScale: number,
  ): TopK {
    const docs = this.candidates.subarray(0, n).sort();
    const accumulated = this.scorer.exact(plan, localeCode, docs, n);
    const top = new TopK(k);
    pushScores(docs, accumulated, this.store, this.tuning, recencyScale, top);
    return top;
  }

  /**
   * The title phrase bonus, for the best candidates only: a title containing the query as typed
   * (or a CJK run of it) is what the searcher most likely wants. Only the top rerankWindow get
   * it, so pages beyond that window may order slightly differently from a full sort.
   */
  private rerank(plan: QueryPlan, ranked: Ranked[], recencyScale: number): Ranked[] {
    const queryChars = plan.phrase.replace(/ /g, "").length;
    if (queryChars < 2) return ranked;
    for (const hit of ranked) {
      const title = this.store.foldedTitles[hit.doc] ?? "";
      let share = 0;
      if (title.includes(plan.phrase)) share = 1;
      else {
        let chars = 0;
        for (const run of plan.cjkRuns) if (title.includes(run)) chars += run.length;
        share = Math.min(1, chars / queryChars);
      }
      if (share > 0) {
        hit.score += this.tuning.titlePhraseBonus * share * this.store.signal(hit.doc, recencyScale);
      }
    }
    return ranked.sort(bestFirst);
  }
}

/** Higher score first; ties go to the lower document number (indexed earlier). */
function bestFirst(a: Ranked, b: Ranked): number {
  return b.score - a.score || a.doc - b.doc;
}

/**
 * The best coverage among the matches the caller may see. The audience rules only run for a
 * document that would raise the running best, so this costs a comparison per match.
 */
function bestVisibleCoverage(accumulated: Accumulator, visibility: Visibility): number {
  const { touched, cov } = accumulated;
  let best = 0;
  for (let i = 0; i < accumulated.size; i++) {
    const doc = touched[i] as number;
    const c = cov[doc] as number;
    if (c > best && visibility.sees(doc)) best = c;
  }
  return best;
}

/**
 * One pass over the matches: a count per facet cell, and the matches that pass the filters
 * with the bound of their score into pass.docs/pass.bounds; returns how many passed. It runs
 * for every match, so it reads the columns through locals (V8 then keeps them in registers)
 * and has store.signal() written out.
 */
function collectMatches(accumulated: Accumulator, pass: MatchPass): number {
  const { threshold, visibility, recencyScale, docs, bounds } = pass;
  const { coverageWeight, relevanceWeight, recencyWeight } = pass.tuning;
  const { counts, passes } = pass.cells;
  const { touched, cov, rel, size } = accumulated;
  const { facet, gate, staticSignal, recencyBase } = pass.store;
  const open = visibility.open;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const doc = touched[i] as number;
    const coverage = cov[doc] as number;
    if (coverage < threshold || coverage <= 0) continue;
    if ((gate[doc] as number) > open && !visibility.sees(doc)) continue;
    const cell = facet[doc] as number;
    counts[cell] = (counts[cell] as number) + 1;
    if (passes[cell] === 0) continue;
    const recency = Math.min(1, (recencyBase[doc] as number) * recencyScale);
    const signal = (staticSignal[doc] as number) + recencyWeight * recency;
    // The score grows with relevance when the signal is positive (it is, unless the tuning
    // makes it negative); otherwise no relevance is the best case.
    const relevance = signal > 0 ? relevanceWeight * (rel[doc] as number) : 0;
    docs[total] = doc;
    bounds[total++] = (coverageWeight * coverage + relevance) * signal;
  }
  return total;
}

/**
 * A bound that at least `wanted` of the first `count` bounds reach, and not many more: the lower
 * edge of the histogram bucket where the count from the top reaches `wanted` (-Infinity: all).
 * Cheaper than a heap or a sort over tens of thousands of matches.
 */
function boundCut(bounds: Float64Array, count: number, wanted: number, buckets: Int32Array) {
  if (count <= wanted) return Number.NEGATIVE_INFINITY;
  const low = lowest(bounds, count);
  const high = highest(bounds, count);
  if (!(high > low)) return Number.NEGATIVE_INFINITY;
  const perUnit = buckets.length / (high - low);
  fillHistogram(bounds, count, low, perUnit, buckets.fill(0));
  const bucket = bucketReaching(buckets, wanted);
  return bucket <= 0 ? Number.NEGATIVE_INFINITY : low + bucket / perUnit;
}

function lowest(values: Float64Array, count: number): number {
  let low = Number.POSITIVE_INFINITY;
  for (let i = 0; i < count; i++) if ((values[i] as number) < low) low = values[i] as number;
  return low;
}

function highest(values: Float64Array, count: number): number {
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) if ((values[i] as number) > high) high = values[i] as number;
  return high;
}

function fillHistogram(
  values: Float64Array,
  count: number,
  low: number,
  perUnit: number,
  buckets: Int32Array,
): void {
  const last = buckets.length - 1;
  for (let i = 0; i < count; i++) {
    const bucket = Math.min(last, Math.floor(((values[i] as number) - low) * perUnit));
    buckets[bucket] = (buckets[bucket] as number) + 1;
  }
}

/** The highest bucket at which the counts from the top reach `wanted`, or 0. */
function bucketReaching(buckets: Int32Array, wanted: number): number {
  let reached = 0;
  let bucket = buckets.length - 1;
  while (bucket > 0) {
    reached += buckets[bucket] as number;
    if (reached >= wanted) break;
    bucket--;
  }
  return bucket;
}

/** Copies into `out` the documents whose bound reaches `cut`; returns how many. */
function docsFrom(
  docs: Int32Array,
  bounds: Float64Array,
  count: number,
  cut: number,
  out: Int32Array,
): number {
  let n = 0;
  for (let i = 0; i < count; i++) {
    if ((bounds[i] as number) >= cut) out[n++] = docs[i] as number;
  }
  return n;
}

/** The highest of the first `count` bounds below `cut` (-Infinity when none). */
function highestBelow(bounds: Float64Array, count: number, cut: number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const bound = bounds[i] as number;
    if (bound < cut && bound > best) best = bound;
  }
  return best;
}

/** Pushes the exact score of each of `docs` into `top`. */
function pushScores(
  docs: Int32Array,
  accumulated: Accumulator,
  store: DocumentStore,
  tuning: EmbeddedTuning,
  recencyScale: number,
  top: TopK,
): void {
  const { cov, rel, stamp, generation } = accumulated;
  const { coverageWeight, relevanceWeight } = tuning;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    // Every candidate matched in the cheap pass, so the exact one finds it too.
    if (stamp[doc] !== generation) continue;
    const base = coverageWeight * (cov[doc] as number) + relevanceWeight * (rel[doc] as number);
    top.push(doc, base * store.signal(doc, recencyScale));
  }
}

/** The k best (score, doc) pairs; ties go to the lower document number (indexed earlier). */
export class TopK {
  private scores: Float64Array;
  private docs: Int32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(Math.max(1, k));
    this.docs = new Int32Array(Math.max(1, k));
  }

  /** The k-th best score once k are held; until then nothing is kept out, so -Infinity. */
  get floor(): number {
    return this.size < this.k ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  private worse(i: number, j: number): boolean {
    const a = this.scores[i] as number;
    const b = this.scores[j] as number;
    return a < b || (a === b && (this.docs[i] as number) > (this.docs[j] as number));
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i] as number;
    this.scores[i] = this.scores[j] as number;
    this.scores[j] = s;
    const d = this.docs[i] as number;
    this.docs[i] = this.docs[j] as number;
    this.docs[j] = d;
  }

  push(doc: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      this.scores[i] = score;
      this.docs[i] = doc;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    // Replace the worst (the root) when the newcomer beats it.
    const rootScore = this.scores[0] as number;
    if (score < rootScore || (score === rootScore && doc > (this.docs[0] as number))) return;
    this.scores[0] = score;
    this.docs[0] = doc;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.size && this.worse(left, smallest)) smallest = left;
      if (right < this.size && this.worse(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  /** Best first. */
  sorted(): Ranked[] {
    const out: Ranked[] = [];
    for (let i = 0; i < this.size; i++) {
      out.push({ doc: this.docs[i] as number, score: this.scores[i] as number });
    }
    return out.sort(bestFirst);
  }
}
