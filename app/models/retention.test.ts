import { describe, expect, it } from "vitest";
import { computeRetention, type AccountTimeline } from "./retention";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const FROM = d("2025-01-01");
const TO = d("2026-01-01");

function account(
  arr: Array<[string, number]>,
  status: Array<[string, string]> = [[arr[0]![0], "active"]],
): AccountTimeline {
  return {
    arr: arr.map(([at, value]) => ({ at: d(at), value })),
    status: status.map(([at, value]) => ({ at: d(at), value })),
  };
}

describe("computeRetention", () => {
  it("splits the cohort's ARR into expansion, contraction and churn with exact GRR and NRR", () => {
    const figures = computeRetention(
      [
        // 1,000,000 → 1,500,000: +500,000 expansion
        account([
          ["2024-03-01", 1_000_000],
          ["2025-06-01", 1_500_000],
        ]),
        // 2,000,000 → 1,600,000: -400,000 contraction
        account([
          ["2024-05-01", 2_000_000],
          ["2025-09-01", 1_600_000],
        ]),
        // 1,000,000 churned in October
        account(
          [["2024-01-10", 1_000_000]],
          [
            ["2024-01-10", "active"],
            ["2025-10-01", "churned"],
          ],
        ),
        // unchanged 4,000,000
        account([["2023-01-01", 4_000_000]]),
        // new in the period: not in the cohort
        account([["2025-02-01", 9_000_000]]),
        // churned before the period: not in the cohort
        account(
          [["2023-01-01", 700_000]],
          [
            ["2023-01-01", "active"],
            ["2024-12-01", "churned"],
          ],
        ),
      ],
      FROM,
      TO,
    );
    expect(figures).toMatchObject({
      accounts: 4,
      startingArr: 8_000_000,
      expansion: 500_000,
      contraction: 400_000,
      churned: 1_000_000,
      churnedAccounts: 1,
    });
    // (8,000,000 - 400,000 - 1,000,000) / 8,000,000
    expect(figures.grr).toBeCloseTo(0.825, 10);
    // (8,000,000 + 500,000 - 400,000 - 1,000,000) / 8,000,000
    expect(figures.nrr).toBeCloseTo(0.8875, 10);
    expect(figures.logoChurnRate).toBe(0.25);
    // 2,000,000 average ARR / 0.25 annual churn (a 365-day period)
    expect(figures.averageLtv).toBe(8_000_000);
  });

  it("measures changes after the end date as not yet happened", () => {
    const figures = computeRetention(
      [
        account([
          ["2024-01-01", 1_000_000],
          ["2026-02-01", 3_000_000],
        ]),
      ],
      FROM,
      TO,
    );
    expect(figures.expansion).toBe(0);
    expect(figures.grr).toBe(1);
    expect(figures.nrr).toBe(1);
    expect(figures.averageLtv).toBeNull();
  });

  it("annualizes logo churn over a shorter period for LTV", () => {
    const figures = computeRetention(
      [
        account(
          [["2024-01-01", 1_200_000]],
          [
            ["2024-01-01", "active"],
            ["2025-02-01", "churned"],
          ],
        ),
        account([["2024-01-01", 1_200_000]]),
      ],
      d("2025-01-01"),
      d("2025-07-02"), // 182 days
    );
    expect(figures.logoChurnRate).toBe(0.5);
    // annual churn 0.5 / (182/365); LTV = 1,200,000 / that
    expect(figures.averageLtv).toBe(Math.round(1_200_000 / (0.5 / (182 / 365))));
  });

  it("returns nulls for an empty cohort instead of dividing by zero", () => {
    const figures = computeRetention([], FROM, TO);
    expect(figures).toMatchObject({ accounts: 0, grr: null, nrr: null, logoChurnRate: null });
  });
});
