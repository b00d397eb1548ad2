// Posting lists: for every term, the documents containing it and how often per field.
//
// One posting is one 32-bit number: the document number and the term's count in title, extra
// and body (capped: BM25 saturates long before the caps matter). All lists share one pool of
// blocks; a list is a chain of blocks that double in size, so appending is cheap and a term
// seen once costs a few words instead of a typed array of its own. Removed documents stay in
// the pool until compact() rewrites it with the live documents only.
import { ensureLength } from "./arrays";

const BODY_BITS = 6;
const EXTRA_BITS = 3;
const TITLE_BITS = 2;
const EXTRA_SHIFT = BODY_BITS;
const TITLE_SHIFT = BODY_BITS + EXTRA_BITS;
const DOC_SHIFT = BODY_BITS + EXTRA_BITS + TITLE_BITS;
const BODY_MAX = (1 << BODY_BITS) - 1;
const EXTRA_MAX = (1 << EXTRA_BITS) - 1;
const TITLE_MAX = (1 << TITLE_BITS) - 1;
/** Document numbers must fit in the bits left over. */
export const MAX_DOC_SLOTS = 2 ** (32 - DOC_SHIFT);

/** Block header: offset of the next block (0 = none) and the block's capacity. */
const HEADER = 2;
const MIN_BLOCK = 2;
const MAX_BLOCK = 4_096;
const INITIAL_POOL = 1 << 16;
const INITIAL_TERMS = 1 << 12;

export function packPosting(doc: number, title: number, extra: number, body: number): number {
  return (
    doc * 2 ** DOC_SHIFT +
    (Math.min(title, TITLE_MAX) << TITLE_SHIFT) +
    (Math.min(extra, EXTRA_MAX) << EXTRA_SHIFT) +
    Math.min(body, BODY_MAX)
  );
}

export function postingDoc(posting: number): number {
  return posting >>> DOC_SHIFT;
}

export function postingTitle(posting: number): number {
  return (posting >>> TITLE_SHIFT) & TITLE_MAX;
}

export function postingExtra(posting: number): number {
  return (posting >>> EXTRA_SHIFT) & EXTRA_MAX;
}

export function postingBody(posting: number): number {
  return posting & BODY_MAX;
}

export class PostingLists {
  private pool = new Uint32Array(INITIAL_POOL);
  /** Offset 0 is never a block, so 0 can mean "none". */
  private used = 1;
  private head = new Int32Array(INITIAL_TERMS);
  private tail = new Int32Array(INITIAL_TERMS);
  private tailFill = new Int32Array(INITIAL_TERMS);
  private counts = new Int32Array(INITIAL_TERMS);

  /** Postings of the term, removed documents included (an upper bound for read()). */
  length(term: number): number {
    return term < this.counts.length ? (this.counts[term] as number) : 0;
  }

  /** Memory of the postings: in use, and allocated (the pool grows ahead of need). */
  bytes(): { postingBytesUsed: number; postingBytesAllocated: number } {
    const perTerm = this.head.byteLength * 4;
    return {
      postingBytesUsed: this.used * Uint32Array.BYTES_PER_ELEMENT + perTerm,
      postingBytesAllocated: this.pool.byteLength + perTerm,
    };
  }

  private allocate(capacity: number): number {
    const offset = this.used;
    this.used += HEADER + capacity;
    this.pool = ensureLength(this.pool, this.used);
    this.pool[offset] = 0;
    this.pool[offset + 1] = capacity;
    return offset;
  }

  append(term: number, posting: number): void {
    if (term >= this.head.length) {
      this.head = ensureLength(this.head, term + 1);
      this.tail = ensureLength(this.tail, term + 1);
      this.tailFill = ensureLength(this.tailFill, term + 1);
      this.counts = ensureLength(this.counts, term + 1);
    }
    let block = this.tail[term] as number;
    let fill = this.tailFill[term] as number;
    if (block === 0 || fill === this.pool[block + 1]) {
      const count = this.counts[term] as number;
      const next = this.allocate(Math.min(MAX_BLOCK, Math.max(MIN_BLOCK, count)));
      if (block === 0) this.head[term] = next;
      else this.pool[block] = next;
      block = next;
      fill = 0;
      this.tail[term] = block;
    }
    this.pool[block + HEADER + fill] = posting;
    this.tailFill[term] = fill + 1;
    this.counts[term] = (this.counts[term] as number) + 1;
  }

  /** Copies the term's postings into `out` (at least length(term) long); returns how many. */
  read(term: number, out: Uint32Array): number {
    if (term >= this.head.length) return 0;
    const pool = this.pool;
    const tail = this.tail[term] as number;
    let n = 0;
    for (let block = this.head[term] as number; block !== 0; block = pool[block] as number) {
      const size = block === tail ? (this.tailFill[term] as number) : (pool[block + 1] as number);
      const from = block + HEADER;
      out.set(pool.subarray(from, from + size), n);
      n += size;
    }
    return n;
  }

  /**
   * Rewrites every list without the documents whose new number is -1 in `remap`, renumbering
   * the others. Each list becomes one block.
   */
  compact(remap: Int32Array, termCount: number): void {
    const old = this.pool;
    const oldHead = this.head;
    const oldTail = this.tail;
    const oldFill = this.tailFill;
    this.pool = new Uint32Array(Math.max(INITIAL_POOL, this.used));
    this.used = 1;
    this.head = new Int32Array(oldHead.length);
    this.tail = new Int32Array(oldHead.length);
    this.tailFill = new Int32Array(oldHead.length);
    const counts = new Int32Array(oldHead.length);
    let scratch = new Uint32Array(MAX_BLOCK);
    for (let term = 0; term < termCount; term++) {
      scratch = ensureLength(scratch, this.counts[term] as number);
      let n = 0;
      const tail = oldTail[term] as number;
      for (let block = oldHead[term] as number; block !== 0; block = old[block] as number) {
        const size = block === tail ? (oldFill[term] as number) : (old[block + 1] as number);
        for (let i = 0; i < size; i++) {
          const posting = old[block + HEADER + i] as number;
          const doc = remap[postingDoc(posting)] as number;
          if (doc < 0) continue;
          scratch[n++] = doc * 2 ** DOC_SHIFT + (posting & ((1 << DOC_SHIFT) - 1));
        }
      }
      counts[term] = n;
      if (n === 0) continue;
      const block = this.allocate(Math.max(MIN_BLOCK, n));
      this.pool.set(scratch.subarray(0, n), block + HEADER);
      this.head[term] = block;
      this.tail[term] = block;
      this.tailFill[term] = n;
    }
    this.counts = counts;
  }
}
