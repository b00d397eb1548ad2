import { describe, expect, it } from "vitest";
import { DEFAULT_BANDS, DEFAULT_MODEL } from "./model";
import { aucQuality, churnAuc, churnRateByBand, previewModel, rescore } from "./preview";

const stored = [
  { key: "usage", score: 80, weight: 40 },
  { key: "onboarding", score: 40, weight: 20 },
  { key: "selfService", score: 50, weight: 20 },
  { key: "community", score: 30, weight: 20 },
];

describe("rescore and previewModel", () => {
  it("applies new weights and bands to stored component scores", () => {
    // default: (3200 + 800 + 1000 + 600) / 100 = 56 (yellow)
    expect(rescore(DEFAULT_MODEL, stored, null)).toEqual({ score: 56, band: "yellow" });
    const usageHeavy = {
      bands: DEFAULT_BANDS,
      components: [
        { key: "usage", weight: 70, kind: "builtin" as const },
        { key: "onboarding", weight: 10, kind: "builtin" as const },
        { key: "selfService", weight: 10, kind: "builtin" as const },
        { key: "community", weight: 10, kind: "builtin" as const },
      ],
    };
    // (5600 + 400 + 500 + 300) / 100 = 68
    expect(rescore(usageHeavy, stored, null)).toEqual({ score: 68, band: "yellow" });
    expect(
      rescore({ ...usageHeavy, bands: { yellowFrom: 40, greenFrom: 65 } }, stored, null),
    ).toEqual({
      score: 68,
      band: "green",
    });
  });

  it("counts the accounts whose band would change and lists them, biggest move first", () => {
    const rows = [
      {
        id: "a",
        name: "Alpha",
        score: 56,
        band: "yellow" as const,
        components: stored,
        inputs: null,
      },
      {
        id: "b",
        name: "Beta",
        score: 48,
        band: "red" as const,
        components: stored.map((c) => ({ ...c, score: 48 })),
        inputs: null,
      },
    ];
    const result = previewModel(
      { ...DEFAULT_MODEL, bands: { yellowFrom: 45, greenFrom: 55 } },
      rows,
    );
    expect(result.total).toBe(2);
    expect(result.changedCount).toBe(2);
    expect(result.distribution).toEqual([
      { band: "red", before: 1, after: 0 },
      { band: "yellow", before: 1, after: 1 },
      { band: "green", before: 0, after: 1 },
    ]);
    expect(result.examples.map((e) => [e.name, e.from.band, e.to.band])).toEqual([
      ["Alpha", "yellow", "green"],
      ["Beta", "red", "yellow"],
    ]);
  });
});

describe("churnAuc", () => {
  it("is 1 when every churned account scored below every retained one, 0.5 for ties", () => {
    expect(churnAuc([10, 20], [30, 40, 50])).toBe(1);
    expect(churnAuc([60], [30])).toBe(0);
    expect(churnAuc([50, 50], [50])).toBe(0.5);
    // pairs: (20 vs 10) no, (20 vs 30) yes, (40 vs 10) no, (40 vs 30) no -> 1 of 4
    expect(churnAuc([20, 40], [10, 30])).toBe(0.25);
    expect(churnAuc([], [1])).toBeNull();
  });

  it("grades the separation in words", () => {
    expect(aucQuality(0.85)).toBe("strong");
    expect(aucQuality(0.72)).toBe("fair");
    expect(aucQuality(0.61)).toBe("weak");
    expect(aucQuality(0.5)).toBe("none");
  });

  it("gives the churn rate per band", () => {
    expect(
      churnRateByBand([
        { band: "red", churned: true },
        { band: "red", churned: false },
        { band: "green", churned: false },
      ]),
    ).toEqual([
      { band: "red", total: 2, churned: 1, rate: 0.5 },
      { band: "yellow", total: 0, churned: 0, rate: null },
      { band: "green", total: 1, churned: 0, rate: 0 },
    ]);
  });
});
