import { describe, expect, it } from "vitest";
import { bandZones, barWidth, columnBars, runs, scorePoints } from "./health-charts";

const box = { width: 500, height: 220, top: 10, right: 20, bottom: 30, left: 40 };

describe("bandZones", () => {
  it("stacks red, yellow and green from the bottom at the model's thresholds", () => {
    const zones = bandZones({ yellowFrom: 50, greenFrom: 76 }, box);
    // y runs from 190 (score 0) up to 10 (score 100): 1.8 px per point.
    expect(zones).toEqual([
      { band: "red", from: 0, to: 50, x: 40, width: 440, y: 100, height: 90 },
      {
        band: "yellow",
        from: 50,
        to: 76,
        x: 40,
        width: 440,
        y: expect.closeTo(53.2, 6),
        height: expect.closeTo(46.8, 6),
      },
      {
        band: "green",
        from: 76,
        to: 100,
        x: 40,
        width: 440,
        y: 10,
        height: expect.closeTo(43.2, 6),
      },
    ]);
  });

  it("drops an empty zone", () => {
    expect(bandZones({ yellowFrom: 60, greenFrom: 60 }, box).map((z) => z.band)).toEqual([
      "red",
      "green",
    ]);
  });
});

describe("scorePoints and runs", () => {
  it("places each day at its own x and leaves gaps where no score exists", () => {
    const points = scorePoints([100, null, 0], box);
    expect(points).toEqual([[40, 10], null, [480, 190]]);
    expect(runs(points)).toEqual([[[40, 10]], [[480, 190]]]);
    expect(runs(scorePoints([10, 20, 30], box))).toHaveLength(1);
  });
});

describe("columnBars", () => {
  it("makes the tallest bar reach the axis maximum and spaces bars evenly", () => {
    const bars = columnBars([5, 10, 0], 10, box, 0.5);
    // Slots of 440/3 px; bars half as wide, centred.
    expect(bars[0]).toEqual({
      x: expect.closeTo(76.67, 2),
      y: 100,
      width: expect.closeTo(73.33, 2),
      height: 90,
    });
    expect(bars[1]!.y).toBe(10);
    expect(bars[1]!.height).toBe(180);
    expect(bars[2]!.height).toBe(0);
  });
});

describe("barWidth", () => {
  it("is proportional and clamped to the track", () => {
    expect(barWidth(50, 100, 200)).toBe(100);
    expect(barWidth(150, 100, 200)).toBe(200);
    expect(barWidth(-5, 100, 200)).toBe(0);
    expect(barWidth(5, 0, 200)).toBe(0);
  });
});
