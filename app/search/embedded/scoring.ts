// Scoring: walks the posting lists of a query plan and accumulates, per document, its coverage
// (the share of query words it matches, like Meilisearch's "words" rule) and its relevance
// (BM25F over title, extra and body, 0..1). Accumulators are typed arrays indexed by document
// number with a "touched" list, reused between queries, so the hot loop allocates nothing.
//
// A common word matches tens of thousands of documents, so the loops are written for V8:
// - Every loop over postings is a module function that reads its arrays into locals first and
//   returns a local after the loop, with nothing else after it. V8 compiles a long loop while it
//   runs (on-stack replacement) and reuses that code on the next call; code after the loop that
//   had not run by then had no type information, and the compiled code threw itself away there
//   on every query, leaving the rest of the work to the interpreter.
// - BM25F computes every field, absent ones included (tf 0 gives 0), instead of branching on
//   which fields hold the term: that branch is unpredictable, and mispredicting it cost more
//   than the divisions it saved.
import type { DocumentStore } from "./documents";
import type { EmbeddedTuning } from "./options";
import { postingBody, postingDoc, postingExtra, postingTitle, type PostingLists } from "./postings";
import { ensureLength } from "./arrays";
import type { Alternative, Expansion, QueryPlan, Slot } from "./query-plan";

/** Generation stamps wrap before they overflow a Uint32. */
const MAX_GENERATION = 0xfffffff0;
/** Lower bound of k1 × (1 - b), reached only with bm25B = 1 (see bm25()). */
const MIN_BM25_BASE = 1e-9;
const INITIAL_LISTS = 1 << 16;

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

/** The document columns and per-query constants that the posting loops read. */
type Walk = {
  alive: Uint8Array;
  /** Removed documents keep their postings until compaction; without any, no check is needed. */
  skipDead: boolean;
  locale: Uint8Array;
  /** Documents in other languages are skipped when this is >= 0. */
  localeCode: number;
  titleLength: Uint16Array;
  extraLength: Uint16Array;
  bodyLength: Uint16Array;
  k: Bm25;
};

export class Scorer {
  private slot = new Accumulator();
  private word = new Accumulator();
  private localeCode = -1;
  readonly total = new Accumulator();
  private candidateDocs = new Int32Array(0);
  private candidateRel = new Float32Array(0);
  /**
   * The posting lists read by the current query, one after the other, and where each term's
   * are: a term in several synonyms or slots ("api" in "api token", "APIキー", ...) is copied
   * out of the posting pool once.
   */
  private lists = new Uint32Array(INITIAL_LISTS);
  private listsUsed = 0;
  private listSpans = new Map<number, { from: number; to: number }>();

  constructor(
    private readonly store: DocumentStore,
    private readonly postings: PostingLists,
    private readonly tuning: EmbeddedTuning,
  ) {}

  /**
   * Fills `total` with every document matching at least one slot of the plan; with a
   * `localeCode` (>= 0), documents in other languages are skipped.
   */
  run(plan: QueryPlan, localeCode = -1): Accumulator {
    const capacity = this.store.slots;
    this.localeCode = localeCode;
    this.total.reset(capacity);
    this.listsUsed = 0;
    this.listSpans.clear();
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
      // While the total is still empty (the first word), the word is summed in it and capped
      // in place, which spares copying every match from one accumulator to the other.
      const empty = this.total.size === 0;
      const sum = empty ? this.total : this.word;
      if (!empty) this.word.reset(capacity);
      for (const alternative of word.alternatives) this.addSlots(alternative, sum, 1, 1);
      if (empty) capInPlace(this.total, coverageShare, relevanceShare);
      else this.total.size = fold(this.word, this.total, coverageShare, relevanceShare, true);
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
      into.size = fold(this.slot, into, cov, rel, false);
    }
  }

  /** The term's postings, copied out of the pool at its first use in the query. */
  private read(term: number): Uint32Array {
    const span = this.listSpans.get(term);
    if (span) return this.lists.subarray(span.from, span.to);
    const from = this.listsUsed;
    this.lists = ensureLength(this.lists, from + this.postings.length(term));
    const to = from + this.postings.read(term, this.lists.subarray(from));
    this.listsUsed = to;
    this.listSpans.set(term, { from, to });
    return this.lists.subarray(from, to);
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
      const list = this.read(expansion.term);
      const weight = (slot.weight * expansion.quality) / fieldMax;
      coverage += slot.weight * expansion.quality;
      if (index === 0) {
        this.candidateDocs = ensureLength(this.candidateDocs, list.length);
        this.candidateRel = ensureLength(this.candidateRel, list.length);
        count = firstOfIntersection(list, walk, weight, this.candidateDocs, this.candidateRel);
      } else {
        const docs = this.candidateDocs;
        count = nextOfIntersection(list, walk, weight, docs, this.candidateRel, count);
      }
      if (count === 0) return;
    }
    const docs = this.candidateDocs;
    into.size = addEach(into, docs, this.candidateRel, count, coverage * covScale, relScale);
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

  private walk(): Walk {
    const store = this.store;
    return {
      alive: store.alive,
      skipDead: store.deadCount > 0,
      locale: store.locale,
      localeCode: this.localeCode,
      titleLength: store.titleLength,
      extraLength: store.extraLength,
      bodyLength: store.bodyLength,
      k: this.bm25(),
    };
  }

  /** Walks the slot's postings: add (one expansion) or keep the best (several) per document. */
  private fillSlot(slot: Slot, into: Accumulator, covScale: number, relScale: number): void {
    const walk = this.walk();
    const fieldMax = walk.k.wTitle + walk.k.wExtra + walk.k.wBody;
    const maximum = into === this.slot;
    for (const { term, quality } of slot.expansions) {
      const list = this.read(term);
      const c = quality * covScale;
      const scale = (quality * relScale) / fieldMax;
      into.size = maximum
        ? accumulateMax(list, walk, into, c, scale)
        : accumulateSum(list, walk, into, c, scale);
    }
  }
}

/** BM25F of one posting, 0..the sum of the field weights, given its document's field lengths. */
function bm25(posting: number, title: number, extra: number, body: number, k: Bm25): number {
  const inTitle = postingTitle(posting);
  const inExtra = postingExtra(posting);
  const inBody = postingBody(posting);
  return (
    (k.wTitle * inTitle) / (inTitle + k.base + k.perTitleChar * title) +
    (k.wExtra * inExtra) / (inExtra + k.base + k.perExtraChar * extra) +
    (k.wBody * inBody) / (inBody + k.base + k.perBodyChar * body)
  );
}

/**
 * Adds `c` coverage and BM25F × `scale` relevance for each posting of `list`; returns the
 * accumulator's new size.
 */
function accumulateSum(
  list: Uint32Array,
  walk: Walk,
  into: Accumulator,
  c: number,
  scale: number,
): number {
  const { alive, skipDead, locale, localeCode, titleLength, extraLength, bodyLength, k } = walk;
  const { stamp, cov, rel, touched, generation } = into;
  let size = into.size;
  for (let i = 0; i < list.length; i++) {
    const posting = list[i] as number;
    const doc = postingDoc(posting);
    if (skipDead && alive[doc] === 0) continue;
    if (localeCode >= 0 && locale[doc] !== localeCode) continue;
    const r =
      bm25(
        posting,
        titleLength[doc] as number,
        extraLength[doc] as number,
        bodyLength[doc] as number,
        k,
      ) * scale;
    if (stamp[doc] !== generation) {
      stamp[doc] = generation;
      cov[doc] = c;
      rel[doc] = r;
      touched[size++] = doc;
    } else {
      cov[doc] = (cov[doc] as number) + c;
      rel[doc] = (rel[doc] as number) + r;
    }
  }
  return size;
}

/**
 * As accumulateSum(), keeping each document's best coverage and relevance instead. Kept as a
 * separate copy on purpose: one loop with a sum/max flag gives V8 a polymorphic hot loop and
 * measured slower on broad queries (see the header comment).
 */
function accumulateMax(
  list: Uint32Array,
  walk: Walk,
  into: Accumulator,
  c: number,
  scale: number,
): number {
  const { alive, skipDead, locale, localeCode, titleLength, extraLength, bodyLength, k } = walk;
  const { stamp, cov, rel, touched, generation } = into;
  let size = into.size;
  for (let i = 0; i < list.length; i++) {
    const posting = list[i] as number;
    const doc = postingDoc(posting);
    if (skipDead && alive[doc] === 0) continue;
    if (localeCode >= 0 && locale[doc] !== localeCode) continue;
    const r =
      bm25(
        posting,
        titleLength[doc] as number,
        extraLength[doc] as number,
        bodyLength[doc] as number,
        k,
      ) * scale;
    if (stamp[doc] !== generation) {
      stamp[doc] = generation;
      cov[doc] = c;
      rel[doc] = r;
      touched[size++] = doc;
    } else {
      if (c > (cov[doc] as number)) cov[doc] = c;
      if (r > (rel[doc] as number)) rel[doc] = r;
    }
  }
  return size;
}

/** The documents of the rarest list of an intersection, with their relevance; returns how many. */
function firstOfIntersection(
  list: Uint32Array,
  walk: Walk,
  weight: number,
  docs: Int32Array,
  rels: Float32Array,
): number {
  const { alive, skipDead, locale, localeCode, titleLength, extraLength, bodyLength, k } = walk;
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    const posting = list[i] as number;
    const doc = postingDoc(posting);
    if (skipDead && alive[doc] === 0) continue;
    if (localeCode >= 0 && locale[doc] !== localeCode) continue;
    docs[count] = doc;
    rels[count++] =
      bm25(
        posting,
        titleLength[doc] as number,
        extraLength[doc] as number,
        bodyLength[doc] as number,
        k,
      ) * weight;
  }
  return count;
}

/** Keeps the first `count` candidates that `list` also holds, adding its relevance; returns how many. */
function nextOfIntersection(
  list: Uint32Array,
  walk: Walk,
  weight: number,
  docs: Int32Array,
  rels: Float32Array,
  count: number,
): number {
  const { titleLength, extraLength, bodyLength, k } = walk;
  const n = list.length;
  let kept = 0;
  let at = 0;
  for (let c = 0; c < count && at < n; c++) {
    const doc = docs[c] as number;
    at = seek(list, n, at, doc);
    if (at >= n) break;
    const posting = list[at] as number;
    if (postingDoc(posting) !== doc) continue;
    docs[kept] = doc;
    rels[kept++] =
      (rels[c] as number) +
      bm25(
        posting,
        titleLength[doc] as number,
        extraLength[doc] as number,
        bodyLength[doc] as number,
        k,
      ) *
        weight;
  }
  return kept;
}

/** Adds the `count` documents of `docs` with coverage `c` and relevance rels × `relScale`. */
function addEach(
  into: Accumulator,
  docs: Int32Array,
  rels: Float32Array,
  count: number,
  c: number,
  relScale: number,
): number {
  const { stamp, cov, rel, touched, generation } = into;
  let size = into.size;
  for (let i = 0; i < count; i++) {
    const doc = docs[i] as number;
    const r = (rels[i] as number) * relScale;
    if (stamp[doc] !== generation) {
      stamp[doc] = generation;
      cov[doc] = c;
      rel[doc] = r;
      touched[size++] = doc;
    } else {
      cov[doc] = (cov[doc] as number) + c;
      rel[doc] = (rel[doc] as number) + r;
    }
  }
  return size;
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

/** Caps each document's coverage and relevance at 1, then weights them. */
function capInPlace(acc: Accumulator, covWeight: number, relWeight: number): void {
  const { touched, cov, rel, size } = acc;
  for (let i = 0; i < size; i++) {
    const doc = touched[i] as number;
    cov[doc] = Math.min(1, cov[doc] as number) * covWeight;
    rel[doc] = Math.min(1, rel[doc] as number) * relWeight;
  }
}

/**
 * Adds each document of `from`, its coverage and relevance weighted (and with `cap`, each at most
 * 1 before weighting), into `into`; returns `into`'s new size.
 */
function fold(
  from: Accumulator,
  into: Accumulator,
  covWeight: number,
  relWeight: number,
  cap: boolean,
): number {
  const { touched: docs, cov: fromCov, rel: fromRel } = from;
  const { stamp, cov, rel, touched, generation } = into;
  let size = into.size;
  for (let i = 0; i < from.size; i++) {
    const doc = docs[i] as number;
    const c = (cap ? Math.min(1, fromCov[doc] as number) : (fromCov[doc] as number)) * covWeight;
    const r = (cap ? Math.min(1, fromRel[doc] as number) : (fromRel[doc] as number)) * relWeight;
    if (stamp[doc] !== generation) {
      stamp[doc] = generation;
      cov[doc] = c;
      rel[doc] = r;
      touched[size++] = doc;
    } else {
      cov[doc] = (cov[doc] as number) + c;
      rel[doc] = (rel[doc] as number) + r;
    }
  }
  return size;
}
