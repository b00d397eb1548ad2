// Coverage tiers from ARR. CS can change the thresholds in /admin/settings; these are the defaults.
/** The vendor's price plans, smallest first. */
export const PLANS = ["starter", "team", "business", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export const SEGMENTS = ["high_touch", "low_touch", "tech_touch"] as const;
export type Segment = (typeof SEGMENTS)[number];

export type SegmentThresholds = {
  /** ARR (JPY) from which an account gets a named CSM. */
  highTouchMinArr: number;
  /** ARR (JPY) from which an account gets pooled, scheduled CS. */
  lowTouchMinArr: number;
};

export const DEFAULT_SEGMENT_THRESHOLDS: SegmentThresholds = {
  highTouchMinArr: 10_000_000,
  lowTouchMinArr: 2_000_000,
};

export function deriveSegment(arr: number, thresholds: SegmentThresholds): Segment {
  if (arr >= thresholds.highTouchMinArr) return "high_touch";
  if (arr >= thresholds.lowTouchMinArr) return "low_touch";
  return "tech_touch";
}
