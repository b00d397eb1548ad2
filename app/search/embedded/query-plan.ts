// From the typed query to what the scorer matches: query words, each with alternatives
// (synonyms), each alternative made of slots (a Latin word, or one bigram of a CJK run), each
// slot with the index terms that count for it (the exact term, typo and prefix expansions)
// and how much each is worth.
import { normalizeText, type Token, tokenize } from "../tokenizer";
import type { EmbeddedTuning } from "./options";
import type { HighlightTerms } from "./snippet";
import type { Synonyms } from "./synonyms";
import type { Vocabulary } from "./vocabulary";

export type Expansion = { term: number; quality: number };
export type Slot = { weight: number; expansions: Expansion[] };
/**
 * `every`: all slots must match (a synonym phrase, which is exact; applied when each slot has
 * one term). Otherwise each slot counts for its weight: the query as typed, where a typo or a
 * wrong kanji may miss a bigram.
 */
export type Alternative = { slots: Slot[]; every?: boolean };
/** A word of the query: matched when any alternative is. `idf` weighs it in relevance. */
export type PlanWord = { alternatives: Alternative[]; idf: number };

export type QueryPlan = {
  /** The part of the query that was looked at. */
  text: string;
  tokens: Token[];
  words: PlanWord[];
  highlight: HighlightTerms;
  /** The folded query, for "the title contains what was typed". */
  phrase: string;
  /** Folded CJK runs of the query (two or more characters), for the same check per run. */
  cjkRuns: string[];
  /** Token indexes consumed by synonyms (never "corrected" by did-you-mean). */
  synonymTokens: Set<number>;
  /** The query ends inside a word (no space after it): the last word may be a prefix. */
  partialLast: boolean;
};

/** Inverse document frequency as in BM25; never below zero. */
export function idf(df: number, docCount: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

const LETTERS_ONLY = /^\p{L}+$/u;
/** Highlight needs: a bigram of a longer word needs a matched neighbour, a lone one does not. */
const CHAIN_FOR_LONG_WORD = 2;
const CHAIN_FOR_SHORT_WORD = 1;

/**
 * How much a bigram of the typed query counts, from the script it was typed in: Japanese content
 * words are kanji and katakana, while hiragana carries grammar (を, した, ます). After folding,
 * "します" and "シマス" are the same bigrams, so the original text has to tell them apart.
 */
const HIRAGANA_BIGRAM_SHARE = 0.25;
const MIXED_BIGRAM_SHARE = 0.6;
const HIRAGANA = /\p{Script=Hiragana}/u;

function grammarShare(original: string): number {
  const chars = Array.from(original);
  const hiragana = chars.filter((c) => HIRAGANA.test(c)).length;
  if (hiragana === 0 || chars.length === 0) return 1;
  return hiragana === chars.length ? HIRAGANA_BIGRAM_SHARE : MIXED_BIGRAM_SHARE;
}

export type PlanContext = {
  vocabulary: Vocabulary;
  synonyms: Synonyms;
  docCount: number;
  tuning: EmbeddedTuning;
};

export function typoBudget(surface: string, tuning: EmbeddedTuning): number {
  if (!LETTERS_ONLY.test(surface) || surface.length > tuning.maxTypoWordLength) return 0;
  if (surface.length >= tuning.twoTyposMinLength) return 2;
  if (surface.length >= tuning.oneTypoMinLength) return 1;
  return 0;
}

class PlanBuilder {
  readonly highlight: HighlightTerms = { words: new Set(), cjk: new Map() };

  constructor(private readonly ctx: PlanContext) {}

  private get vocabulary() {
    return this.ctx.vocabulary;
  }

  private idfOf(term: number): number {
    return idf(this.vocabulary.docFrequency(term), this.ctx.docCount);
  }

  private mark(term: number, cjk: boolean, chain: number) {
    const text = this.vocabulary.term(term);
    if (!cjk) {
      this.highlight.words.add(text);
      return;
    }
    const known = this.highlight.cjk.get(text);
    this.highlight.cjk.set(text, known === undefined ? chain : Math.min(known, chain));
  }

  /** The first of `terms` (most frequent first) until their postings reach the prefix cap. */
  private capPostings(terms: number[]): number[] {
    let postings = 0;
    return terms.filter((term) => {
      if (postings > this.ctx.tuning.maxPrefixPostings) return false;
      postings += this.vocabulary.docFrequency(term);
      return true;
    });
  }

  /** One Latin word: exact, with typos, and (last word) as a prefix. */
  latinSlot(token: Token, asPrefix: boolean, quality: number, fuzzy: boolean): Slot {
    const { tuning } = this.ctx;
    const best = new Map<number, number>();
    const offer = (term: number, q: number) => {
      if ((best.get(term) ?? 0) < q) best.set(term, q);
    };
    const exact = this.vocabulary.termId(token.term);
    if (this.vocabulary.docFrequency(exact) > 0) offer(exact, 1);
    const budget = fuzzy ? typoBudget(token.surface, tuning) : 0;
    if (budget > 0) {
      for (const match of this.vocabulary.typos(
        token.surface,
        budget,
        tuning.maxTypoExpansions,
        tuning.maxTypoVisits,
      )) {
        offer(match.term, tuning.typoQuality[match.distance] ?? 0);
      }
    }
    if (asPrefix) {
      let postings = 0;
      for (const match of this.vocabulary.completions(
        token.surface,
        tuning.maxPrefixExpansions,
        tuning.maxPrefixVisits,
      )) {
        if (postings > tuning.maxPrefixPostings) break;
        postings += match.df;
        offer(match.term, match.term === exact ? 1 : tuning.prefixQuality);
      }
    }
    const expansions = [...best].map(([term, q]) => ({ term, quality: q * quality }));
    for (const e of expansions) this.mark(e.term, false, 0);
    return { weight: 1, expansions };
  }

  /** A CJK run: one slot per distinct bigram, weighted by rarity; a lone character expands. */
  cjkSlots(tokens: Token[], asPrefix: boolean, quality: number, typed = ""): Slot[] {
    const { tuning } = this.ctx;
    const vocabulary = this.vocabulary;
    const only = tokens.length === 1 ? tokens[0] : undefined;
    if (only && Array.from(only.term).length === 1) {
      const expansions: Expansion[] = [];
      const exact = vocabulary.termId(only.term);
      if (vocabulary.docFrequency(exact) > 0) expansions.push({ term: exact, quality });
      const partial = this.capPostings([
        ...vocabulary.cjkWithChar(only.term, false, tuning.maxCjkExpansions),
        ...vocabulary.cjkWithChar(only.term, true, tuning.maxCjkExpansions),
      ]);
      for (const term of partial)
        expansions.push({ term, quality: quality * tuning.cjkPartialQuality });
      for (const e of expansions) this.mark(e.term, true, CHAIN_FOR_SHORT_WORD);
      return expansions.length ? [{ weight: 1, expansions }] : [];
    }

    const chain = tokens.length > 1 ? CHAIN_FOR_LONG_WORD : CHAIN_FOR_SHORT_WORD;
    const slots: Array<Slot & { rarity: number }> = [];
    const seen = new Set<string>();
    const usable = tokens.slice(0, tuning.maxBigramsPerWord);
    usable.forEach((token, k) => {
      if (seen.has(token.term)) return;
      seen.add(token.term);
      const term = vocabulary.termId(token.term);
      if (vocabulary.docFrequency(term) > 0) {
        this.mark(term, true, chain);
        const rarity = this.idfOf(term) * grammarShare(typed.slice(token.start, token.end));
        slots.push({ weight: 0, rarity, expansions: [{ term, quality }] });
        return;
      }
      // A cut-off last character ("レート制" while typing 制限): bigrams that start with it.
      const isLast = k === usable.length - 1 && usable.length === tokens.length;
      if (!asPrefix || !isLast) return;
      const lastChar = Array.from(token.term).pop() as string;
      const terms = this.capPostings(
        vocabulary.cjkWithChar(lastChar, false, tuning.maxCjkExpansions),
      );
      if (terms.length === 0) return;
      for (const t of terms) this.mark(t, true, CHAIN_FOR_SHORT_WORD);
      slots.push({
        weight: 0,
        rarity: this.idfOf(terms[0] as number),
        expansions: terms.map((t) => ({ term: t, quality: quality * tuning.cjkPartialQuality })),
      });
    });
    const total = slots.reduce((sum, s) => sum + s.rarity, 0);
    return slots.map((s) => ({
      weight: total > 0 ? s.rarity / total : 0,
      expansions: s.expansions,
    }));
  }

  /**
   * Slots for a synonym phrase, each word or CJK run an equal share; none when a part of it is
   * nowhere in the index (then no document can hold the whole phrase).
   */
  phraseSlots(tokens: Token[], quality: number): Slot[] {
    const parts: Slot[][] = [];
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      if (token.kind === "word") {
        if (!token.stop) {
          const slot = this.latinSlot(token, false, quality, false);
          if (slot.expansions.length === 0) return [];
          parts.push([slot]);
        }
        i++;
        continue;
      }
      let j = i;
      while (j < tokens.length && tokens[j]?.kind === "cjk" && tokens[j]?.group === token.group) {
        j++;
      }
      const run = tokens.slice(i, j);
      const unknown = (t: Token) =>
        this.vocabulary.docFrequency(this.vocabulary.termId(t.term)) <= 0;
      if (run.length > 1 && run.some(unknown)) return [];
      const slots = this.cjkSlots(run, false, quality);
      if (slots.length === 0) return [];
      parts.push(slots);
      i = j;
    }
    return parts.flatMap((slots) =>
      slots.map((s) => ({ weight: s.weight / parts.length, expansions: s.expansions })),
    );
  }

  word(alternatives: Alternative[]): PlanWord {
    let best = 0;
    for (const alternative of alternatives) {
      let value = 0;
      for (const slot of alternative.slots) {
        let strongest = 0;
        let strongestIdf = 0;
        for (const e of slot.expansions) {
          if (e.quality > strongest) {
            strongest = e.quality;
            strongestIdf = this.idfOf(e.term);
          }
        }
        value += slot.weight * strongestIdf;
      }
      best = Math.max(best, value);
    }
    return { alternatives: alternatives.filter((a) => a.slots.length > 0), idf: best };
  }
}

/** The plan for a query; `words` is empty when nothing in it can match. */
export function buildPlan(query: string, ctx: PlanContext): QueryPlan {
  const { tuning } = ctx;
  const text = query.slice(0, tuning.maxQueryChars);
  const tokens = tokenize(text);
  const lastToken = tokens[tokens.length - 1];
  const partialLast = lastToken !== undefined && lastToken.end === text.length;
  const builder = new PlanBuilder(ctx);
  const words: PlanWord[] = [];
  const cjkRuns = new Set<string>();
  const synonymTokens = new Set<number>();

  let i = 0;
  while (i < tokens.length && words.length < tuning.maxQueryWords) {
    const token = tokens[i] as Token;
    const synonym = ctx.synonyms.match(tokens, i);
    if (synonym) {
      const span = tokens.slice(i, i + synonym.length);
      for (let k = i; k < i + synonym.length; k++) synonymTokens.add(k);
      // Phrases from the synonym table are exact, so all their parts must match.
      const alternatives: Alternative[] = [{ slots: builder.phraseSlots(span, 1), every: true }];
      for (const other of synonym.alternatives) {
        alternatives.push({
          slots: builder.phraseSlots(other, tuning.synonymQuality),
          every: true,
        });
      }
      words.push(builder.word(alternatives));
      if (span.every((t) => t.kind === "cjk")) {
        cjkRuns.add(normalizeText(text.slice(token.start, (span[span.length - 1] as Token).end)));
      }
      i += synonym.length;
      continue;
    }
    if (token.kind === "word") {
      const isLast = i === tokens.length - 1;
      if (!token.stop) {
        words.push(
          builder.word([{ slots: [builder.latinSlot(token, isLast && partialLast, 1, true)] }]),
        );
      }
      i++;
      continue;
    }
    // A CJK run, up to its end or to where a synonym phrase starts inside it.
    let j = i + 1;
    while (
      j < tokens.length &&
      tokens[j]?.kind === "cjk" &&
      tokens[j]?.group === token.group &&
      !ctx.synonyms.match(tokens, j)
    ) {
      j++;
    }
    const run = tokens.slice(i, j);
    const endsQuery = j === tokens.length && partialLast;
    // A lone hiragana character between other words is a particle (の, を, と): a stop word.
    const typed = text.slice(token.start, token.end);
    if (run.length === 1 && Array.from(typed).length === 1 && grammarShare(typed) < 1) {
      i = j;
      continue;
    }
    words.push(builder.word([{ slots: builder.cjkSlots(run, endsQuery, 1, text) }]));
    const runText = normalizeText(text.slice(token.start, (run[run.length - 1] as Token).end));
    if (Array.from(runText).length >= 2) cjkRuns.add(runText);
    i = j;
  }

  // A query of stop words only ("in", "how to"): complete the last one rather than find nothing.
  if (words.length === 0 && lastToken?.kind === "word" && partialLast) {
    const slot = builder.latinSlot(lastToken, true, 1, false);
    if (slot.expansions.length) words.push(builder.word([{ slots: [slot] }]));
  }

  return {
    text,
    tokens,
    words,
    highlight: builder.highlight,
    phrase: normalizeText(text).replace(/\s+/g, " ").trim(),
    cjkRuns: [...cjkRuns],
    synonymTokens,
    partialLast,
  };
}
