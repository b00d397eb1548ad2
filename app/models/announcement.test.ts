import { describe, expect, it } from "vitest";
import { announcementStatus, isEveryone, isTargeted } from "./announcement.server";

const HOUR_MS = 60 * 60 * 1000;
const now = new Date("2030-06-01T12:00:00Z");
const hoursFromNow = (h: number) => new Date(now.getTime() + h * HOUR_MS);

describe("announcementStatus", () => {
  it("is draft, scheduled, live or expired from the two times", () => {
    expect(announcementStatus({ publishedAt: null, expiresAt: null }, now)).toBe("draft");
    expect(announcementStatus({ publishedAt: null, expiresAt: hoursFromNow(-1) }, now)).toBe(
      "draft",
    );
    expect(announcementStatus({ publishedAt: hoursFromNow(1), expiresAt: null }, now)).toBe(
      "scheduled",
    );
    expect(announcementStatus({ publishedAt: now, expiresAt: null }, now)).toBe("live");
    expect(
      announcementStatus({ publishedAt: hoursFromNow(-2), expiresAt: hoursFromNow(1) }, now),
    ).toBe("live");
    // The expiry moment itself is already over.
    expect(announcementStatus({ publishedAt: hoursFromNow(-2), expiresAt: now }, now)).toBe(
      "expired",
    );
  });
});

describe("isTargeted", () => {
  const aim = (segments: string[], plans: string[]) => ({
    audienceSegments: JSON.stringify(segments),
    audiencePlans: JSON.stringify(plans),
  });
  const bigBusiness = { plan: "business", segment: "high_touch" };
  const smallStarter = { plan: "starter", segment: "tech_touch" };

  it("shows announcements without a chosen audience to everyone, visitors included", () => {
    expect(isTargeted(aim([], []), null)).toBe(true);
    expect(isTargeted(aim([], []), smallStarter)).toBe(true);
    expect(isEveryone(aim([], []))).toBe(true);
    // A damaged list reads as empty rather than breaking the home page.
    expect(isTargeted({ audienceSegments: "not json", audiencePlans: "[]" }, null)).toBe(true);
  });

  it("matches a chosen segment or a chosen plan", () => {
    expect(isTargeted(aim(["high_touch"], []), bigBusiness)).toBe(true);
    expect(isTargeted(aim(["high_touch"], []), smallStarter)).toBe(false);
    expect(isTargeted(aim([], ["starter", "team"]), smallStarter)).toBe(true);
    expect(isTargeted(aim([], ["enterprise"]), bigBusiness)).toBe(false);
    expect(isTargeted(aim(["low_touch"], ["starter"]), smallStarter)).toBe(true);
    expect(isTargeted(aim(["low_touch"], ["starter"]), bigBusiness)).toBe(false);
  });

  it("never shows a targeted announcement to a visitor", () => {
    expect(isTargeted(aim(["tech_touch"], []), null)).toBe(false);
    expect(isEveryone(aim(["tech_touch"], []))).toBe(false);
  });
});
