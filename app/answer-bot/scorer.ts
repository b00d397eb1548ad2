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
  hiraganaBigram: 0.2,
  mixedBigram: 0.6,
  /** Words of a follow-up ("on mobile?") count this many times as much as the rest. */
  focusBoost: 2.5,
  /** Question filler: it says that something is asked, not what. */
  fillerWeight: 0.15,
} as const;

/** Words that phrase a question in any topic ("how can I", "教えてください"). */
const FILLER_WORDS = new Set(
  (
    "please help hi hello hey thank thanks want wanted need needed know way able possible " +
    "anyone someone somebody tell question questions guys team also just any some there here " +
    "get got make sure really still now currently already find found see use using used " +
    "happen happens thing things ok okay regard regards doesn't don't cannot can't dont doesnt"
  )
    .split(" ")
    .map((w) => tokenize(w)[0]?.term ?? w),
);
const FILLER_BIGRAMS = new Set(["方法", "教え", "質問", "困っ", "知り", "お願", "願い", "いた", "可能", "場合", "どう", "うす", "すれ", "れば", "でき", "きま", "ます", "すか"]);
const HIRAGANA = /\p{Script=Hiragana}/u;

export type QueryUnit = {
  /** Each alternative is a phrase: the term ids that must appear (-1: unknown to every passage). */
  alternatives: number[][];
  weight: number;
  idf: number;
  /** The words as typed, for highlighting and debugging. */
  label: string;
};

export type AnalyzedQuery = { units: QueryUnit[]; totalWeight: number; termIds: Set<number> };

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
  const ids = (list: Token[]) => list.filter((t) => !t.stop).map((t) => store.termId(t.term));
  const meanIdf = (phrase: number[]) =>
    phrase.reduce((sum, id) => sum + idf(store.documentFrequency(id), total), 0) /
    Math.max(1, phrase.length);

  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (token.stop) {
      i++;
      continue;
    }
    const match = synonyms.match(tokens, i);
    const covered = tokens.slice(i, i + (match?.length ?? 1)).filter((t) => !t.stop);
    i += match?.length ?? 1;
    const key = covered.map((t) => t.term).join(" ");
    // A word repeated in a long question counts once.
    if (!covered.length || seen.has(key)) continue;
    seen.add(key);
    const original = ids(covered);
    const alternatives = [original, ...(match?.alternatives ?? []).map(ids)].filter(
      (a) => a.length,
    );
    let weight = covered.reduce((sum, t) => sum + tokenWeight(t, text), 0) / covered.length;
    if (covered.some((t) => focusTerms.has(t.term))) weight *= SCORER_TUNING.focusBoost;
    // A synonym phrase may be known by one of its spellings only: its idf is the best one's.
    const unitIdf = Math.min(...alternatives.map(meanIdf));
    for (const alt of alternatives) for (const id of alt) if (id >= 0) termIds.add(id);
    units.push({
      alternatives,
      weight: weight * (match ? Math.min(covered.length, 2) : 1),
      idf: unitIdf,
      label: covered.map((t) => t.surface).join(" "),
    });
  }
  const totalWeight = units.reduce((sum, u) => sum + u.weight * u.idf, 0);
  return { units, totalWeight, termIds };
}

export type PassageScore = { score: number; coverage: number };

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
  if (!query.units.length || query.totalWeight <= 0) return { score: 0, coverage: 0 };
  const { k1, b, fields } = SCORER_TUNING;
  const counts = countFields(p, query.termIds);
  const norm = k1 * (1 - b + (b * p.fields.text.length) / Math.max(1, store.averageLength));
  const total = Math.max(1, store.passages);
  const termScore = (id: number) => {
    const row = counts.get(id);
    if (!row) return 0;
    const tf =
      fields.text * row[0] + fields.heading * row[1] + fields.title * row[2] + fields.context * row[3];
    return (idf(store.documentFrequency(id), total) * (tf * (k1 + 1))) / (tf + norm);
  };
  let score = 0;
  let covered = 0;
  for (const unit of query.units) {
    let best = 0;
    let bestFraction = 0;
    for (const phrase of unit.alternatives) {
      let sum = 0;
      let present = 0;
      for (const id of phrase) {
        const s = termScore(id);
        sum += s;
        if (s > 0) present++;
      }
      best = Math.max(best, sum / phrase.length);
      bestFraction = Math.max(bestFraction, present / phrase.length);
    }
    score += unit.weight * best;
    covered += unit.weight * unit.idf * bestFraction;
  }
  return { score, coverage: covered / query.totalWeight };
}

export { Synonyms };
