// Groups the questions the bot could not answer by similar wording, so CS sees "dark mode" once
// with its count rather than twenty rows. Words are what search matches on (stems, Japanese
// bigrams without the hiragana grammar), compared with the Jaccard index; one greedy pass, each
// question joining the group whose first question it resembles most.
import { tokenize } from "~/search/tokenizer";

/** Two questions sharing this share of their words are about the same thing. */
export const CLUSTER_SIMILARITY = 0.3;
const HIRAGANA_ONLY = /^\p{Script=Hiragana}+$/u;

export function questionTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    if (token.stop) continue;
    if (token.kind === "cjk" && HIRAGANA_ONLY.test(text.slice(token.start, token.end))) continue;
    terms.add(token.term);
  }
  return terms;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

export type Cluster<T> = { items: T[]; terms: Set<string> };

/** Groups, largest first (ties: the order the first question came in). */
export function clusterQuestions<T extends { text: string }>(
  items: T[],
  threshold: number = CLUSTER_SIMILARITY,
): Cluster<T>[] {
  const clusters: Cluster<T>[] = [];
  for (const item of items) {
    const terms = questionTerms(item.text);
    let best: Cluster<T> | null = null;
    let bestScore = threshold;
    for (const cluster of clusters) {
      const score = jaccard(terms, cluster.terms);
      if (score >= bestScore) {
        best = cluster;
        bestScore = score;
      }
    }
    if (best) best.items.push(item);
    else clusters.push({ items: [item], terms });
  }
  return clusters
    .map((c, order) => ({ c, order }))
    .sort((a, b) => b.c.items.length - a.c.items.length || a.order - b.order)
    .map((x) => x.c);
}
