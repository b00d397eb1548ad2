// The arithmetic of the trend chart, kept apart from the SVG so that it can be tested: scales,
// "nice" y ticks and which days get a label.

/** Steps a person reads at a glance: 1, 2 or 5 times a power of ten. */
const NICE_STEPS = [1, 2, 5, 10] as const;

export type Ticks = { max: number; step: number; values: number[] };

/**
 * Round tick values from 0 to at least `max`, about `target` of them. Counts are whole numbers,
 * so the step is never below 1; an all-zero series still gets an axis (0 and 1).
 */
export function niceTicks(max: number, target = 4): Ticks {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, NICE_STEPS.find((s) => s * magnitude >= raw)! * magnitude);
  const niceMax = Math.ceil(top / step) * step;
  const values: number[] = [];
  for (let v = 0; v <= niceMax; v += step) values.push(v);
  return { max: niceMax, step, values };
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the start of the range. */
export function linearScale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value: number) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** An SVG path through the points, rounded to tenths of a pixel to keep the markup small. */
export function linePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${round(x)} ${round(y)}`).join(" ");
}

function round(n: number) {
  return Math.round(n * 10) / 10;
}

/**
 * Indexes of the x positions that get a label: at most `max`, evenly spaced, always the last
 * (today) and counted back from it, so labels keep their places as days pass.
 */
export function labelIndexes(count: number, max: number): number[] {
  if (count <= 0) return [];
  const every = Math.max(1, Math.ceil(count / Math.max(1, max)));
  const indexes: number[] = [];
  for (let i = count - 1; i >= 0; i -= every) indexes.unshift(i);
  return indexes;
}
