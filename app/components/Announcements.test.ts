import { describe, expect, it } from "vitest";
import { getT } from "~/i18n";
import { SEGMENTS } from "~/models/segment";
import {
  ANNOUNCEMENT_SEGMENTS,
  announcementSchema,
  parseUtcDateTime,
  toDateTimeLocal,
} from "./Announcements";

const now = new Date("2030-06-01T12:00:00Z");
const valid = {
  kind: "release",
  titleEn: "Gantt charts",
  titleJa: "ガントチャート",
  bodyEn: "Now in **every** plan.",
  bodyJa: "**全プラン**で使えます。",
  publish: "now",
};

function parse(input: Record<string, unknown>, locale: "en" | "ja" = "en") {
  return announcementSchema(getT(locale), now).safeParse(input);
}

describe("parseUtcDateTime", () => {
  it("reads what a datetime-local input sends as UTC", () => {
    expect(parseUtcDateTime("2030-06-01T09:30")?.toISOString()).toBe("2030-06-01T09:30:00.000Z");
    expect(parseUtcDateTime("2030-06-01T09:30:15")?.toISOString()).toBe("2030-06-01T09:30:15.000Z");
    expect(toDateTimeLocal("2030-06-01T09:30:00.000Z")).toBe("2030-06-01T09:30");
  });

  it("refuses impossible or malformed times", () => {
    for (const bad of [
      "2030-02-31T10:00",
      "2030-13-01T10:00",
      "2030-06-01T24:00",
      "tomorrow",
      "",
    ]) {
      expect(parseUtcDateTime(bad), bad).toBeNull();
    }
  });
});

describe("announcementSchema", () => {
  it("keeps the segment list in step with the coverage tiers", () => {
    expect([...ANNOUNCEMENT_SEGMENTS]).toEqual([...SEGMENTS]);
  });

  it("turns the publish choice into a publish time", () => {
    const nowResult = parse(valid);
    expect(nowResult.success && nowResult.data.publishedAt).toEqual(now);
    const draft = parse({ ...valid, publish: "draft" });
    expect(draft.success && draft.data.publishedAt).toBeNull();
    const scheduled = parse({
      ...valid,
      publish: "scheduled",
      publishAt: "2030-07-01T00:00",
      expiresAt: "2030-07-02T00:00",
      segments: ["tech_touch", "tech_touch"],
    });
    expect(scheduled.success && scheduled.data).toMatchObject({
      publishedAt: new Date("2030-07-01T00:00:00Z"),
      expiresAt: new Date("2030-07-02T00:00:00Z"),
      segments: ["tech_touch"],
      plans: [],
    });
  });

  it("wants the expiry after the publish time, with a message in the editor's language", () => {
    const result = parse(
      {
        ...valid,
        publish: "scheduled",
        publishAt: "2030-07-01T00:00",
        expiresAt: "2030-07-01T00:00",
      },
      "ja",
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["expiresAt", "掲載終了日時は公開日時より後にしてください。"],
    ]);
    const past = parse({ ...valid, expiresAt: "2030-06-01T11:59" });
    expect(past.error?.issues[0]?.message).toBe("The expiry must be in the future.");
  });
});
