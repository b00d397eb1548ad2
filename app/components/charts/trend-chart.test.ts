import { describe, expect, it } from "vitest";
import { labelIndexes, linearScale, linePath, niceTicks } from "./trend-chart";

describe("niceTicks", () => {
  it("picks round steps that reach at least the largest value", () => {
    expect(niceTicks(87)).toEqual({ max: 100, step: 50, values: [0, 50, 100] });
    expect(niceTicks(1234).values).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(9)).toEqual({ max: 10, step: 5, values: [0, 5, 10] });
    expect(niceTicks(40, 4)).toEqual({ max: 40, step: 10, values: [0, 10, 20, 30, 40] });
  });

  it("never uses fractional steps for counts", () => {
    expect(niceTicks(3)).toEqual({ max: 3, step: 1, values: [0, 1, 2, 3] });
    expect(niceTicks(1).values).toEqual([0, 1]);
  });

  it("gives an empty series an axis from 0 to 1", () => {
    expect(niceTicks(0).values).toEqual([0, 1]);
    expect(niceTicks(Number.NaN).values).toEqual([0, 1]);
  });

  it("keeps the tick count near the target for any magnitude", () => {
    for (const max of [7, 63, 480, 5_100, 77_777, 1_000_000]) {
      const ticks = niceTicks(max, 4);
      expect(ticks.max).toBeGreaterThanOrEqual(max);
      expect(ticks.values.length).toBeGreaterThanOrEqual(3);
      expect(ticks.values.length).toBeLessThanOrEqual(6);
      expect(ticks.values.at(-1)).toBe(ticks.max);
    }
  });
});

describe("linearScale", () => {
  it("maps the domain onto the range, inverted ranges included (SVG y grows downwards)", () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(50)).toBe(100);
    expect(y(100)).toBe(0);
  });

  it("puts everything at the start when the domain has no width (a one-day series)", () => {
    expect(linearScale([0, 0], [40, 600])(0)).toBe(40);
  });
});

describe("linePath", () => {
  it("moves to the first point and draws lines to the rest, rounded to tenths", () => {
    expect(
      linePath([
        [0, 10],
        [5.04, 7.26],
        [10, 0],
      ]),
    ).toBe("M0 10 L5 7.3 L10 0");
    expect(linePath([])).toBe("");
  });
});

describe("labelIndexes", () => {
  it("labels every day of a short series", () => {
    expect(labelIndexes(7, 8)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("thins long series evenly and always labels the last day", () => {
    const ninety = labelIndexes(90, 7);
    expect(ninety.length).toBeLessThanOrEqual(7);
    expect(ninety.at(-1)).toBe(89);
    const gaps = ninety.slice(1).map((v, i) => v - ninety[i]!);
    expect(new Set(gaps).size).toBe(1);
  });

  it("returns nothing for an empty series", () => {
    expect(labelIndexes(0, 5)).toEqual([]);
  });
});
