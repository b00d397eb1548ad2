// How an answer is worded. The default quotes the passage (extractive: nothing is invented and
// no model or network is needed); a language-model generator can implement the same interface
// later and must still answer only from the passages it is given.
import type { SearchLocale } from "~/search/types";
import type { Passage } from "./passages";
import { passageTerms } from "./store";

export type GeneratorInput = {
  question: string;
  locale: SearchLocale;
  /** Best first; the generator may only use these. */
  passages: Passage[];
};

export interface AnswerGenerator {
  readonly name: string;
  /** The answer text (plain text), or null when the passages do not answer the question. */
  generate(input: GeneratorInput): Promise<string | null>;
}

/** Quotes longer than this are cut to the sentences that match the question best. */
export const QUOTE_MAX_CHARS = 480;
const SENTENCE = /(?<=[。．！？!?.\n])\s*/u;

export class ExtractiveGenerator implements AnswerGenerator {
  readonly name = "extractive";

  async generate({ question, passages }: GeneratorInput): Promise<string | null> {
    const top = passages[0];
    if (!top) return null;
    return quote(top.text, question, QUOTE_MAX_CHARS);
  }
}

/** The passage, or when too long the window of whole sentences with most of the question's terms. */
export function quote(text: string, question: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const wanted = new Set(passageTerms(question));
  const sentences = text.split(SENTENCE).filter(Boolean);
  const hits = sentences.map((s) => passageTerms(s).filter((t) => wanted.has(t)).length);
  let best = { from: 0, to: 0, hits: -1 };
  for (let from = 0; from < sentences.length; from++) {
    let length = 0;
    let found = 0;
    let to = from;
    while (to < sentences.length && length + sentences[to]!.length <= maxChars) {
      length += sentences[to]!.length + 1;
      found += hits[to]!;
      to++;
    }
    if (to === from) continue;
    if (found > best.hits) best = { from, to, hits: found };
  }
  if (best.hits < 0) return `${text.slice(0, maxChars - 1)}…`;
  const window = sentences.slice(best.from, best.to).join(" ");
  return `${best.from > 0 ? "… " : ""}${window}${best.to < sentences.length ? " …" : ""}`;
}
