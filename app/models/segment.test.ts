import { describe, expect, it } from "vitest";
import { DEFAULT_SEGMENT_THRESHOLDS, deriveSegment } from "./segment";

describe("deriveSegment", () => {
  const t = DEFAULT_SEGMENT_THRESHOLDS;

  it("puts accounts in tiers by ARR, thresholds inclusive", () => {
    expect(deriveSegment(0, t)).toBe("tech_touch");
    expect(deriveSegment(t.lowTouchMinArr - 1, t)).toBe("tech_touch");
    expect(deriveSegment(t.lowTouchMinArr, t)).toBe("low_touch");
    expect(deriveSegment(t.highTouchMinArr - 1, t)).toBe("low_touch");
    expect(deriveSegment(t.highTouchMinArr, t)).toBe("high_touch");
  });

  it("follows thresholds CS changes", () => {
    const custom = { highTouchMinArr: 5_000_000, lowTouchMinArr: 1_000_000 };
    expect(deriveSegment(6_000_000, custom)).toBe("high_touch");
    expect(deriveSegment(6_000_000, t)).toBe("low_touch");
  });
});
