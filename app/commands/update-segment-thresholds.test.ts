import { describe, expect, it } from "vitest";
import { deriveSegment, SEGMENTS, type SegmentThresholds } from "~/models/segment";
import { segmentArrRange } from "./update-segment-thresholds.server";

function inRange(arr: number, range: { gte?: number; lt?: number }) {
  return (
    (range.gte === undefined || arr >= range.gte) && (range.lt === undefined || arr < range.lt)
  );
}

describe("segmentArrRange", () => {
  const cases: SegmentThresholds[] = [
    { highTouchMinArr: 10_000_000, lowTouchMinArr: 2_000_000 },
    { highTouchMinArr: 1, lowTouchMinArr: 0 },
    { highTouchMinArr: 2_147_483_647, lowTouchMinArr: 2_147_483_646 },
  ];

  it.each(cases)("puts every ARR in exactly the segment deriveSegment gives (%o)", (thresholds) => {
    const probes = [
      0,
      1,
      thresholds.lowTouchMinArr - 1,
      thresholds.lowTouchMinArr,
      thresholds.lowTouchMinArr + 1,
      thresholds.highTouchMinArr - 1,
      thresholds.highTouchMinArr,
      thresholds.highTouchMinArr + 1,
      2_147_483_647,
    ].filter((arr) => arr >= 0);
    for (const arr of probes) {
      const matching = SEGMENTS.filter((s) => inRange(arr, segmentArrRange(s, thresholds)));
      expect(matching, `ARR ${arr}`).toEqual([deriveSegment(arr, thresholds)]);
    }
  });
});
