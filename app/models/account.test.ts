import { describe, expect, it } from "vitest";
import { isSegment, searchKey } from "./account.server";

describe("searchKey", () => {
  it("ignores case", () => {
    expect(searchKey("ACME Robotics")).toBe(searchKey("acme robotics"));
  });

  it("folds full-width Latin and half-width katakana", () => {
    expect(searchKey("ＡＣＭＥ")).toBe("acme");
    expect(searchKey("ｻｸﾗｸﾗｳﾄﾞ")).toBe("サクラクラウド");
  });

  it("keeps LIKE wildcards as plain characters", () => {
    expect(searchKey("50% off_now")).toBe("50% off_now");
  });
});

describe("isSegment", () => {
  it("accepts the three segments only", () => {
    expect(isSegment("high_touch")).toBe(true);
    expect(isSegment("tech_touch")).toBe(true);
    expect(isSegment("community_touch")).toBe(false);
    expect(isSegment(null)).toBe(false);
  });
});
