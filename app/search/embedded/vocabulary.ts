// The terms of the index and the words people type, with document frequencies.
//
// A term is what postings are kept for: a word stem ("invoic") or a CJK bigram/unigram. A
// surface is a Latin word as written, before stemming ("invoices"): typo and prefix lookups run
// over surfaces, because that is what a half-typed or misspelled word resembles, and then map to
// the surface's term. CJK terms are found by their first or last character instead.
import { stem } from "../tokenizer";
import { ensureLength, IntMap } from "./arrays";
import { Trie } from "./trie";

const INITIAL_TERMS = 1 << 12;
const NONE = -1;
/** Bigrams of two characters in U+3000..U+9FFF (kana and common kanji) get a numeric key. */
const CJK_BASE = 0x3000;
const CJK_SPAN = 0xa000 - CJK_BASE;

/**
 * A small-integer key for a bigram of common CJK characters, or -1. Indexing looks up millions
 * of bigrams; a numeric key spares building a string for each one.
 */
function bigramKey(text: string, from: number, to: number): number {
  if (to - from !== 2) return NONE;
  const a = text.charCodeAt(from) - CJK_BASE;
  const b = text.charCodeAt(from + 1) - CJK_BASE;
  if (a < 0 || a >= CJK_SPAN || b < 0 || b >= CJK_SPAN) return NONE;
  return a * CJK_SPAN + b;
}

export type TermMatch = { term: number; distance: number };
export type SurfaceMatch = { surface: string; term: number; df: number };

function pushTo(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class Vocabulary {
  /** Word stems and unusual CJK terms; common bigrams are in bigramIds. */
  private termIds = new Map<string, number>();
  private bigramIds = new IntMap();
  private terms: string[] = [];
  private df = new Int32Array(INITIAL_TERMS);
  private surfaceIds = new Map<string, number>();
  private surfaces: string[] = [];
  private surfaceTerm = new Int32Array(INITIAL_TERMS);
  private surfaceDf = new Int32Array(INITIAL_TERMS);
  private trie = new Trie();
  private cjkByFirst = new Map<string, number[]>();
  private cjkByLast = new Map<string, number[]>();

  get termCount(): number {
    return this.terms.length;
  }

  termId(term: string): number {
    const key = bigramKey(term, 0, term.length);
    return key >= 0 ? this.bigramIds.get(key) : (this.termIds.get(term) ?? NONE);
  }

  term(id: number): string {
    return this.terms[id] ?? "";
  }

  /** Live documents containing the term. */
  docFrequency(id: number): number {
    return id >= 0 ? (this.df[id] as number) : 0;
  }

  private newTerm(term: string, cjk: boolean): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.df = ensureLength(this.df, id + 1);
    if (cjk) {
      const chars = Array.from(term);
      pushTo(this.cjkByFirst, chars[0] as string, id);
      if (chars.length > 1) pushTo(this.cjkByLast, chars[chars.length - 1] as string, id);
    }
    return id;
  }

  /** The id of the CJK term text[from, to), created when new. */
  internCjk(text: string, from: number, to: number): number {
    const key = bigramKey(text, from, to);
    if (key < 0) return this.internTerm(text.slice(from, to), true);
    let id = this.bigramIds.get(key);
    if (id === NONE) {
      id = this.newTerm(text.slice(from, to), true);
      this.bigramIds.set(key, id);
    }
    return id;
  }

  /** The id of a term given as a string (in whichever map termId() looks). */
  private internTerm(term: string, cjk: boolean): number {
    const key = bigramKey(term, 0, term.length);
    let id = key >= 0 ? this.bigramIds.get(key) : (this.termIds.get(term) ?? NONE);
    if (id !== NONE) return id;
    id = this.newTerm(term, cjk);
    if (key >= 0) this.bigramIds.set(key, id);
    else this.termIds.set(term, id);
    return id;
  }

  /** The id of a Latin word as written (and of its stem), created when new. */
  internWord(surface: string): number {
    let id = this.surfaceIds.get(surface);
    if (id !== undefined) return id;
    const term = this.internTerm(stem(surface), false);
    id = this.surfaces.length;
    this.surfaces.push(surface);
    this.surfaceIds.set(surface, id);
    this.surfaceTerm = ensureLength(this.surfaceTerm, id + 1);
    this.surfaceDf = ensureLength(this.surfaceDf, id + 1);
    this.surfaceTerm[id] = term;
    this.trie.insert(surface, id);
    return id;
  }

  get surfaceCount(): number {
    return this.surfaces.length;
  }

  termOfSurface(surface: number): number {
    return this.surfaceTerm[surface] as number;
  }

  /** One more (or fewer) live document containing the term. */
  countTerm(id: number, delta: 1 | -1): void {
    this.df[id] = (this.df[id] as number) + delta;
  }

  /** One more (or fewer) live document containing the word as written. */
  countSurface(id: number, delta: 1 | -1): void {
    this.surfaceDf[id] = (this.surfaceDf[id] as number) + delta;
  }

  /** Live documents in which the word appears as written. */
  surfaceFrequency(surface: string): number {
    const id = this.surfaceIds.get(surface);
    return id === undefined ? 0 : (this.surfaceDf[id] as number);
  }

  /** Terms of words within `maxDistance` typos of `surface`, closest first, then most frequent. */
  typos(surface: string, maxDistance: number, limit: number, maxVisits: number): TermMatch[] {
    const best = new Map<number, number>();
    this.trie.fuzzy(surface, maxDistance, maxVisits, (id, distance) => {
      if ((this.surfaceDf[id] as number) <= 0) return;
      const term = this.surfaceTerm[id] as number;
      const known = best.get(term);
      if (known === undefined || distance < known) best.set(term, distance);
    });
    return [...best]
      .map(([term, distance]) => ({ term, distance }))
      .sort(
        (a, b) => a.distance - b.distance || this.docFrequency(b.term) - this.docFrequency(a.term),
      )
      .slice(0, limit);
  }

  /** The misspelling fix for "did you mean": the closest, most frequent word as written. */
  correction(surface: string, maxDistance: number, maxVisits: number): string | null {
    const best = { id: NONE, distance: Number.POSITIVE_INFINITY, df: 0 };
    this.trie.fuzzy(surface, maxDistance, maxVisits, (id, distance) => {
      const df = this.surfaceDf[id] as number;
      if (df <= 0 || distance === 0) return;
      if (distance < best.distance || (distance === best.distance && df > best.df)) {
        Object.assign(best, { id, distance, df });
      }
    });
    return best.id === NONE ? null : (this.surfaces[best.id] as string);
  }

  /** Words starting with `prefix`, most frequent first. */
  completions(prefix: string, limit: number, maxVisits: number): SurfaceMatch[] {
    const found: SurfaceMatch[] = [];
    this.trie.withPrefix(prefix, maxVisits, (id) => {
      const df = this.surfaceDf[id] as number;
      if (df > 0) {
        found.push({
          surface: this.surfaces[id] as string,
          term: this.surfaceTerm[id] as number,
          df,
        });
      }
    });
    return found.sort((a, b) => b.df - a.df || (a.surface < b.surface ? -1 : 1)).slice(0, limit);
  }

  /** CJK terms starting (or, with `atEnd`, ending) with `char`, most frequent first. */
  cjkWithChar(char: string, atEnd: boolean, limit: number): number[] {
    const ids = (atEnd ? this.cjkByLast : this.cjkByFirst).get(char) ?? [];
    return ids
      .filter((id) => (this.df[id] as number) > 0)
      .sort((a, b) => (this.df[b] as number) - (this.df[a] as number))
      .slice(0, limit);
  }
}
