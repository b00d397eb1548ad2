// Scoring: walks the posting lists of a query plan and accumulates, per document, its coverage
// (the share of query words it matches, like Meilisearch's "words" rule) and its relevance
// (BM25F over title, extra and body, 0..1). Accumulators are typed arrays indexed by document
// number with a "touched" list, reused between queries, so the hot loop allocates nothing.
//
// A query is scored in two precisions, because a common word matches tens of thousands of
// documents and only a handful are shown:
// - bounds(): every matching document, with its exact coverage (which decides what matches and
//   so the total and the facets) and an upper bound of its relevance that ignores field lengths.
//   The bound needs no division (one table lookup per posting), which makes it several times
//   cheaper than BM25F.
// - exact(): the same walk restricted to a few documents (the ranker's candidates, those whose
//   bound can still reach the top), with BM25F as it is. Both walks take the same steps in the
//   same order, so a candidate's exact score is what scoring every document would have given.
import type { DocumentStore } from "./documents";
import type { EmbeddedTuning } from "./options";
import {
  POSTING_COUNT_BITS,
  postingBody,
  postingDoc,
  postingExtra,
  postingTitle,
  type PostingLists,
} from "./postings";
import { ensureLength } from "./arrays";
import type { Alternative, Expansion, QueryPlan, Slot } from "./query-plan";

/** Generation stamps wrap before they overflow a Uint32. */
const MAX_GENERATION = 0xfffffff0;
/** Lower bound of k1 × (1 - b), reached only with bm25B = 1 (see bm25()). */
const MIN_BM25_BASE = 1e-9;
const POSTING_COUNTS_MASK = (1 << POSTING_COUNT_BITS) - 1;

/** Per-document coverage and relevance for the documents touched since reset(). */
export class Accumulator {
  cov = new Float32Array(0);
  rel = new Float32Array(0);
  touched = new Int32Array(0);
  size = 0;
  stamp = new Uint32Array(0);
  generation = 0;

  reset(capacity: number): void {
    if (this.stamp.length < capacity) {
      this.cov = new Float32Array(capacity);
      this.rel = new Float32Array(capacity);
      this.touched = new Int32Array(capacity);
      this.stamp = new Uint32Array(capacity);
      this.generation = 0;
    }
    this.generation++;
    if (this.generation >= MAX_GENERATION) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    this.size = 0;
  }

  private enter(doc: number, cov: number, rel: number): boolean {
    if (this.stamp[doc] === this.generation) return false;
    this.stamp[doc] = this.generation;
    this.cov[doc] = cov;
    this.rel[doc] = rel;
    this.touched[this.size++] = doc;
    return true;
  }

  max(doc: number, cov: number, rel: number): void {
    if (this.enter(doc, cov, rel)) return;
    if (cov > (this.cov[doc] as number)) this.cov[doc] = cov;
    if (rel > (this.rel[doc] as number)) this.rel[doc] = rel;
  }

  add(doc: number, cov: number, rel: number): void {
    if (this.enter(doc, cov, rel)) return;
    this.cov[doc] = (this.cov[doc] as number) + cov;
    this.rel[doc] = (this.rel[doc] as number) + rel;
  }
}

/** The per-query constants of BM25F: tf / (tf + base + perChar × field length), per field. */
type Bm25 = {
  wTitle: number;
  wExtra: number;
  wBody: number;
  base: number;
  perTitleChar: number;
  perExtraChar: number;
  perBodyChar: number;
};

export class Scorer {
  private slot = new Accumulator();
  private word = new Accumulator();
  private localeCode = -1;
  readonly total = new Accumulator();
  private scratch = new Uint32Array(1_024);
  private candidateDocs = new Int32Array(0);
  private candidateRel = new Float32Array(0);
  /** exact(): the documents to score (ascending) and how many; null for bounds(). */
  private only: Int32Array | null = null;
  private onlyCount = 0;
  /**
   * BM25F with every field length taken as 0, by the counts bits of a posting: an upper bound
   * of a posting's BM25F (a longer field only lowers it). It depends on the tuning alone, so it
   * is computed once.
   */
  private readonly bound: Float64Array;

  constructor(
    private readonly store: DocumentStore,
    private readonly postings: PostingLists,
    private readonly tuning: EmbeddedTuning,
  ) {
    const { wTitle, wExtra, wBody, base } = this.bm25();
    this.bound = new Float64Array(POSTING_COUNTS_MASK + 1);
    for (let counts = 0; counts <= POSTING_COUNTS_MASK; counts++) {
      // bm25() without the length terms, so that rounding cannot put an exact score above
      // its bound.
      const title = postingTitle(counts);
      const extra = postingExtra(counts);
      const body = postingBody(counts);
      this.bound[counts] =
        (wTitle * title) / (title + base) +
        (wExtra * extra) / (extra + base) +
        (wBody * body) / (body + base);
    }
  }

  /**
   * Fills `total` with every document matching at least one slot of the plan: exact coverage,
   * and a relevance that is at least the exact one. With a `localeCode` (>= 0), documents in
   * other languages are skipped.
   */
  bounds(plan: QueryPlan, localeCode: number): Accumulator {
    this.only = null;
    this.onlyCount = 0;
    return this.run(plan, localeCode);
  }

  /** Fills `total` with exact coverage and relevance for the first `count` of `docs` (ascending). */
  exact(plan: QueryPlan, localeCode: number, docs: Int32Array, count: number): Accumulator {
    this.only = docs;
    this.onlyCount = count;
    try {
      return this.run(plan, localeCode);
    } finally {
      this.only = null;
    }
  }

  private run(plan: QueryPlan, localeCode: number): Accumulator {
    const capacity = this.store.slots;
    this.localeCode = localeCode;
    this.total.reset(capacity);
    if (plan.words.length === 0) return this.total;
    const idfSum = plan.words.reduce((sum, w) => sum + w.idf, 0);
    const coverageShare = 1 / plan.words.length;
    for (const word of plan.words) {
      const relevanceShare = idfSum > 0 ? word.idf / idfSum : coverageShare;
      // Everything is a weighted sum, so a word without synonyms goes straight into the total.
      if (word.alternatives.length === 1) {
        const only = word.alternatives[0] as Alternative;
        this.addSlots(only, this.total, coverageShare, relevanceShare);
        continue;
      }
      // With synonyms, a document matching two alternatives would count the word twice: the
      // alternatives are summed per word and capped at one full match when added to the total.
      this.word.reset(capacity);
      for (const alternative of word.alternatives) this.addSlots(alternative, this.word, 1, 1);
      foldCapped(this.word, this.total, coverageShare, relevanceShare);
    }
    return this.total;
  }

  /** Adds each slot's best match per document, weighted, into `into`. */
  private addSlots(
    alternative: Alternative,
    into: Accumulator,
    covScale: number,
    relScale: number,
  ) {
    const single = alternative.slots.every((slot) => slot.expansions.length === 1);
    if (alternative.every && single && alternative.slots.length > 1) {
      this.addIntersection(alternative.slots, into, covScale, relScale);
      return;
    }
    for (const slot of alternative.slots) {
      const cov = slot.weight * covScale;
      const rel = slot.weight * relScale;
      // A document occurs once per posting list, so one expansion needs no per-slot maximum.
      if (slot.expansions.length === 1) {
        this.fillSlot(slot, into, cov, rel);
        continue;
      }
      this.slot.reset(this.store.slots);
      this.fillSlot(slot, this.slot, 1, 1);
      fold(this.slot, into, cov, rel);
    }
  }

  /**
   * The term's postings into this.scratch; returns how many. For exact(), only those of the
   * listed documents, found by galloping through the list (far fewer documents than postings).
   */
  private read(term: number): number {
    const length = this.postings.length(term);
    if (this.scratch.length < length) this.scratch = new Uint32Array(length);
    const list = this.scratch;
    const n = this.postings.read(term, list);
    return this.only === null ? n : keepDocs(list, n, this.only, this.onlyCount);
  }

  /**
   * Adds the documents that have every slot (each with one term): the rarest list gives the
   * candidates, and the other lists are searched by galloping instead of walked (posting lists
   * are in document order), which keeps phrases of common bigrams (サインイン) cheap.
   */
  private addIntersection(slots: Slot[], into: Accumulator, covScale: number, relScale: number) {
    const postings = this.postings;
    const ordered = slots
      .map((slot) => ({ slot, expansion: slot.expansions[0] as Expansion }))
      .sort((a, b) => postings.length(a.expansion.term) - postings.length(b.expansion.term));
    const walk = this.walk();
    const fieldMax = walk.k.wTitle + walk.k.wExtra + walk.k.wBody;
    let count = 0;
    let coverage = 0;
    for (const [index, { slot, expansion }] of ordered.entries()) {
      const n = this.read(expansion.term);
      const weight = (slot.weight * expansion.quality) / fieldMax;
      coverage += slot.weight * expansion.quality;
      if (index === 0) {
        this.candidateDocs = ensureLength(this.candidateDocs, n);
        this.candidateRel = ensureLength(this.candidateRel, n);
        count = firstOfIntersection(
          this.scratch,
          n,
          walk,
          weight,
          this.candidateDocs,
          this.candidateRel,
        );
      } else {
        count = nextOfIntersection(
          this.scratch,
          n,
          walk,
          weight,
          this.candidateDocs,
          this.candidateRel,
          count,
        );
      }
      if (count === 0) return;
    }
    addEach(into, this.candidateDocs, this.candidateRel, count, coverage * covScale, relScale);
  }

  /**
   * The per-query constants of tf / (tf + k1 × (1 - b + b × length / average)), per field.
   * `base` stays above zero so that an absent, empty field gives 0 / positive, not 0 / 0.
   */
  private bm25(): Bm25 {
    const avg = this.store.averageLengths();
    const { bm25K1: k1, bm25B: b, fieldWeights } = this.tuning;
    return {
      wTitle: fieldWeights.title,
      wExtra: fieldWeights.extra,
      wBody: fieldWeights.body,
      base: Math.max(MIN_BM25_BASE, k1 * (1 - b)),
      perTitleChar: (k1 * b) / avg.title,
      perExtraChar: (k1 * b) / avg.extra,
      perBodyChar: (k1 * b) / avg.body,
    };
  }

  /** What the posting loops read, for the current query and precision. */
  private walk(): Walk {
    const store = this.store;
    return {
      store,
      alive: store.alive,
      // Removed documents keep their postings until compaction; without any, no check is needed.
      skipDead: store.deadCount > 0,
      locale: store.locale,
      localeCode: this.localeCode,
      k: this.bm25(),
      exact: this.only !== null,
      bound: this.bound,
    };
  }

  /** Walks the slot's postings: into.add (one expansion) or into.max (several) per document. */
  private fillSlot(slot: Slot, into: Accumulator, covScale: number, relScale: number): void {
    const walk = this.walk();
    const fieldMax = walk.k.wTitle + walk.k.wExtra + walk.k.wBody;
    const maximum = into === this.slot;
    for (const { term, quality } of slot.expansions) {
      const n = this.read(term);
      const scale = (quality * relScale) / fieldMax;
      into.size = accumulate(this.scratch, n, walk, into, quality * covScale, scale, maximum);
    }
  }
}

/** The document columns and per-query constants that the posting loops read. */
type Walk = {
  store: DocumentStore;
  alive: Uint8Array;
  skipDead: boolean;
  locale: Uint8Array;
  /** Documents in other languages are skipped when this is >= 0. */
  localeCode: number;
  k: Bm25;
  /** BM25F as it is (exact()), or its bound (bounds()). */
  exact: boolean;
  bound: Float64Array;
};

/** The relevance of a posting (0..sum of the field weights) as the walk wants it. */
function postingScore(posting: number, doc: number, walk: Walk): number {
  return walk.exact
    ? bm25(posting, doc, walk.store, walk.k)
    : (walk.bound[posting & POSTING_COUNTS_MASK] as number);
}

/**
 * Adds (or, with `maximum`, keeps the best of) `c` coverage and the posting's relevance × `scale`
 * for each posting of `list`; returns the accumulator's new size. The accumulator's arrays are
 * in locals: this loop runs once per posting of the query.
 */
function accumulate(
  list: Uint32Array,
  n: number,
  walk: Walk,
  into: Accumulator,
  c: number,
  scale: number,
  maximum: boolean,
): number {
  const { alive, skipDead, locale, localeCode } = walk;
  const { stamp, cov, rel, touched, generation } = into;
  let size = into.size;
  for (let i = 0; i < n; i++) {
    const posting = list[i] as number;
    const doc = postingDoc(posting);
    if (skipDead && alive[doc] === 0) continue;
    if (localeCode >= 0 && locale[doc] !== localeCode) continue;
    const r = postingScore(posting, doc, walk) * scale;
    if (stamp[doc] !== generation) {
      stamp[doc] = generation;
      cov[doc] = c;
      rel[doc] = r;
      touched[size++] = doc;
    } else if (maximum) {
      if (c > (cov[doc] as number)) cov[doc] = c;
      if (r > (rel[doc] as number)) rel[doc] = r;
    } else {
      cov[doc] = (cov[doc] as number) + c;
      rel[doc] = (rel[doc] as number) + r;
    }
  }
  return size;
}

/** The documents of the rarest list of an intersection, with their relevance; returns how many. */
function firstOfIntersection(
  list: Uint32Array,
  n: number,
  walk: Walk,
  weight: number,
  docs: Int32Array,
  rels: Float32Array,
): number {
  const { alive, skipDead, locale, localeCode } = walk;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const posting = list[i] as number;
    const doc = postingDoc(posting);
    if (skipDead && alive[doc] === 0) continue;
    if (localeCode >= 0 && locale[doc] !== localeCode) continue;
    docs[count] = doc;
    rels[count++] = postingScore(posting, doc, walk) * weight;
  }
  return count;
}

/**
 * Keeps the first `count` candidates that `list` also holds, adding its relevance; returns how
 * many. The list is searched by galloping instead of walked (posting lists are in document
 * order), which keeps phrases of common bigrams (サインイン) cheap.
 */
function nextOfIntersection(
  list: Uint32Array,
  n: number,
  walk: Walk,
  weight: number,
  docs: Int32Array,
  rels: Float32Array,
  count: number,
): number {
  let kept = 0;
  let at = 0;
  for (let c = 0; c < count && at < n; c++) {
    const doc = docs[c] as number;
    at = seek(list, n, at, doc);
    if (at >= n) break;
    const posting = list[at] as number;
    if (postingDoc(posting) !== doc) continue;
    docs[kept] = doc;
    rels[kept++] = (rels[c] as number) + postingScore(posting, doc, walk) * weight;
  }
  return kept;
}

function addEach(
  into: Accumulator,
  docs: Int32Array,
  rels: Float32Array,
  count: number,
  cov: number,
  relScale: number,
): void {
  for (let c = 0; c < count; c++) {
    into.add(docs[c] as number, cov, (rels[c] as number) * relScale);
  }
}

/**
 * Moves to the front of `list` the postings of the first `count` of `docs` (ascending), found by
 * galloping; returns how many.
 */
function keepDocs(list: Uint32Array, n: number, docs: Int32Array, count: number): number {
  let kept = 0;
  let at = 0;
  for (let k = 0; k < count && at < n; k++) {
    const doc = docs[k] as number;
    at = seek(list, n, at, doc);
    if (at < n && postingDoc(list[at] as number) === doc) list[kept++] = list[at] as number;
  }
  return kept;
}

/**
 * BM25F of one posting, 0..sum of the field weights. Every field is computed, absent ones
 * included (tf 0 gives 0), instead of branching on which fields hold the term: the branch is
 * unpredictable, and mispredicting it cost more than the divisions it saved.
 */
function bm25(posting: number, doc: number, store: DocumentStore, k: Bm25): number {
  const title = postingTitle(posting);
  const extra = postingExtra(posting);
  const body = postingBody(posting);
  return (
    (k.wTitle * title) / (title + k.base + k.perTitleChar * (store.titleLength[doc] as number)) +
    (k.wExtra * extra) / (extra + k.base + k.perExtraChar * (store.extraLength[doc] as number)) +
    (k.wBody * body) / (body + k.base + k.perBodyChar * (store.bodyLength[doc] as number))
  );
}

/** The first index at or after `from` whose posting's document is >= `doc` (exponential search). */
function seek(list: Uint32Array, n: number, from: number, doc: number): number {
  if (from >= n || postingDoc(list[from] as number) >= doc) return from;
  let low = from;
  let step = 1;
  let high = from + step;
  while (high < n && postingDoc(list[high] as number) < doc) {
    low = high;
    step *= 2;
    high = from + step;
  }
  high = Math.min(high, n);
  // Invariant: list[low] < doc, and list[high] >= doc or high === n.
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (postingDoc(list[mid] as number) < doc) low = mid;
    else high = mid;
  }
  return high;
}

function fold(from: Accumulator, into: Accumulator, covWeight: number, relWeight: number): void {
  const { touched, cov, rel } = from;
  for (let i = 0; i < from.size; i++) {
    const doc = touched[i] as number;
    into.add(doc, (cov[doc] as number) * covWeight, (rel[doc] as number) * relWeight);
  }
}

function foldCapped(from: Accumulator, into: Accumulator, covWeight: number, relWeight: number) {
  const { touched, cov, rel } = from;
  for (let i = 0; i < from.size; i++) {
    const doc = touched[i] as number;
    const c = Math.min(1, cov[doc] as number) * covWeight;
    into.add(doc, c, Math.min(1, rel[doc] as number) * relWeight);
  }
}
