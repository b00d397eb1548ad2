// The passage scorer: which passage of the candidate documents answers the question. BM25 over
// the passage text with the heading, the document title and (for answers) the question they
// answer as extra fields; Japanese as bigrams with grammar bigrams weighed down, as the search
// engine does; synonym groups as alternatives; the words of a follow-up weighed up. Alongside
// the score it measures coverage: how much of the question (by idf) the passage speaks to,
// which is what the bot's confidence rests on.
import { Synonyms } from "~/search/embedded/synonyms";
import { type Token, tokenize } from "~/search/tokenizer";
import type { PassageStore, StoredPassage } from "./store";

export const SCORER_TUNING = {
  k1: 1.2,
  b: 0.6,
  /** Field weights: a heading that names the question's words is strong evidence. */
  fields: { text: 1, heading: 2.5, title: 1.5, context: 0.6 },
  /** Bigrams typed in hiragana carry grammar (します, ですか), mixed ones half of it. */
  hiraganaBigram: 0.1,
  mixedBigram: 0.6,
  /** A one-character run between hiragana: a verb stem (切り替え, 行う) more often than a noun. */
  singleCharSegment: 0.4,
  /** Words of a follow-up ("on mobile?") count this many times as much as the rest. */
  focusBoost: 2.5,
  /**
   * A section whose heading (an article's opening: whose title) is mostly made of the question's
   * words is about what was asked: its score grows by up to this share.
   */
  labelBonus: 0.6,
  /** Question filler: it says that something is asked, not what. */
  fillerWeight: 0.15,
} as const;

/** Words that phrase a question in any topic ("how can I", "教えてください"). */
const FILLER_WORDS = new Set(
  (
    "please help hi hello hey thank thanks want wanted need needed know way able possible " +
    "anyone someone somebody tell question questions guys team also just any some there here " +
    "get got make sure really still now currently already find found see use using used " +
    "happen happens thing things ok okay regard regards doesn't don't cannot can't dont doesnt " +
    "he him his she her hers us one ones something anything everything"
  )
    .split(" ")
    .map((w) => tokenize(w)[0]?.term ?? w),
);
const FILLER_BIGRAMS = new Set([
  "方法",
  "教え",
  "質問",
  "困っ",
  "知り",
  "お願",
  "願い",
  "いた",
  "可能",
  "場合",
  "どう",
  "うす",
  "すれ",
  "れば",
  "でき",
  "きま",
  "ます",
  "すか",
]);
const HIRAGANA = /\p{Script=Hiragana}/u;
/** Phrases of this many terms or more may miss one and still count as matched. */
const LONG_PHRASE = 3;
const KANJI = /\p{Script=Han}/u;
/** Suffixes that make a word of a word (退職者, 席数, 利用中): the word alone is a match too. */
const KANJI_SUFFIX = /\p{Script=Han}[者数様的性用中後前時]$/u;
const KATAKANA_WORD = /^[\p{Script=Katakana}ー]+$/u;

/** Indexes of the phrase's terms found beside their neighbour of the phrase in one of the lists. */
function adjacentMatches(phrase: number[], lists: Int32Array[]): Set<number> {
  const found = new Set<number>();
  for (const list of lists) {
    for (let i = 0; i + 1 < list.length; i++) {
      for (let k = 0; k + 1 < phrase.length; k++) {
        if (list[i] === phrase[k] && list[i + 1] === phrase[k + 1]) {
          found.add(k);
          found.add(k + 1);
        }
      }
    }
  }
  return found;
}

export type QueryUnit = {
  /** Each alternative is a phrase: the term ids that must appear (-1: unknown to every passage). */
  alternatives: number[][];
  /** Terms of the first alternative that may be missing (junction bigrams of kanji compounds). */
  slack: number;
  /**
   * Katakana words: a bigram counts only next to its neighbour of the word, so that ダー of
   * カレンダー does not count for ダークモード.
   */
  contiguous: boolean;
  weight: number;
  idf: number;
  /** The words as typed, for highlighting and debugging. */
  label: string;
};

export type AnalyzedQuery = {
  units: QueryUnit[];
  totalWeight: number;
  termIds: Set<number>;
  /** Filled on first use by scorePassage. */
  keys?: Set<number>;
};

export function idf(df: number, total: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

function tokenWeight(token: Token, original: string): number {
  const typed = original.slice(token.start, token.end);
  if (token.kind === "word") return FILLER_WORDS.has(token.term) ? SCORER_TUNING.fillerWeight : 1;
  if (FILLER_BIGRAMS.has(typed)) return SCORER_TUNING.fillerWeight;
  const chars = Array.from(typed);
  const hiragana = chars.filter((c) => HIRAGANA.test(c)).length;
  if (hiragana === 0) return 1;
  return hiragana === chars.length ? SCORER_TUNING.hiraganaBigram : SCORER_TUNING.mixedBigram;
}

/** Per character of the text: its segment number (runs of one kind), and whether it is hiragana. */
function segmentsOf(text: string) {
  const segment = new Int32Array(text.length);
  const hiragana = new Uint8Array(text.length);
  const lengths: number[] = [0];
  let n = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const kind = HIRAGANA.test(ch)
      ? 1
      : /[\p{Script=Han}\p{Script=Katakana}ー々]/u.test(ch)
        ? 2
        : 0;
    if (kind !== last) {
      n++;
      lengths[n] = 0;
    }
    last = kind;
    segment[i] = n;
    lengths[n]!++;
    hiragana[i] = kind === 1 ? 1 : 0;
  }
  return { segment, hiragana, lengths };
}

type Pending = {
  terms: string[];
  typed: string[];
  weights: number[];
  label: string;
  touching: string[];
};

/** A segment's weight grows with its length: 退職者 says more than 人, ダークモード more than 席. */
function segmentWeight(chars: number): number {
  if (chars <= 1) return SCORER_TUNING.singleCharSegment;
  if (chars === 2) return 1;
  return chars >= 5 ? 1.5 : 1.25;
}

/**
 * Drops filler words inside a kanji run (設定方法 → 設定) together with the bigram that joins
 * them to the rest (定方).
 */
function withoutFiller(pending: Pending): { terms: string[]; typed: string[] } {
  const drop = new Set<number>();
  pending.typed.forEach((bigram, k) => {
    if (!FILLER_BIGRAMS.has(bigram)) return;
    drop.add(k);
    drop.add(k - 1);
    drop.add(k + 1);
  });
  if (drop.size === 0) return { terms: pending.terms, typed: pending.typed };
  const keep = (_: unknown, k: number) => !drop.has(k);
  return { terms: pending.terms.filter(keep), typed: pending.typed.filter(keep) };
}

/**
 * The question as weighted units. Latin words are units of their own. Japanese has no spaces,
 * so the bigrams of a run of kanji/katakana (社員全員, 設定方法) form one unit whose bigrams are
 * its phrase: a passage matching most of them speaks to that part of the question. Bigrams that
 * straddle into hiragana (員に, 須に) are grammar and left out, unless the run is one character
 * long (席 in 有料の席を): then the bigrams around it are its alternatives.
 */
export function analyzeQuery(
  text: string,
  store: PassageStore,
  synonyms: Synonyms,
  focus = "",
): AnalyzedQuery {
  const tokens = tokenize(text);
  const focusTerms = new Set(focus ? tokenize(focus).map((t) => t.term) : []);
  const total = Math.max(1, store.passages);
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  const termIds = new Set<number>();
  const { segment, hiragana, lengths } = segmentsOf(text);
  /** Segments a synonym phrase already stands for. */
  const consumed = new Set<number>();
  const meanIdf = (phrase: number[]) =>
    phrase.reduce((sum, id) => sum + idf(store.documentFrequency(id), total), 0) /
    Math.max(1, phrase.length);

  const push = (
    alternatives: string[][],
    weight: number,
    label: string,
    terms: string[],
    slack = 0,
    contiguous = false,
  ) => {
    const key = alternatives[0]!.join(" ");
    // A word repeated in a long question counts once.
    if (!key || seen.has(key)) return;
    seen.add(key);
    const ids = alternatives.map((a) => a.map((t) => store.termId(t))).filter((a) => a.length);
    if (!ids.length) return;
    if (terms.some((t) => focusTerms.has(t))) weight *= SCORER_TUNING.focusBoost;
    for (const alt of ids) for (const id of alt) if (id >= 0) termIds.add(id);
    // A synonym phrase may be known by one of its spellings only: its idf is the best one's.
    units.push({
      alternatives: ids,
      slack,
      contiguous,
      weight,
      idf: Math.min(...ids.map(meanIdf)),
      label,
    });
  };

  const segments = new Map<number, Pending>();
  const flushSegments = () => {
    for (const pending of segments.values()) {
      if (pending.terms.length) {
        const { terms } = withoutFiller(pending);
        if (!terms.length) continue;
        const grammar = Math.max(...pending.weights) < 1;
        const weight = grammar ? Math.max(...pending.weights) : segmentWeight(pending.label.length);
        // 期間保存 → 期間 間保 保存: the bigram across the two words may be missing. Katakana
        // words have no such junctions: ダークモード matching only モード is a different thing.
        const suffixed = KANJI_SUFFIX.test(pending.label) && terms.length >= 2;
        const slack =
          (terms.length >= LONG_PHRASE || suffixed) && KANJI.test(pending.label) ? 1 : 0;
        const contiguous = terms.length >= LONG_PHRASE && KATAKANA_WORD.test(pending.label);
        push([terms], weight, pending.label, terms, slack, contiguous);
      } else if (pending.touching.length) {
        push(
          pending.touching.map((t) => [t]),
          SCORER_TUNING.singleCharSegment,
          pending.label,
          pending.touching,
        );
      }
    }
    segments.clear();
  };

  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (token.stop) {
      i++;
      continue;
    }
    const match = synonyms.match(tokens, i);
    if (match) {
      flushSegments();
      const covered = tokens.slice(i, i + match.length).filter((t) => !t.stop);
      i += match.length;
      for (const t of covered) {
        if (t.kind !== "cjk") continue;
        for (let at = t.start; at < t.end; at++) if (!hiragana[at]) consumed.add(segment[at]!);
      }
      const terms = covered.map((t) => t.term);
      push(
        [terms, ...match.alternatives.map((alt) => alt.filter((t) => !t.stop).map((t) => t.term))],
        1,
        covered.map((t) => t.surface).join(" "),
        terms,
      );
      continue;
    }
    i++;
    if (token.kind === "word") {
      flushSegments();
      push([[token.term]], tokenWeight(token, text), token.surface, [token.term]);
      continue;
    }
    // A CJK bigram: which run of one script does it belong to?
    const first = token.start;
    const last = token.end - 1;
    const typed = text.slice(token.start, token.end);
    const sameSegment = segment[first] === segment[last];
    if (sameSegment) {
      const key = segment[first]!;
      if (consumed.has(key)) continue;
      const pending = segments.get(key) ?? {
        terms: [],
        typed: [],
        weights: [],
        label: "",
        touching: [],
      };
      pending.terms.push(token.term);
      pending.typed.push(typed);
      pending.weights.push(
        hiragana[first] ? SCORER_TUNING.hiraganaBigram : tokenWeight(token, text),
      );
      pending.label = pending.label ? pending.label + typed.slice(-1) : typed;
      segments.set(key, pending);
    } else {
      // A bigram across scripts: an alternative for a one-character run beside it.
      for (const at of [first, last]) {
        const key = segment[at]!;
        if (hiragana[at] || lengths[key] !== 1 || consumed.has(key)) continue;
        const pending = segments.get(key) ?? {
          terms: [],
          typed: [],
          weights: [],
          label: "",
          touching: [],
        };
        pending.touching.push(token.term);
        pending.label ||= text.charAt(at);
        segments.set(key, pending);
      }
    }
  }
  flushSegments();
  const totalWeight = units.reduce((sum, u) => sum + u.weight * u.idf, 0);
  return { units, totalWeight, termIds };
}

export type PassageScore = {
  score: number;
  /** Share of the question (by weight and idf) the passage speaks to, 0..1. */
  coverage: number;
  /** The same for the question's most telling units only (KEY_UNITS of them). */
  keyCoverage: number;
};

/** How many of the most informative units make up keyCoverage. */
export const KEY_UNITS = 2;

/** Indexes of the units that say most about what is asked (highest weight × idf). */
export function keyUnits(query: AnalyzedQuery): Set<number> {
  return new Set(
    query.units
      .map((u, i) => ({ i, w: u.weight * u.idf }))
      .sort((a, b) => b.w - a.w)
      .slice(0, KEY_UNITS)
      .map((x) => x.i),
  );
}

type FieldCounts = Map<number, [number, number, number, number]>;

function countFields(p: StoredPassage, wanted: Set<number>): FieldCounts {
  const counts: FieldCounts = new Map();
  const lists = [p.fields.text, p.fields.heading, p.fields.title, p.fields.context];
  lists.forEach((list, field) => {
    for (const id of list) {
      if (!wanted.has(id)) continue;
      let row = counts.get(id);
      if (!row) counts.set(id, (row = [0, 0, 0, 0]));
      row[field]!++;
    }
  });
  return counts;
}

export function scorePassage(
  p: StoredPassage,
  query: AnalyzedQuery,
  store: PassageStore,
): PassageScore {
  if (!query.units.length || query.totalWeight <= 0)
    return { score: 0, coverage: 0, keyCoverage: 0 };
  const keys = query.keys ?? (query.keys = keyUnits(query));
  let keyCovered = 0;
  let keyTotal = 0;
  const { k1, b, fields } = SCORER_TUNING;
  const counts = countFields(p, query.termIds);
  const norm = k1 * (1 - b + (b * p.fields.text.length) / Math.max(1, store.averageLength));
  const total = Math.max(1, store.passages);
  const termScore = (id: number) => {
    const row = counts.get(id);
    if (!row) return 0;
    const tf =
      fields.text * row[0] +
      fields.heading * row[1] +
      fields.title * row[2] +
      fields.context * row[3];
    return (idf(store.documentFrequency(id), total) * (tf * (k1 + 1))) / (tf + norm);
  };
  let score = 0;
  let covered = 0;
  const termIdf = (id: number) => idf(store.documentFrequency(id), total);
  query.units.forEach((unit, u) => {
    let best = 0;
    let bestFraction = 0;
    unit.alternatives.forEach((phrase, a) => {
      let sum = 0;
      let presentIdf = 0;
      let allIdf = 0;
      let missingMax = 0;
      for (const id of phrase) {
        const s = termScore(id);
        const w = termIdf(id);
        sum += s;
        allIdf += w;
        if (s > 0) presentIdf += w;
        else missingMax = Math.max(missingMax, w);
      }
      // The rare parts of a phrase say most: ダークモード matching only モード is not a match.
      if (a === 0 && unit.contiguous) {
        const adjacent = adjacentMatches(phrase, [
          p.fields.text,
          p.fields.heading,
          p.fields.title,
          p.fields.context,
        ]);
        presentIdf = phrase.reduce((acc, id, k) => acc + (adjacent.has(k) ? termIdf(id) : 0), 0);
        sum = phrase.reduce((acc, id, k) => acc + (adjacent.has(k) ? termScore(id) : 0), 0);
      }
      const slack = a === 0 && unit.slack > 0 ? missingMax : 0;
      const needed = Math.max(1e-9, allIdf - slack);
      best = Math.max(best, (sum * allIdf) / needed / phrase.length);
      bestFraction = Math.max(bestFraction, Math.min(1, presentIdf / needed));
    });
    score += unit.weight * best;
    covered += unit.weight * unit.idf * bestFraction;
    if (keys.has(u)) {
      keyCovered += unit.weight * unit.idf * bestFraction;
      keyTotal += unit.weight * unit.idf;
    }
  });
  // How much of the heading the question names: "追加した席の料金" is about added seats,
  // "不要になった席の料金" about removed ones, though both share 席 and 料金.
  const label = p.fields.heading.length ? p.fields.heading : p.fields.title;
  let labelAll = 0;
  let labelHit = 0;
  for (const id of new Set(label)) {
    const w = termIdf(id);
    labelAll += w;
    if (query.termIds.has(id)) labelHit += w;
  }
  if (labelAll > 0) score *= 1 + SCORER_TUNING.labelBonus * (labelHit / labelAll);
  return {
    score,
    coverage: covered / query.totalWeight,
    keyCoverage: keyTotal > 0 ? keyCovered / keyTotal : 0,
  };
}

export { Synonyms };
