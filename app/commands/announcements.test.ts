import { describe, expect, it } from "vitest";
import type { AnnouncementInput } from "~/components/Announcements";
import { assertValidAnnouncement } from "./announcements.server";

const valid: AnnouncementInput = {
  kind: "maintenance",
  titleEn: "Maintenance",
  titleJa: "メンテナンス",
  bodyEn: "Saturday night.",
  bodyJa: "土曜日の夜です。",
  segments: ["high_touch"],
  plans: ["enterprise"],
  publishedAt: new Date("2030-01-01T00:00:00Z"),
  expiresAt: new Date("2030-01-02T00:00:00Z"),
};

describe("assertValidAnnouncement", () => {
  it("accepts what the form produces", () => {
    expect(() => assertValidAnnouncement(valid)).not.toThrow();
    expect(() => assertValidAnnouncement({ ...valid, publishedAt: null })).not.toThrow();
  });

  it("guards callers that skip the form", () => {
    const bad: Partial<AnnouncementInput>[] = [
      { kind: "party" as AnnouncementInput["kind"] },
      { titleJa: " " },
      { segments: ["vip" as AnnouncementInput["segments"][number]] },
      { plans: ["gold" as AnnouncementInput["plans"][number]] },
      { expiresAt: valid.publishedAt },
    ];
    for (const change of bad) {
      expect(
        () => assertValidAnnouncement({ ...valid, ...change }),
        JSON.stringify(change),
      ).toThrow();
    }
  });
});
