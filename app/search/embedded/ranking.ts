// From accumulated coverage and relevance to the ranked result: which documents match (a share
// of the best visible coverage), the audience rules, filters and facet counts, the ranking
// signals, the top k, and the title phrase bonus for the best of them.
//
// As in scoring.ts, every loop over the matches is a module function that reads its arrays into
// locals and returns a local, with nothing after its loop (see there for why).
import type { SearchOptions } from "../types";
import { SEARCH_DOC_TYPES } from "../types";
import { type DocumentStore, FACET_TYPES, facetCategory, facetType, Visibility } from "./documents";
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
  /** The best matches that pass the filters. */
  top: TopK;
};

export class Ranker {
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
    const accumulated = this.scorer.run(plan, localeCode);
    const visibility = new Visibility(store, options.access, now);

    // A document matches when its coverage reaches a share of the best coverage among the
    // documents the caller may see (hidden ones must not set the bar; the scorer already left
    // out other languages).
    const best = bestVisibleCoverage(accumulated, visibility);
    if (best <= 0) return { total: 0, top: [], typeCounts, categoryCounts };

    const recencyScale = store.recencyScale(now);
    const cells = this.cells(options);
    // No more places than matches: `wanted` is offset + limit, and the offset can be anything.
    const top = new TopK(Math.min(accumulated.size, Math.max(wanted, this.tuning.rerankWindow)));
    const total = collectMatches(accumulated, {
      threshold: best * this.tuning.relativeMatchShare,
      visibility,
      cells,
      store,
      recencyScale,
      tuning: this.tuning,
      top,
    });
    cells.countInto(typeCounts, categoryCounts);
    return {
      total,
      top: this.rerank(plan, top.sorted(), recencyScale),
      typeCounts,
      categoryCounts,
    };
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
        hit.score +=
          this.tuning.titlePhraseBonus * share * this.store.signal(hit.doc, recencyScale);
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
 * One pass over the matches: a count per facet cell (one increment), and the score of each
 * match that passes the filters into the top-k heap, which turns most away with one comparison.
 * Returns how many passed. It has store.signal() written out.
 */
function collectMatches(accumulated: Accumulator, pass: MatchPass): number {
  const { threshold, visibility, recencyScale, top } = pass;
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
    total++;
    const recency = Math.min(1, (recencyBase[doc] as number) * recencyScale);
    const signal = (staticSignal[doc] as number) + recencyWeight * recency;
    const base = coverageWeight * coverage + relevanceWeight * (rel[doc] as number);
    top.push(doc, base * signal);
  }
  return total;
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
