import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loader as searchLoader } from "../../app/routes/api.search";
import { action as clickAction } from "../../app/routes/api.search.click";
import { resetApiRateLimits } from "../../app/utils/api-rate-limit.server";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

/** The default of API_RATE_LIMIT_PER_MINUTE (the suite runs with a far higher one). */
const limit = 300;
beforeEach(() => resetApiRateLimits(limit));
afterEach(() => resetApiRateLimits());

describe("per-IP limits on the JSON APIs", () => {
  it("answers 429 with Retry-After past the limit, for that IP only", async () => {
    const search = (ip: string) =>
      runLoader(
        (args) => searchLoader({ ...args, context: { clientIp: ip, cspNonce: "" } }),
        getRequest("/api/search?q=invoice&typeahead=1"),
      );
    for (let i = 0; i < limit; i++) expect((await search("10.1.1.1")).status).toBe(200);
    const refused = await search("10.1.1.1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatch(/Too many requests/);
    expect((await search("10.1.1.2")).status).toBe(200);
  });

  it("limits the search beacons too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const res = await runAction(
        clickAction,
        formRequest("/api/search/click", { searchId: "x", docId: "article:x", position: "1" }),
        { clientIp: "10.1.2.1" },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, limit).every((s) => s < 400 || s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
