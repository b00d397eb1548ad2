import { describe, expect, it } from "vitest";
import { duePeriods, periodKey, periodStart } from "./digest-period";

describe("digest periods", () => {
  it("names the day and the ISO week", () => {
    const sunday = new Date("2026-12-06T09:00:00Z");
    expect(periodKey("daily", sunday)).toBe("2026-12-06");
    expect(periodKey("weekly", sunday)).toBe("2026-W49");
    expect(periodKey("weekly", new Date("2026-12-07T09:00:00Z"))).toBe("2026-W50");
    // ISO weeks cross years: 2027-01-01 is a Friday in 2026's week 53.
    expect(periodKey("weekly", new Date("2027-01-01T09:00:00Z"))).toBe("2026-W53");
  });

  it("covers the day or the week before", () => {
    const now = new Date("2026-12-07T08:00:00Z");
    expect(periodStart("daily", now).toISOString()).toBe("2026-12-06T08:00:00.000Z");
    expect(periodStart("weekly", now).toISOString()).toBe("2026-11-30T08:00:00.000Z");
  });

  it("is due from the configured hour; weekly only on Mondays", () => {
    expect(duePeriods(new Date("2026-12-07T07:59:00Z"), 8)).toEqual([]);
    expect(duePeriods(new Date("2026-12-07T08:00:00Z"), 8)).toEqual(["daily", "weekly"]);
    expect(duePeriods(new Date("2026-12-08T10:00:00Z"), 8)).toEqual(["daily"]);
  });
});
