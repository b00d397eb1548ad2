// Synonym groups applied at query time: where the query contains one phrase of a group (as a
// run of tokens: "sign in", "ログイン" inside "ログインできない"), every other phrase of the group
// is an alternative for that part of the query.
import type { Token } from "../tokenizer";
import { tokenize } from "../tokenizer";

type Phrase = { group: number; index: number; tokens: Token[] };

export type SynonymMatch = {
  /** Tokens of the query covered by the phrase. */
  length: number;
  /** The other phrases of the group, as tokens. */
  alternatives: Token[][];
};

export class Synonyms {
  private phrases: Token[][][] = [];
  private byFirstTerm = new Map<string, Phrase[]>();

  set(groups: string[][]): void {
    this.phrases = [];
    this.byFirstTerm = new Map();
    for (const group of groups) {
      const seen = new Set<string>();
      const phrases: Token[][] = [];
      for (const raw of group) {
        const tokens = tokenize(raw);
        const key = tokens.map((t) => t.term).join(" ");
        if (tokens.length === 0 || seen.has(key)) continue;
        seen.add(key);
        phrases.push(tokens);
      }
      if (phrases.length < 2) continue;
      const groupIndex = this.phrases.length;
      this.phrases.push(phrases);
      phrases.forEach((tokens, index) => {
        const first = (tokens[0] as Token).term;
        const list = this.byFirstTerm.get(first) ?? [];
        list.push({ group: groupIndex, index, tokens });
        this.byFirstTerm.set(first, list);
      });
    }
    // Longest phrases first, so "two-factor authentication" wins over "two".
    for (const list of this.byFirstTerm.values())
      list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** The longest synonym phrase that starts at tokens[start], or null. */
  match(tokens: Token[], start: number): SynonymMatch | null {
    const first = tokens[start];
    if (!first) return null;
    const candidates = this.byFirstTerm.get(first.term);
    if (!candidates) return null;
    for (const phrase of candidates) {
      if (!matchesAt(tokens, start, phrase.tokens)) continue;
      const group = this.phrases[phrase.group] as Token[][];
      return {
        length: phrase.tokens.length,
        alternatives: group.filter((_, i) => i !== phrase.index),
      };
    }
    return null;
  }
}

function sameRun(a: Token, b: Token): boolean {
  return a.kind === "cjk" && b.kind === "cjk" && a.group === b.group;
}

function matchesAt(tokens: Token[], start: number, phrase: Token[]): boolean {
  if (start + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    const token = tokens[start + k] as Token;
    const wanted = phrase[k] as Token;
    if (token.term !== wanted.term) return false;
    // "監査ログ" must not match "監査ロ グ": bigrams of one run in the phrase come from one run.
    if (
      k > 0 &&
      sameRun(tokens[start + k - 1] as Token, token) !== sameRun(phrase[k - 1] as Token, wanted)
    ) {
      return false;
    }
  }
  return true;
}
