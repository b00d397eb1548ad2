// The passages of every indexed document, held in memory beside the search engine, with their
// terms as numbers (a passage is scored by scanning a few small arrays) and the document
// frequency of every term (for idf). Kept in step with the search index by the passage service.
import { tokenize } from "~/search/tokenizer";
import type { Passage } from "./passages";

export type PassageFields = {
  text: Int32Array;
  heading: Int32Array;
  title: Int32Array;
  context: Int32Array;
};

export type StoredPassage = { passage: Passage; fields: PassageFields };

/** Terms of a text as the search engine matches them: stems and CJK bigrams, stop words left out. */
export function passageTerms(text: string): string[] {
  if (!text) return [];
  const terms: string[] = [];
  for (const token of tokenize(text)) if (!token.stop) terms.push(token.term);
  return terms;
}

export class PassageStore {
  private byDoc = new Map<string, StoredPassage[]>();
  private termIds = new Map<string, number>();
  private df: number[] = [];
  private passageCount = 0;
  private textLength = 0;

  /** The id of a known term, or -1. */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  private intern(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.df.length;
      this.termIds.set(term, id);
      this.df.push(0);
    }
    return id;
  }

  private encode(text: string): Int32Array {
    return Int32Array.from(passageTerms(text), (t) => this.intern(t));
  }

  /** Replaces the passages of one document. */
  set(docId: string, passages: Passage[]): void {
    this.remove(docId);
    if (!passages.length) return;
    const title = this.encode(passages[0]!.title);
    const stored = passages.map((passage) => {
      const fields: PassageFields = {
        text: this.encode(passage.text),
        heading: this.encode(passage.heading ?? ""),
        title,
        context: this.encode(passage.context),
      };
      this.count(fields, 1);
      return { passage, fields };
    });
    this.byDoc.set(docId, stored);
  }

  remove(docId: string): void {
    const old = this.byDoc.get(docId);
    if (!old) return;
    for (const p of old) this.count(p.fields, -1);
    this.byDoc.delete(docId);
  }

  clear(): void {
    this.byDoc.clear();
    this.termIds.clear();
    this.df = [];
    this.passageCount = 0;
    this.textLength = 0;
  }

  private count(fields: PassageFields, sign: 1 | -1): void {
    const seen = new Set<number>();
    for (const list of [fields.text, fields.heading, fields.title, fields.context])
      for (const id of list) seen.add(id);
    for (const id of seen) this.df[id] = (this.df[id] ?? 0) + sign;
    this.passageCount += sign;
    this.textLength += sign * fields.text.length;
  }

  passagesOf(docId: string): readonly StoredPassage[] {
    return this.byDoc.get(docId) ?? [];
  }

  get documents(): number {
    return this.byDoc.size;
  }

  get passages(): number {
    return this.passageCount;
  }

  /** Passages containing the term (0 for unknown terms). */
  documentFrequency(termId: number): number {
    return termId < 0 ? 0 : (this.df[termId] ?? 0);
  }

  get averageLength(): number {
    return this.passageCount ? this.textLength / this.passageCount : 1;
  }
}
