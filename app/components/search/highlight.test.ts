import { describe, expect, it } from "vitest";
import { splitHighlights } from "./highlight";

describe("splitHighlights", () => {
  it("marks the matched words and keeps the text around them", () => {
    expect(
      splitHighlights("Export a report as CSV", [
        [0, 6],
        [19, 22],
      ]),
    ).toEqual([
      { text: "Export", match: true },
      { text: " a report as ", match: false },
      { text: "CSV", match: true },
    ]);
  });

  it("returns the whole text unmarked without ranges", () => {
    expect(splitHighlights("請求書のダウンロード", [])).toEqual([
      { text: "請求書のダウンロード", match: false },
    ]);
    expect(splitHighlights("", [[0, 3]])).toEqual([]);
  });

  it("never loses or repeats text when ranges are unsorted, overlapping or out of bounds", () => {
    const text = "single sign-on with SAML";
    const ranges: Array<[number, number]> = [
      [20, 99],
      [7, 14],
      [10, 12],
      [-5, 6],
      [15, 15],
      [18, 16],
    ];
    const segments = splitHighlights(text, ranges);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual([
      "single",
      "sign-on",
      "SAML",
    ]);
  });
});
