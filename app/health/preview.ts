// Model validation and the preview of a model change: pure functions over stored snapshots.
import {
  bandOf,
  BANDS,
  componentScores,
  isBuiltinKey,
  weightedScore,
  type Band,
  type ComponentScore,
  type HealthInputs,
  type HealthModelConfig,
} from "./model";

/**
 * The score a snapshot would have under another model: stored component scores where the model
 * keeps the component, otherwise the component scored from the snapshot's stored inputs.
 */
export function rescore(
  model: HealthModelConfig,
  stored: readonly ComponentScore[],
  inputs: HealthInputs | null,
): { score: number; band: Band } {
  const byKey = new Map(stored.map((c) => [c.key, c.score]));
  const fresh = inputs ? componentScores(model, inputs) : [];
  const components = model.components.map((c, i) => {
    const kept = byKey.get(c.key);
    const sameKind = isBuiltinKey(c.key) === (c.kind === "builtin");
    const score =
      kept !== undefined && sameKind && c.kind === "builtin"
        ? kept
        : (fresh[i]?.score ?? kept ?? 0);
    return { key: c.key, weight: c.weight, score };
  });
  const score = weightedScore(components);
  return { score, band: bandOf(score, model.bands) };
}

export type PreviewRow = {
  id: string;
  name: string;
  score: number;
  band: Band;
  components: readonly ComponentScore[];
  inputs: HealthInputs | null;
};

export const PREVIEW_EXAMPLES = 10;

export function previewModel(model: HealthModelConfig, rows: readonly PreviewRow[]) {
  const before: Record<Band, number> = { red: 0, yellow: 0, green: 0 };
  const after: Record<Band, number> = { red: 0, yellow: 0, green: 0 };
  const changed: {
    id: string;
    name: string;
    from: { score: number; band: Band };
    to: { score: number; band: Band };
  }[] = [];
  for (const row of rows) {
    const next = rescore(model, row.components, row.inputs);
    before[row.band] += 1;
    after[next.band] += 1;
    if (next.band !== row.band) {
      changed.push({
        id: row.id,
        name: row.name,
        from: { score: row.score, band: row.band },
        to: next,
      });
    }
  }
  changed.sort(
    (a, b) =>
      Math.abs(b.to.score - b.from.score) - Math.abs(a.to.score - a.from.score) ||
      a.name.localeCompare(b.name),
  );
  return {
    total: rows.length,
    changedCount: changed.length,
    distribution: BANDS.map((band) => ({ band, before: before[band], after: after[band] })),
    examples: changed.slice(0, PREVIEW_EXAMPLES),
  };
}

/** Days before churn (and, for retained accounts, before today) at which the score is judged. */
export const VALIDATION_HORIZONS = [30, 60, 90] as const;

/**
 * Area under the ROC curve of "a lower score means churn": the share of (churned, retained)
 * pairs where the churned account scored lower, ties counting half. null without both groups.
 */
export function churnAuc(churned: readonly number[], retained: readonly number[]): number | null {
  if (!churned.length || !retained.length) return null;
  // Rank-sum (Mann-Whitney U) in O(n log n) rather than comparing every pair.
  const all = [
    ...churned.map((score) => ({ score, churned: true })),
    ...retained.map((score) => ({ score, churned: false })),
  ].sort((a, b) => a.score - b.score);
  let rankSumRetained = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]!.score === all[i]!.score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (!all[k]!.churned) rankSumRetained += averageRank;
    i = j;
  }
  const u = rankSumRetained - (retained.length * (retained.length + 1)) / 2;
  return u / (churned.length * retained.length);
}

export const AUC_QUALITY = { strong: 0.8, fair: 0.7, weak: 0.6 } as const;

export function aucQuality(auc: number): "strong" | "fair" | "weak" | "none" {
  if (auc >= AUC_QUALITY.strong) return "strong";
  if (auc >= AUC_QUALITY.fair) return "fair";
  if (auc >= AUC_QUALITY.weak) return "weak";
  return "none";
}

export function churnRateByBand(rows: readonly { band: Band; churned: boolean }[]) {
  return BANDS.map((band) => {
    const inBand = rows.filter((r) => r.band === band);
    const churned = inBand.filter((r) => r.churned).length;
    return {
      band,
      total: inBand.length,
      churned,
      rate: inBand.length ? churned / inBand.length : null,
    };
  });
}
