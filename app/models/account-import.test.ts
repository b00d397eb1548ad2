import { describe, expect, it } from "vitest";
import { detectPreset, parseAccountCells, parseAmount, parseDate } from "./account-import";

const iso = (r: ReturnType<typeof parseDate>) =>
  r.ok ? r.value.toISOString().slice(0, 10) : r.error.code;

describe("parseDate", () => {
  it("reads the formats CRM exports and Japanese Excel write", () => {
    expect(iso(parseDate("2026-04-01"))).toBe("2026-04-01");
    expect(iso(parseDate("2026/4/1"))).toBe("2026-04-01");
    expect(iso(parseDate("04/30/2026"))).toBe("2026-04-30");
    expect(iso(parseDate("2026年4月1日"))).toBe("2026-04-01");
    expect(iso(parseDate("２０２６年４月１日"))).toBe("2026-04-01");
    expect(iso(parseDate("46113"))).toBe("2026-04-01"); // Excel serial
    expect(iso(parseDate("2026-04-01 00:00:00"))).toBe("2026-04-01");
  });
  it("refuses impossible and unreadable dates", () => {
    expect(iso(parseDate("2026-02-30"))).toBe("dateImpossible");
    expect(iso(parseDate("13/01/2026"))).toBe("dateImpossible");
    expect(iso(parseDate("next tuesday"))).toBe("dateFormat");
    expect(iso(parseDate("12"))).toBe("dateFormat");
  });
});

describe("parseAmount", () => {
  it("drops currency signs and separators, and refuses negatives and overflow", () => {
    expect(parseAmount("¥1,200,000")).toEqual({ ok: true, value: 1_200_000 });
    expect(parseAmount("１２０万")).toMatchObject({ ok: false, error: { code: "notNumber" } });
    expect(parseAmount("1200000円")).toEqual({ ok: true, value: 1_200_000 });
    expect(parseAmount("\\3,600,000")).toEqual({ ok: true, value: 3_600_000 });
    expect(parseAmount("-1")).toMatchObject({ ok: false, error: { code: "negative" } });
    expect(parseAmount("3000000000")).toMatchObject({ ok: false, error: { code: "tooLarge" } });
  });
});

describe("parseAccountCells", () => {
  it("takes MRR times 12 and names each bad field", () => {
    expect(parseAccountCells({ externalId: "a", mrr: "100000" }).patch).toEqual({
      externalId: "a",
      arr: 1_200_000,
    });
    const bad = parseAccountCells({ externalId: "", seats: "0", status: "paused" });
    expect(bad.patch).toBeNull();
    expect(bad.errors.map((e) => [e.field, e.code])).toEqual([
      ["externalId", "required"],
      ["seats", "seatsMin"],
      ["status", "statusUnknown"],
    ]);
  });
});

describe("detectPreset", () => {
  it("recognises Japanese, Salesforce and HubSpot headers", () => {
    expect(detectPreset("accounts", ["取引先ID", "会社名", "プラン", "年間契約額"]).preset).toBe(
      "japanese",
    );
    expect(detectPreset("accounts", ["Account ID", "Account Name", "ARR__c"]).mapping).toEqual({
      externalId: "Account ID",
      name: "Account Name",
      arr: "ARR__c",
    });
    expect(
      detectPreset("accounts", ["Record ID", "Company name", "Annual recurring revenue"]).preset,
    ).toBe("hubspot");
  });
});
