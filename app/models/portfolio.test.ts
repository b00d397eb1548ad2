import { describe, expect, it } from "vitest";
import { revenueFigures, weekStart, type RevenueAccount } from "./portfolio.server";

const NOW = new Date("2026-06-30T00:00:00Z");
const longAgo = new Date("2024-01-01T00:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function account(id: string, arr: number, extra: Partial<RevenueAccount> = {}): RevenueAccount {
  return { id, arr, status: "active", createdAt: longAgo, churnedAt: null, ...extra };
}

describe("revenueFigures", () => {
  // Four accounts at the start of the year (1,000,000 ARR in all); one churns inside the year,
  // one churned before it (not in the cohort), one is new this year (not in the cohort).
  const accounts = [
    account("a", 400_000),
    account("b", 300_000),
    account("c", 200_000, { status: "churned", churnedAt: day("2026-03-01") }),
    account("d", 100_000),
    account("gone", 999_000, { status: "churned", churnedAt: day("2025-01-01") }),
    account("new", 500_000, { createdAt: day("2026-05-01") }),
  ];

  it("computes retention, logo churn and LTV from account data (no ARR history: net = gross)", () => {
    const r = revenueFigures(accounts, NOW);
    expect(r.startAccounts).toBe(4);
    expect(r.startArr).toBe(1_000_000);
    expect(r.churnedAccounts).toBe(1);
    expect(r.churnedArr).toBe(200_000);
    expect(r.retainedArr).toBe(800_000);
    expect(r.grossRetention).toBe(0.8);
    expect(r.netRetention).toBe(0.8);
    expect(r.logoChurnRate).toBe(0.25);
    // Active accounts a, b, d, new: (400k + 300k + 100k + 500k) / 4 = 325k; LTV = 325k / 0.25.
    expect(r.averageArr).toBe(325_000);
    expect(r.averageLtv).toBe(1_300_000);
    expect(r.arrHistoryKnown).toBe(false);
  });

  it("counts contraction against gross and expansion in net once ARR history is passed", () => {
    const startArr: Record<string, number> = { a: 300_000, b: 400_000, c: 200_000, d: 100_000 };
    const r = revenueFigures(accounts, NOW, {
      arrAt: (id, when) =>
        when.getTime() === NOW.getTime() ? accounts.find((a) => a.id === id)!.arr : startArr[id]!,
    });
    // a expanded 100k, b contracted 100k, c churned 200k.
    expect(r.grossRetention).toBe(0.7);
    expect(r.netRetention).toBe(0.8);
    expect(r.arrHistoryKnown).toBe(true);
  });

  it("has no figures without a cohort, and no LTV without churn", () => {
    const empty = revenueFigures([], NOW);
    expect(empty.grossRetention).toBeNull();
    expect(empty.logoChurnRate).toBeNull();
    const loyal = revenueFigures([account("a", 100)], NOW);
    expect(loyal.grossRetention).toBe(1);
    expect(loyal.logoChurnRate).toBe(0);
    expect(loyal.averageLtv).toBeNull();
  });
});

describe("weekStart", () => {
  it("is the Monday of the week, at midnight UTC", () => {
    expect(weekStart(new Date("2026-07-02T15:00:00Z")).toISOString()).toBe(
      "2026-06-29T00:00:00.000Z",
    );
    expect(weekStart(new Date("2026-06-29T00:00:00Z")).toISOString()).toBe(
      "2026-06-29T00:00:00.000Z",
    );
    expect(weekStart(new Date("2026-07-05T23:59:00Z")).toISOString()).toBe(
      "2026-06-29T00:00:00.000Z",
    );
  });
});
