// Turns one document into its distinct terms with per-field counts, for indexing and for taking
// a document back out. Runs over every character of every document, so it works on term ids in
// reused typed arrays rather than building a map per document.
import { STOP_WORDS, scanTokens, type TokenVisitor, wordSurface } from "../tokenizer";
import type { SearchDocument } from "../types";
import { ensureLength } from "./arrays";
import type { FieldLengths } from "./documents";
import type { Vocabulary } from "./vocabulary";

const FIELDS = ["title", "extra", "body"] as const;
type Field = (typeof FIELDS)[number];
const INITIAL = 1_024;
const MAX_COUNT = 0xffff;

export class Analyzer {
  /** Distinct term ids of the last analysed document, in first-seen order. */
  terms = new Int32Array(INITIAL);
  termCount = 0;
  /** Distinct Latin words (surface ids) of the last document. */
  surfaces = new Int32Array(INITIAL);
  surfaceCount = 0;
  /** Counts per field, indexed by term id (valid for the ids in `terms`). */
  title = new Uint16Array(INITIAL);
  extra = new Uint16Array(INITIAL);
  body = new Uint16Array(INITIAL);
  lengths: FieldLengths = { title: 0, extra: 0, body: 0 };

  private termSeen = new Uint32Array(INITIAL);
  private surfaceSeen = new Uint32Array(INITIAL);
  private generation = 0;
  private field: Field = "body";
  private readonly visitor: TokenVisitor;

  constructor(private readonly vocabulary: Vocabulary) {
    this.visitor = {
      word: (text, from, to, apostrophe) => {
        const surface = wordSurface(text, from, to, apostrophe);
        if (STOP_WORDS.has(surface)) return;
        const surfaceId = this.vocabulary.internWord(surface);
        this.countTerm(this.vocabulary.termOfSurface(surfaceId));
        this.surfaceSeen = ensureLength(this.surfaceSeen, surfaceId + 1);
        if (this.surfaceSeen[surfaceId] !== this.generation) {
          this.surfaceSeen[surfaceId] = this.generation;
          this.surfaces = ensureLength(this.surfaces, this.surfaceCount + 1);
          this.surfaces[this.surfaceCount++] = surfaceId;
        }
      },
      cjk: (text, from, to) => {
        this.countTerm(this.vocabulary.internCjk(text, from, to));
      },
    };
  }

  private countTerm(id: number): void {
    if (id >= this.termSeen.length) {
      const size = id + 1;
      this.termSeen = ensureLength(this.termSeen, size);
      this.title = ensureLength(this.title, size);
      this.extra = ensureLength(this.extra, size);
      this.body = ensureLength(this.body, size);
    }
    this.lengths[this.field]++;
    if (this.termSeen[id] !== this.generation) {
      this.termSeen[id] = this.generation;
      this.title[id] = 0;
      this.extra[id] = 0;
      this.body[id] = 0;
      this.terms = ensureLength(this.terms, this.termCount + 1);
      this.terms[this.termCount++] = id;
    }
    const counts = this[this.field];
    if ((counts[id] as number) < MAX_COUNT) counts[id] = (counts[id] as number) + 1;
  }

  /** Analyses `doc`; the results stay in the public fields until the next call. */
  run(doc: SearchDocument): void {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.termSeen.fill(0);
      this.surfaceSeen.fill(0);
      this.generation = 1;
    }
    this.termCount = 0;
    this.surfaceCount = 0;
    this.lengths = { title: 0, extra: 0, body: 0 };
    for (const field of FIELDS) {
      this.field = field;
      scanTokens(doc[field], this.visitor, false);
    }
  }
}
