// From accumulated coverage and relevance to the ranked result: which documents match (a share
// of the best visible coverage), the audience rules, filters and facet counts, the ranking
// signals, the top k, and the title phrase bonus for the best of them.
import type { SearchOptions } from "../types";
import { SEARCH_DOC_TYPES } from "../types";
import { ensureLength } from "./arrays";
import type { DocumentStore } from "./documents";
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

export class Ranker {
  /** Scratch list of matching documents, reused between queries. */
  private candidates = new Int32Array(0);

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
    const { touched, cov, rel } = accumulated;

    // A document matches when its coverage reaches a share of the best coverage among the
    // documents the caller may see (hidden ones must not set the bar; the scorer already left
    // out other languages).
    // Most of the time the best document is visible, so the bar is first taken from all
    // documents and the audience rules only run for those above it.
    const visible = (doc: number) => store.canSee(doc, options.access, now);
    let bestOfAll = 0;
    for (let i = 0; i < accumulated.size; i++) {
      const c = cov[touched[i] as number] as number;
      if (c > bestOfAll) bestOfAll = c;
    }
    let threshold = bestOfAll * this.tuning.relativeMatchShare;
    let candidates = this.collect(accumulated, threshold, visible);
    if (candidates.best < bestOfAll) {
      threshold = this.bestVisible(accumulated, visible) * this.tuning.relativeMatchShare;
      candidates = this.collect(accumulated, threshold, visible);
    }
    if (candidates.count === 0) return { total: 0, top: [], typeCounts, categoryCounts };
    const chosen = this.candidates;

    const typeCodes = (options.types ?? []).map((t) => store.typeCode(t));
    const wantedTypes = new Uint8Array(SEARCH_DOC_TYPES.length).fill(typeCodes.length ? 0 : 1);
    for (const code of typeCodes) if (code >= 0) wantedTypes[code] = 1;
    // A category no document has is a filter that nothing passes.
    const categoryCode = options.category === undefined ? -1 : store.findCategory(options.category);
    const noCategory = options.category !== undefined && categoryCode < 0;
    const { coverageWeight, relevanceWeight } = this.tuning;
    const recencyScale = store.recencyScale(now);
    const heap = new TopK(Math.min(candidates.count, Math.max(wanted, this.tuning.rerankWindow)));
    const types = store.type;
    const categories = store.category;
    let total = 0;
    for (let i = 0; i < candidates.count; i++) {
      const doc = chosen[i] as number;
      const coverage = cov[doc] as number;
      const type = types[doc] as number;
      const category = categories[doc] as number;
      const typeOk = wantedTypes[type] === 1;
      const categoryOk = !noCategory && (categoryCode < 0 || category === categoryCode);
      // Each facet ignores its own filter, so it shows what choosing another value would give.
      if (categoryOk) typeCounts[type] = (typeCounts[type] as number) + 1;
      if (typeOk) categoryCounts[category] = (categoryCounts[category] as number) + 1;
      if (!typeOk || !categoryOk) continue;
      total++;
      const base = coverageWeight * coverage + relevanceWeight * (rel[doc] as number);
      heap.push(doc, base * store.signal(doc, recencyScale));
    }
    return {
      total,
      top: this.rerank(plan, heap.sorted(), recencyScale),
      typeCounts,
      categoryCounts,
    };
  }

  /** Visible documents at or above `threshold` into this.candidates; their best coverage. */
  private collect(accumulated: Accumulator, threshold: number, visible: (doc: number) => boolean) {
    const { touched, cov } = accumulated;
    this.candidates = ensureLength(this.candidates, accumulated.size);
    const out = this.candidates;
    let count = 0;
    let best = 0;
    for (let i = 0; i < accumulated.size; i++) {
      const doc = touched[i] as number;
      const c = cov[doc] as number;
      if (c < threshold || c <= 0 || !visible(doc)) continue;
      out[count++] = doc;
      if (c > best) best = c;
    }
    return { count, best };
  }

  private bestVisible(accumulated: Accumulator, visible: (doc: number) => boolean): number {
    const { touched, cov } = accumulated;
    let best = 0;
    for (let i = 0; i < accumulated.size; i++) {
      const doc = touched[i] as number;
      if ((cov[doc] as number) > best && visible(doc)) best = cov[doc] as number;
    }
    return best;
  }

  /**
   * The title phrase bonus, for the best candidates only: a title containing the query as typed
   * (or a CJK run of it) is what the searcher most likely wants. Only the top rerankWindow get
   * it, so pages beyond that window may order slightly differently from a full sort.
   */
  private rerank(
    plan: QueryPlan,
    ranked: Array<{ doc: number; score: number }>,
    recencyScale: number,
  ) {
    const queryChars = plan.phrase.replace(/ /g, "").length;
    if (queryChars < 2) return ranked;
    const out = ranked.map(({ doc, score }) => {
      const title = this.store.foldedTitles[doc] ?? "";
      let share = 0;
      if (title.includes(plan.phrase)) share = 1;
      else {
        let chars = 0;
        for (const run of plan.cjkRuns) if (title.includes(run)) chars += run.length;
        share = Math.min(1, chars / queryChars);
      }
      if (share === 0) return { doc, score };
      const bonus = this.tuning.titlePhraseBonus * share * this.store.signal(doc, recencyScale);
      return { doc, score: score + bonus };
    });
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
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
  sorted(): Array<{ doc: number; score: number }> {
    const out: Array<{ doc: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) {
      out.push({ doc: this.docs[i] as number, score: this.scores[i] as number });
    }
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
