import { describe, expect, it } from "vitest";
import {
  audienceCovers,
  canFlag,
  excerpt,
  suspensionEnd,
  suspensionRefusal,
} from "./moderation-policy";

const member = {
  id: "m1",
  role: "member",
  accountId: "a1",
  account: { plan: "team" },
  suspendedUntil: null,
};
const visible = { authorId: "m2", state: "visible" };

describe("canFlag", () => {
  it("lets signed-in customers flag other people's visible posts", () => {
    expect(canFlag(member, visible)).toBe(true);
  });
  it("refuses own, hidden, former users' posts, visitors, staff and suspended users", () => {
    expect(canFlag(member, { authorId: "m1", state: "visible" })).toBe(false);
    expect(canFlag(member, { authorId: "m2", state: "hidden" })).toBe(false);
    expect(canFlag(member, { authorId: null, state: "visible" })).toBe(false);
    expect(canFlag(null, visible)).toBe(false);
    expect(canFlag({ ...member, role: "cs" }, visible)).toBe(false);
    const now = new Date("2026-01-01T00:00:00Z");
    const suspended = { ...member, suspendedUntil: new Date("2026-01-02T00:00:00Z") };
    expect(canFlag(suspended, visible, now)).toBe(false);
    // A suspension that ended no longer counts.
    expect(canFlag(suspended, visible, new Date("2026-01-03T00:00:00Z"))).toBe(true);
  });
});

describe("suspensions", () => {
  it("never suspends oneself or staff", () => {
    expect(suspensionRefusal({ id: "cs1" }, { id: "cs1", role: "cs" })).toBe("cannotSuspendSelf");
    expect(suspensionRefusal({ id: "cs1" }, { id: "ad1", role: "admin" })).toBe(
      "cannotSuspendStaff",
    );
    expect(suspensionRefusal({ id: "cs1" }, { id: "m1", role: "account_admin" })).toBeNull();
  });
  it("lasts to the end of the chosen day (UTC)", () => {
    expect(suspensionEnd("2026-03-04").toISOString()).toBe("2026-03-04T23:59:59.999Z");
  });
});

describe("audienceCovers", () => {
  it("allows merging only where every reader of the source can follow", () => {
    expect(audienceCovers([], ["enterprise"])).toBe(true);
    expect(audienceCovers([], [])).toBe(true);
    expect(audienceCovers(["enterprise"], [])).toBe(false);
    expect(audienceCovers(["enterprise", "business"], ["enterprise"])).toBe(true);
    expect(audienceCovers(["enterprise"], ["enterprise", "team"])).toBe(false);
  });
});

describe("excerpt", () => {
  it("folds whitespace and cuts long text at a word", () => {
    expect(excerpt("a  b\n\nc")).toBe("a b c");
    const long = excerpt("word ".repeat(100), 30);
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.endsWith("…")).toBe(true);
  });
});
