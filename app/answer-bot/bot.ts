// The answer bot's pipeline, free of the database so the service, the benchmarks and the tests
// run the same code: small talk → follow-up merging → search engine candidates (which enforce
// who may see what) → passage scorer → confidence → generator. Below the confidence threshold the
// bot says it does not know rather than quote something loosely related.
import type { SearchAccess, SearchEngine, SearchLocale } from "~/search/types";
import { mergeFollowUp } from "./follow-up";
import { ExtractiveGenerator, type AnswerGenerator } from "./generator";
import { answerLanguage } from "./language";
import { ANSWER_BOT_PARAPHRASES } from "./paraphrases";
import type { Passage } from "./passages";
import { analyzeQuery, idf, scorePassage, Synonyms } from "./scorer";
import { smallTalk, type SmallTalkKind } from "./small-talk";
import type { PassageStore } from "./store";

export const BOT_TUNING = {
  /** Documents the search engine proposes; their passages are scored. */
  candidateDocuments: 10,
  /** The engine's rank still counts: its title, popularity and helpfulness signals know more. */
  rankDecay: 0.08,
  /** Other candidates shown under the answer. */
  otherCandidates: 3,
  /** Below this the bot answers "I don't know" (tuned on test/answer-bot/questions.ts). */
  minConfidence: 0.45,
  /**
   * A passage that covers the question but matches it only thinly (short common words, each
   * once) is less likely the answer: below this score confidence shrinks with its square root.
   */
  solidScore: 12,
  /**
   * Passages in the help center solidScore was tuned on (the demo content). Scores grow with idf,
   * which grows with the log of the number of passages, so solidScore is scaled to the store.
   */
  tunedPassages: 492,
  /** The engine refuses longer queries; the scorer still sees the whole question. */
  engineQueryChars: 200,
} as const;

export type RankedPassage = {
  passage: Passage;
  score: number;
  coverage: number;
  keyCoverage: number;
};

export type BotReply =
  | { kind: "smalltalk"; smallTalk: SmallTalkKind; locale: SearchLocale; query: string }
  | {
      kind: "answer" | "unknown";
      locale: SearchLocale;
      /** What was searched (after follow-up merging). */
      query: string;
      followUp: boolean;
      confidence: number;
      /** The answer's text (kind "answer"). */
      text: string | null;
      top: RankedPassage | null;
      others: RankedPassage[];
    };

export type AskInput = {
  text: string;
  /** The last question of the conversation that was searched, for follow-ups. */
  previousQuestion: string | null;
  access: SearchAccess;
  /** The person's language, used when the message does not show one. */
  fallbackLocale: SearchLocale;
  now?: number;
};

/** Hiragana is grammar (したいのですが, の, を) or okurigana; the engine ranks better on the rest. */
const HIRAGANA_RUN = /\p{Script=Hiragana}+/gu;

/**
 * What the engine is asked: the question without its Japanese grammar, so that a long polite
 * question ranks by its content words as a keyword search would; cut to the engine's limit.
 */
export function engineQuery(question: string): string {
  const text = question.replace(HIRAGANA_RUN, " ").replace(/\s+/g, " ").trim();
  if (text.length <= BOT_TUNING.engineQueryChars) return text;
  const cut = text.slice(0, BOT_TUNING.engineQueryChars);
  const space = cut.lastIndexOf(" ");
  return space > BOT_TUNING.engineQueryChars / 2 ? cut.slice(0, space) : cut;
}

export class AnswerBot {
  private synonyms = new Synonyms();

  constructor(
    private readonly engine: SearchEngine,
    private readonly store: PassageStore,
    private readonly generator: AnswerGenerator = new ExtractiveGenerator(),
  ) {
    this.setSynonyms([]);
  }

  /** CS's synonym groups; the bot's own paraphrases (paraphrases.ts) are added to them. */
  setSynonyms(groups: string[][]): void {
    this.synonyms.set([...groups, ...ANSWER_BOT_PARAPHRASES]);
  }

  /** Ranked passages for a question, best first (no confidence cut). */
  async rank(
    query: string,
    focus: string,
    locale: SearchLocale,
    access: SearchAccess,
    now?: number,
  ): Promise<RankedPassage[]> {
    const result = await this.engine.search(engineQuery(query), {
      access,
      locale,
      limit: BOT_TUNING.candidateDocuments,
      now,
    });
    if (!result.hits.length) return [];
    const analyzed = analyzeQuery(query, this.store, this.synonyms, focus);
    // A misspelt word the engine corrected is scored as corrected too.
    const corrected = result.suggestion
      ? analyzeQuery(`${query} ${result.suggestion}`, this.store, this.synonyms, focus)
      : null;
    const ranked: RankedPassage[] = [];
    result.hits.forEach((hit, rank) => {
      const prior = 1 / (1 + BOT_TUNING.rankDecay * rank);
      for (const stored of this.store.passagesOf(hit.id)) {
        let s = scorePassage(stored, analyzed, this.store);
        if (corrected) {
          const c = scorePassage(stored, corrected, this.store);
          if (c.score > s.score) s = c;
        }
        ranked.push({
          passage: stored.passage,
          score: s.score * prior,
          coverage: s.coverage,
          keyCoverage: s.keyCoverage,
        });
      }
    });
    return ranked.sort((a, b) => b.score - a.score);
  }

  /** How sure the bot is of a ranked passage, 0..1 (what the customer sees as confidence). */
  confidence(r: Pick<RankedPassage, "coverage" | "score">): number {
    return confidenceOf(r, solidScoreFor(this.store.passages));
  }

  async answer(input: AskInput): Promise<BotReply> {
    const locale = answerLanguage(input.text, input.fallbackLocale);
    const talk = smallTalk(input.text);
    if (talk.kind) return { kind: "smalltalk", smallTalk: talk.kind, locale, query: "" };
    const { followUp, query, focus } = mergeFollowUp(talk.rest, input.previousQuestion);
    const ranked = query ? await this.rank(query, focus, locale, input.access, input.now) : [];
    const top = ranked[0] ?? null;
    const others = pickOthers(ranked);
    const solid = solidScoreFor(this.store.passages);
    const confidence = top ? Math.round(confidenceOf(top, solid) * 100) / 100 : 0;
    const base = { locale, query, followUp, confidence, top, others };
    if (!top || confidence < BOT_TUNING.minConfidence) {
      return { ...base, kind: "unknown", text: null, top: null };
    }
    const text = await this.generator.generate({
      question: query,
      locale,
      passages: [top.passage, ...others.map((o) => o.passage)],
    });
    if (!text) return { ...base, kind: "unknown", text: null, top: null };
    return { ...base, kind: "answer", text };
  }
}

/** How sure the bot is that a passage answers the question, 0..1. */
export function confidenceOf(
  r: Pick<RankedPassage, "coverage" | "score">,
  solidScore: number = BOT_TUNING.solidScore,
): number {
  return r.coverage * Math.sqrt(Math.min(1, r.score / solidScore));
}

/** solidScore for a store of this many passages (see BOT_TUNING.tunedPassages). */
export function solidScoreFor(passages: number): number {
  return (BOT_TUNING.solidScore * idf(1, Math.max(2, passages))) / idf(1, BOT_TUNING.tunedPassages);
}

/** Up to three more passages after the top one: one more from its document at most, links distinct. */
function pickOthers(ranked: RankedPassage[]): RankedPassage[] {
  const top = ranked[0];
  if (!top) return [];
  const urls = new Set([top.passage.url]);
  const perDoc = new Map<string, number>([[top.passage.docId, 1]]);
  const others: RankedPassage[] = [];
  for (const r of ranked.slice(1)) {
    if (others.length >= BOT_TUNING.otherCandidates) break;
    const n = perDoc.get(r.passage.docId) ?? 0;
    if (urls.has(r.passage.url) || n >= 2 || r.score <= 0) continue;
    urls.add(r.passage.url);
    perDoc.set(r.passage.docId, n + 1);
    others.push(r);
  }
  return others;
}
