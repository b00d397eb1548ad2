import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csv", () => {
  it("makes formula-like text inert and quotes what needs quoting", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+81 3")).toBe("'+81 3");
    expect(csvCell("-SUM(A1)")).toBe("'-SUM(A1)");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("Acme, Inc.")).toBe('"Acme, Inc."');
    expect(csvCell("株式会社エー")).toBe("株式会社エー");
  });

  it("keeps numbers as numbers, negative ones included, and empties null", () => {
    expect(csvCell(-12)).toBe("-12");
    expect(csvCell(null)).toBe("");
  });

  it("starts with a byte-order mark and ends rows with CRLF", () => {
    expect(
      toCsv([
        ["a", 1],
        ["b", null],
      ]),
    ).toBe("\uFEFFa,1\r\nb,\r\n");
  });
});
