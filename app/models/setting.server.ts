// Settings CS changes at run time, stored as JSON in the Setting table and validated on every read,
// so that a hand-edited or outdated row falls back to the defaults instead of breaking pages.
import { z } from "zod";
import { db, type Db } from "~/utils/db.server";
import { DEFAULT_SEGMENT_THRESHOLDS, type SegmentThresholds } from "./segment";

export const SEGMENT_THRESHOLDS_KEY = "segmentThresholds";

/** Account.arr is a 32-bit Int on both databases: a threshold above it could never be reached. */
export const MAX_THRESHOLD_ARR = 2_147_483_647;

const thresholdArr = z.number().int().min(0).max(MAX_THRESHOLD_ARR);

/** The stored shape and its rule; the settings form has its own, localized copy of the rule. */
export const segmentThresholdsSchema = z
  .object({ highTouchMinArr: thresholdArr, lowTouchMinArr: thresholdArr })
  .refine((t) => t.highTouchMinArr > t.lowTouchMinArr, {
    message: "highTouchMinArr must be greater than lowTouchMinArr",
    path: ["highTouchMinArr"],
  });

/** Parses a stored value; anything unreadable or invalid means "not configured". */
export function parseSegmentThresholds(raw: string | null | undefined): SegmentThresholds {
  if (raw == null) return DEFAULT_SEGMENT_THRESHOLDS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return DEFAULT_SEGMENT_THRESHOLDS;
  }
  const parsed = segmentThresholdsSchema.safeParse(json);
  return parsed.success ? parsed.data : DEFAULT_SEGMENT_THRESHOLDS;
}

type SettingClient = Pick<Db, "setting">;

export async function getSegmentThresholds(client: SettingClient = db): Promise<SegmentThresholds> {
  const row = await client.setting.findUnique({
    where: { key: SEGMENT_THRESHOLDS_KEY },
    select: { value: true },
  });
  return parseSegmentThresholds(row?.value);
}

/** Writes already-validated thresholds; callers re-segment accounts in the same transaction. */
export async function saveSegmentThresholds(client: SettingClient, thresholds: SegmentThresholds) {
  const value = JSON.stringify({
    highTouchMinArr: thresholds.highTouchMinArr,
    lowTouchMinArr: thresholds.lowTouchMinArr,
  });
  await client.setting.upsert({
    where: { key: SEGMENT_THRESHOLDS_KEY },
    create: { key: SEGMENT_THRESHOLDS_KEY, value },
    update: { value },
  });
}
