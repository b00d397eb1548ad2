// Turns a text and the engine's [start, end) match offsets into plain segments, so that matches
// render as <mark> elements and the text itself is never parsed as HTML.

export type HighlightRange = readonly [number, number];
export type Segment = { text: string; match: boolean };

/**
 * Splits `text` at the ranges. Ranges out of bounds, empty, reversed or overlapping an earlier one
 * are clipped or skipped: a faulty engine must never hide or duplicate any of the text.
 */
export function splitHighlights(text: string, ranges: readonly HighlightRange[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  for (const [rawStart, rawEnd] of sorted) {
    const start = Math.max(at, Math.min(text.length, Math.trunc(rawStart)));
    const end = Math.min(text.length, Math.trunc(rawEnd));
    if (!(end > start)) continue;
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}
