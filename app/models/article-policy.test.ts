import { describe, expect, it } from "vitest";
import { canReadArticle, isLive } from "./article-policy";

const now = new Date("2026-11-25T12:00:00Z");
const live = {
  status: "published",
  publishAt: null,
  audience: "all",
  audiencePlans: "[]",
  audienceSegments: "[]",
};
const member = (plan: string, segment = "tech_touch") => ({
  role: "member",
  account: { plan, segment },
});
const cs = { role: "cs", account: null };

describe("article access", () => {
  it("shows live articles to everyone and hides drafts, reviews, archives and future ones", () => {
    expect(canReadArticle(null, live, now)).toBe(true);
    for (const status of ["draft", "in_review", "archived"]) {
      expect(canReadArticle(member("team"), { ...live, status }, now)).toBe(false);
      expect(canReadArticle(cs, { ...live, status }, now)).toBe(true);
    }
    const scheduled = { ...live, publishAt: new Date("2026-11-26T00:00:00Z") };
    expect(isLive(scheduled, now)).toBe(false);
    expect(isLive(scheduled, new Date("2026-11-26T00:00:00Z"))).toBe(true);
  });

  it("keeps customer-only articles from anonymous visitors", () => {
    const article = { ...live, audience: "customers" };
    expect(canReadArticle(null, article, now)).toBe(false);
    expect(canReadArticle(member("starter"), article, now)).toBe(true);
  });

  it("restricts to chosen plans or segments", () => {
    const article = {
      ...live,
      audience: "restricted",
      audiencePlans: '["enterprise"]',
      audienceSegments: '["low_touch"]',
    };
    expect(canReadArticle(member("enterprise"), article, now)).toBe(true);
    expect(canReadArticle(member("team", "low_touch"), article, now)).toBe(true);
    expect(canReadArticle(member("team"), article, now)).toBe(false);
    expect(canReadArticle({ ...member("team"), account: null }, article, now)).toBe(false);
    // A broken list restricts, it does not open up.
    expect(
      canReadArticle(
        member("team"),
        { ...article, audiencePlans: "not json", audienceSegments: "[]" },
        now,
      ),
    ).toBe(false);
  });
});
