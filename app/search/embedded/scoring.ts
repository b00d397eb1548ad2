// Scoring: walks the posting lists of a query plan and accumulates, per document, its coverage
// (the share of query words it matches, like Meilisearch's "words" rule) and its relevance
// (BM25F over title, extra and body, 0..1). Accumulators are typed arrays indexed by document
// number with a "touched" list, reused between queries, so the hot loop allocates nothing.
import type { DocumentStore } from "./documents";
import type { EmbeddedTuning } from "./options";
import { postingBody, postingDoc, postingExtra, postingTitle, type PostingLists } from "./postings";
import { ensureLength } from "./arrays";
import type { Alternative, Expansion, QueryPlan, Slot } from "./query-plan";

/** Generation stamps wrap before they overflow a Uint32. */
const MAX_GENERATION = 0xfffffff0;

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

export class Scorer {
  private slot = new Accumulator();
  private word = new Accumulator();
  private localeCode = -1;
  readonly total = new Accumulator();
  private scratch = new Uint32Array(1_024);
  private candidateDocs = new Int32Array(0);
  private candidateRel = new Float32Array(0);

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
   * Adds the documents that have every slot (each with one term): the rarest list gives the
   * candidates, and the other lists are searched by galloping instead of walked (posting lists
   * are in document order), which keeps phrases of common bigrams (サインイン) cheap.
   */
  private addIntersection(slots: Slot[], into: Accumulator, covScale: number, relScale: number) {
    const postings = this.postings;
    const ordered = slots
      .map((slot) => ({ slot, expansion: slot.expansions[0] as Expansion }))
      .sort((a, b) => postings.length(a.expansion.term) - postings.length(b.expansion.term));
    const { alive, locale } = this.store;
    const field = this.fieldScorer();
    let count = 0;
    let coverage = 0;
    for (const [index, { slot, expansion }] of ordered.entries()) {
      const length = postings.length(expansion.term);
      if (this.scratch.length < length) this.scratch = new Uint32Array(length);
      const list = this.scratch;
      const n = postings.read(expansion.term, list);
      const weight = (slot.weight * expansion.quality) / field.max;
      coverage += slot.weight * expansion.quality;
      if (index === 0) {
        this.candidateDocs = ensureLength(this.candidateDocs, n);
        this.candidateRel = ensureLength(this.candidateRel, n);
        for (let i = 0; i < n; i++) {
          const posting = list[i] as number;
          const doc = postingDoc(posting);
          if (alive[doc] === 0 || (this.localeCode >= 0 && locale[doc] !== this.localeCode))
            continue;
          this.candidateDocs[count] = doc;
          this.candidateRel[count++] = field.score(posting, doc) * weight;
        }
        continue;
      }
      let kept = 0;
      let at = 0;
      for (let k = 0; k < count && at < n; k++) {
        const doc = this.candidateDocs[k] as number;
        at = seek(list, n, at, doc);
        if (at < n && postingDoc(list[at] as number) === doc) {
          this.candidateDocs[kept] = doc;
          this.candidateRel[kept++] =
            (this.candidateRel[k] as number) + field.score(list[at] as number, doc) * weight;
        }
      }
      count = kept;
      if (count === 0) return;
    }
    for (let k = 0; k < count; k++) {
      into.add(
        this.candidateDocs[k] as number,
        coverage * covScale,
        (this.candidateRel[k] as number) * relScale,
      );
    }
  }

  /** BM25F of one posting, 0..max, with the per-query constants bound. */
  private fieldScorer() {
    const { titleLength, extraLength, bodyLength } = this.store;
    const avg = this.store.averageLengths();
    const { bm25K1: k1, bm25B: b, fieldWeights } = this.tuning;
    const { title: wTitle, extra: wExtra, body: wBody } = fieldWeights;
    const base = k1 * (1 - b);
    const perTitleChar = (k1 * b) / avg.title;
    const perExtraChar = (k1 * b) / avg.extra;
    const perBodyChar = (k1 * b) / avg.body;
    return {
      max: wTitle + wExtra + wBody,
      score(posting: number, doc: number): number {
        let fields = 0;
        const title = postingTitle(posting);
        if (title > 0) {
          fields += (wTitle * title) / (title + base + perTitleChar * (titleLength[doc] as number));
        }
        const extra = postingExtra(posting);
        if (extra > 0) {
          fields += (wExtra * extra) / (extra + base + perExtraChar * (extraLength[doc] as number));
        }
        const body = postingBody(posting);
        if (body > 0) {
          fields += (wBody * body) / (body + base + perBodyChar * (bodyLength[doc] as number));
        }
        return fields;
      },
    };
  }

  /** Walks the slot's postings: into.add (one expansion) or into.max (several) per document. */
  private fillSlot(slot: Slot, into: Accumulator, covScale: number, relScale: number): void {
    const { alive, locale, titleLength, extraLength, bodyLength } = this.store;
    const localeCode = this.localeCode;
    const avg = this.store.averageLengths();
    const { bm25K1: k1, bm25B: b, fieldWeights } = this.tuning;
    const { title: wTitle, extra: wExtra, body: wBody } = fieldWeights;
    const fieldMax = wTitle + wExtra + wBody;
    // tf / (tf + k1 × (1 - b + b × length / average)), with the constant parts hoisted.
    const base = k1 * (1 - b);
    const perTitleChar = (k1 * b) / avg.title;
    const perExtraChar = (k1 * b) / avg.extra;
    const perBodyChar = (k1 * b) / avg.body;
    const maximum = into === this.slot;

    // The accumulator's arrays in locals: this loop runs once per posting of the query.
    const { stamp, cov, rel, touched, generation } = into;
    let size = into.size;
    for (const { term, quality } of slot.expansions) {
      const length = this.postings.length(term);
      if (this.scratch.length < length) this.scratch = new Uint32Array(length);
      const scratch = this.scratch;
      const n = this.postings.read(term, scratch);
      const c = quality * covScale;
      const scale = (quality * relScale) / fieldMax;
      for (let i = 0; i < n; i++) {
        const posting = scratch[i] as number;
        const doc = postingDoc(posting);
        if (alive[doc] === 0 || (localeCode >= 0 && locale[doc] !== localeCode)) continue;
        let fields = 0;
        const title = postingTitle(posting);
        if (title > 0) {
          fields += (wTitle * title) / (title + base + perTitleChar * (titleLength[doc] as number));
        }
        const extra = postingExtra(posting);
        if (extra > 0) {
          fields += (wExtra * extra) / (extra + base + perExtraChar * (extraLength[doc] as number));
        }
        const body = postingBody(posting);
        if (body > 0) {
          fields += (wBody * body) / (body + base + perBodyChar * (bodyLength[doc] as number));
        }
        const r = fields * scale;
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
    }
    into.size = size;
  }
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
