// CS changes the ARR thresholds of the coverage tiers: the setting, every account's segment and
// the audit entry are written in one transaction, so no reader ever sees them disagree.
import { SEGMENTS, type Segment, type SegmentThresholds } from "~/models/segment";
import {
  getSegmentThresholds,
  saveSegmentThresholds,
  SEGMENT_THRESHOLDS_KEY,
  segmentThresholdsSchema,
} from "~/models/setting.server";
import { db } from "~/utils/db.server";
import { audit } from "~/models/audit.server";

export const SEGMENT_THRESHOLDS_AUDIT_ACTION = "settings.segment_thresholds_updated";

/**
 * The ARR range of each segment, written as a Prisma filter. It must agree with deriveSegment
 * (app/models/segment.ts); update-segment-thresholds.test.ts checks that it does.
 */
export function segmentArrRange(
  segment: Segment,
  thresholds: SegmentThresholds,
): { gte?: number; lt?: number } {
  switch (segment) {
    case "high_touch":
      return { gte: thresholds.highTouchMinArr };
    case "low_touch":
      return { gte: thresholds.lowTouchMinArr, lt: thresholds.highTouchMinArr };
    case "tech_touch":
      return { lt: thresholds.lowTouchMinArr };
  }
}

export async function updateSegmentThresholds(input: {
  actorId: string;
  thresholds: SegmentThresholds;
  ipAddress?: string;
}): Promise<{ changed: number; thresholds: SegmentThresholds }> {
  // The route validated with localized messages already; this guards every other caller.
  const thresholds = segmentThresholdsSchema.parse(input.thresholds);
  return db.$transaction(async (tx) => {
    const before = await getSegmentThresholds(tx);
    await saveSegmentThresholds(tx, thresholds);
    // One UPDATE per segment, each touching only accounts that move, so the count is the
    // number of accounts whose segment changed.
    let changed = 0;
    for (const segment of SEGMENTS) {
      const result = await tx.account.updateMany({
        where: { arr: segmentArrRange(segment, thresholds), segment: { not: segment } },
        data: { segment },
      });
      changed += result.count;
    }
    await audit(
      {
        actorId: input.actorId,
        action: SEGMENT_THRESHOLDS_AUDIT_ACTION,
        targetType: "setting",
        targetId: SEGMENT_THRESHOLDS_KEY,
        data: { before, after: thresholds, accountsChanged: changed },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { changed, thresholds };
  });
}
