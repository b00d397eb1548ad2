import { describe, expect, it } from "vitest";
import {
  ATTENTION_WEIGHTS,
  helpfulRatio,
  MIN_VOTES_FOR_RATIO,
  needsAttentionScore,
  parseContentFilters,
  STALE_AFTER_DAYS,
} from "./content-admin.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date("2026-06-01T00:00:00Z");
const fresh = new Date(now.getTime() - DAY_MS);
const old = new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS);

describe("helpfulRatio", () => {
  it("is unknown below the minimum number of votes", () => {
    expect(helpfulRatio(MIN_VOTES_FOR_RATIO - 1, 0)).toBeNull();
    expect(helpfulRatio(0, 0)).toBeNull();
  });
  it("is helpful / all votes from the minimum on", () => {
    expect(helpfulRatio(4, 1)).toBeCloseTo(0.8);
    expect(helpfulRatio(0, MIN_VOTES_FOR_RATIO)).toBe(0);
  });
});

describe("needsAttentionScore", () => {
  const base = { helpful: 0, unhelpful: 0, supportRequests: 0, updatedAt: fresh };

  it("is 0 for a fresh article without votes or requests", () => {
    expect(needsAttentionScore(base, now)).toBe(0);
  });

  it("weighs a low helpful ratio, but not before there are enough votes", () => {
    expect(needsAttentionScore({ ...base, unhelpful: MIN_VOTES_FOR_RATIO - 1 }, now)).toBe(0);
    expect(needsAttentionScore({ ...base, unhelpful: 10 }, now)).toBe(ATTENTION_WEIGHTS.unhelpful);
    expect(needsAttentionScore({ ...base, helpful: 5, unhelpful: 5 }, now)).toBe(
      ATTENTION_WEIGHTS.unhelpful / 2,
    );
    expect(needsAttentionScore({ ...base, helpful: 10 }, now)).toBe(0);
  });

  it("adds the stale weight from STALE_AFTER_DAYS on", () => {
    expect(needsAttentionScore({ ...base, updatedAt: old }, now)).toBe(ATTENTION_WEIGHTS.stale);
    const almost = new Date(old.getTime() + 60_000);
    expect(needsAttentionScore({ ...base, updatedAt: almost }, now)).toBe(0);
  });

  it("counts support requests after reading up to a cap", () => {
    expect(needsAttentionScore({ ...base, supportRequests: 1 }, now)).toBe(
      ATTENTION_WEIGHTS.perSupportRequest,
    );
    expect(needsAttentionScore({ ...base, supportRequests: 1000 }, now)).toBe(
      ATTENTION_WEIGHTS.supportRequestsMax,
    );
  });

  it("ranks an unhelpful, stale, much-escalated article above one with a single problem", () => {
    const worst = needsAttentionScore(
      { helpful: 1, unhelpful: 9, supportRequests: 10, updatedAt: old },
      now,
    );
    const single = needsAttentionScore({ ...base, supportRequests: 2 }, now);
    expect(worst).toBeGreaterThan(single);
    expect(worst).toBeLessThanOrEqual(100);
  });

  it("never exceeds 100", () => {
    const max =
      ATTENTION_WEIGHTS.unhelpful + ATTENTION_WEIGHTS.stale + ATTENTION_WEIGHTS.supportRequestsMax;
    expect(max).toBeLessThanOrEqual(100);
  });
});

describe("parseContentFilters", () => {
  it("ignores unknown values instead of failing", () => {
    const f = parseContentFilters(
      new URLSearchParams("status=bogus&locale=fr&sort=x&page=-3&type=faq"),
    );
    expect(f).toMatchObject({ status: null, locale: null, sort: "updated", page: 1, type: "faq" });
  });
});
