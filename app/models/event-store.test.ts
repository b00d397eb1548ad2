import { describe, expect, it } from "vitest";
import { fromSqliteDate, sqliteDate } from "./event-store.server";

describe("fromSqliteDate", () => {
  const instant = new Date("2026-03-04T05:06:07.089Z");

  it("reads back what Prisma writes", () => {
    expect(fromSqliteDate(sqliteDate(instant))).toEqual(instant);
  });

  it("reads SQLite's CURRENT_TIMESTAMP text as UTC, whatever the server's zone", () => {
    expect(fromSqliteDate("2026-03-04 05:06:07")).toEqual(new Date("2026-03-04T05:06:07Z"));
    expect(fromSqliteDate("2026-03-04T05:06")).toEqual(new Date("2026-03-04T05:06:00Z"));
  });

  it("reads epoch milliseconds", () => {
    expect(fromSqliteDate(instant.getTime())).toEqual(instant);
  });

  it("refuses a value that is no date", () => {
    expect(() => fromSqliteDate(null)).toThrow(TypeError);
  });
});
