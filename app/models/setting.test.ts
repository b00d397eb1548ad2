import { describe, expect, it } from "vitest";
import { DEFAULT_SEGMENT_THRESHOLDS } from "./segment";
import {
  MAX_THRESHOLD_ARR,
  parseSegmentThresholds,
  segmentThresholdsSchema,
} from "./setting.server";

describe("parseSegmentThresholds", () => {
  it("reads a valid stored value", () => {
    expect(parseSegmentThresholds('{"highTouchMinArr":5000000,"lowTouchMinArr":1000000}')).toEqual({
      highTouchMinArr: 5_000_000,
      lowTouchMinArr: 1_000_000,
    });
  });

  it("drops unknown keys", () => {
    expect(parseSegmentThresholds('{"highTouchMinArr":5,"lowTouchMinArr":0,"extra":true}')).toEqual(
      { highTouchMinArr: 5, lowTouchMinArr: 0 },
    );
  });

  it.each([
    ["no row", null],
    ["not JSON", "{oops"],
    ["JSON null", "null"],
    ["an array", "[1,2]"],
    ["a missing key", '{"highTouchMinArr":5000000}'],
    ["strings", '{"highTouchMinArr":"5000000","lowTouchMinArr":"1"}'],
    ["a negative value", '{"highTouchMinArr":5000000,"lowTouchMinArr":-1}'],
    ["a fraction", '{"highTouchMinArr":5000000.5,"lowTouchMinArr":1}'],
    ["high equal to low", '{"highTouchMinArr":1000,"lowTouchMinArr":1000}'],
    ["high below low", '{"highTouchMinArr":10,"lowTouchMinArr":1000}'],
    [
      "a value above the ARR column",
      `{"highTouchMinArr":${MAX_THRESHOLD_ARR + 1},"lowTouchMinArr":1}`,
    ],
  ])("falls back to the defaults for %s", (_label, raw) => {
    expect(parseSegmentThresholds(raw)).toEqual(DEFAULT_SEGMENT_THRESHOLDS);
  });
});

describe("segmentThresholdsSchema", () => {
  it("accepts zero as the low-touch threshold and the column maximum as high-touch", () => {
    expect(
      segmentThresholdsSchema.safeParse({ highTouchMinArr: MAX_THRESHOLD_ARR, lowTouchMinArr: 0 })
        .success,
    ).toBe(true);
  });

  it("accepts the defaults", () => {
    expect(segmentThresholdsSchema.safeParse(DEFAULT_SEGMENT_THRESHOLDS).success).toBe(true);
  });
});
