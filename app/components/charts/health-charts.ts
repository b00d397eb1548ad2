// The arithmetic of the health charts (band zones behind the score history, vertical bars of
// the band distribution, horizontal component bars), apart from the SVG so that it is tested.
import { linearScale } from "./trend-chart";

export type Box = {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
};
export type Rect = { x: number; y: number; width: number; height: number };
export type BandName = "red" | "yellow" | "green";

/** Scores run 0-100. */
export const SCORE_MAX = 100;

/**
 * The three horizontal zones of a 0-100 score chart: red below yellowFrom, yellow up to
 * greenFrom, green from greenFrom to 100 (the same thresholds the model bands with).
 */
export function bandZones(
  bands: { yellowFrom: number; greenFrom: number },
  box: Box,
): Array<Rect & { band: BandName; from: number; to: number }> {
  const y = linearScale([0, SCORE_MAX], [box.height - box.bottom, box.top]);
  const x = box.left;
  const width = box.width - box.left - box.right;
  const zones: Array<{ band: BandName; from: number; to: number }> = [
    { band: "red", from: 0, to: bands.yellowFrom },
    { band: "yellow", from: bands.yellowFrom, to: bands.greenFrom },
    { band: "green", from: bands.greenFrom, to: SCORE_MAX },
  ];
  return zones
    .filter((z) => z.to > z.from)
    .map((z) => ({ ...z, x, width, y: y(z.to), height: y(z.from) - y(z.to) }));
}

/**
 * Points of a score series over `days` days ending today: index i is day i of the window, so a
 * gap (no snapshot that day) leaves a gap in x rather than squeezing the line.
 */
export function scorePoints(
  values: ReadonlyArray<number | null>,
  box: Box,
): Array<[number, number] | null> {
  const x = linearScale([0, Math.max(1, values.length - 1)], [box.left, box.width - box.right]);
  const y = linearScale([0, SCORE_MAX], [box.height - box.bottom, box.top]);
  return values.map((v, i) => (v === null ? null : [x(i), y(v)]));
}

/** Splits points at gaps into runs that each become one path. */
export function runs(
  points: ReadonlyArray<[number, number] | null>,
): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (const p of points) {
    if (p) current.push(p);
    else if (current.length) {
      out.push(current);
      current = [];
    }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Vertical bars for counts, evenly spaced with `gap` (a share of each slot) between them; the
 * tallest bar reaches `max` (pass niceTicks(...).max so bars and gridlines agree).
 */
export function columnBars(values: readonly number[], max: number, box: Box, gap = 0.35): Rect[] {
  const inner = box.width - box.left - box.right;
  const slot = values.length ? inner / values.length : 0;
  const barWidth = slot * (1 - gap);
  const y = linearScale([0, max > 0 ? max : 1], [box.height - box.bottom, box.top]);
  return values.map((v, i) => ({
    x: box.left + i * slot + (slot - barWidth) / 2,
    y: y(Math.max(0, v)),
    width: barWidth,
    height: box.height - box.bottom - y(Math.max(0, v)),
  }));
}

/** A horizontal bar of `value` out of `max` in a track `width` wide (never negative, never past the end). */
export function barWidth(value: number, max: number, width: number): number {
  if (!(max > 0)) return 0;
  return (Math.min(max, Math.max(0, value)) / max) * width;
}
