// "Did you mean" and typeahead completions, both from the vocabulary of the index.
import type { EmbeddedTuning } from "./options";
import { type QueryPlan, typoBudget } from "./query-plan";
import type { Vocabulary } from "./vocabulary";

/**
 * The query with each misspelled Latin word replaced by the closest, most frequent indexed
 * word; null when every word is known (or unknown without a close neighbour). A half-typed
 * last word that starts a known word is not misspelled.
 */
export function didYouMean(
  plan: QueryPlan,
  vocabulary: Vocabulary,
  tuning: EmbeddedTuning,
): string | null {
  const { text, tokens } = plan;
  let out = "";
  let cursor = 0;
  let changed = false;
  tokens.forEach((token, index) => {
    if (token.kind !== "word" || token.stop || plan.synonymTokens.has(index)) return;
    const budget = typoBudget(token.surface, tuning);
    if (budget === 0) return;
    if (vocabulary.surfaceFrequency(token.surface) > 0) return;
    if (vocabulary.docFrequency(vocabulary.termId(token.term)) > 0) return;
    const isLast = index === tokens.length - 1;
    if (
      isLast &&
      plan.partialLast &&
      vocabulary.completions(token.surface, 1, tuning.maxPrefixVisits).length
    ) {
      return;
    }
    const fix = vocabulary.correction(token.surface, budget, tuning.maxTypoVisits);
    if (!fix) return;
    out += text.slice(cursor, token.start) + fix;
    cursor = token.end;
    changed = true;
  });
  return changed ? out + text.slice(cursor) : null;
}

/** Whole-query completions of the last word being typed, most frequent word first. */
export function wordCompletions(
  plan: QueryPlan,
  vocabulary: Vocabulary,
  tuning: EmbeddedTuning,
  limit: number,
): string[] {
  const last = plan.tokens[plan.tokens.length - 1];
  if (!last || last.kind !== "word" || !plan.partialLast) return [];
  const head = plan.text.slice(0, last.start);
  return vocabulary
    .completions(last.surface, limit, tuning.maxPrefixVisits)
    .map((match) => `${head}${match.surface}`);
}
