import { describe, expect, it } from "vitest";
import {
  afterFailure,
  classifySmtpError,
  MAX_EMAIL_ATTEMPTS,
  retryDelayMs,
  RETRY_CAP_MS,
} from "./email-retry";

describe("email retry policy", () => {
  it("doubles the wait after each failed attempt, up to the cap", () => {
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(2)).toBe(120_000);
    expect(retryDelayMs(3)).toBe(240_000);
    expect(retryDelayMs(20)).toBe(RETRY_CAP_MS);
  });

  it("treats 5xx as a bounce and 4xx or network errors as temporary", () => {
    expect(classifySmtpError({ responseCode: 550 })).toBe("permanent");
    expect(classifySmtpError({ responseCode: 451 })).toBe("temporary");
    expect(classifySmtpError(new Error("ECONNREFUSED"))).toBe("temporary");
  });

  it("gives up after the last attempt instead of retrying forever", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(afterFailure({ responseCode: 421 }, 1, now)).toEqual({
      status: "pending",
      nextAttemptAt: new Date("2026-01-01T00:01:00Z"),
    });
    expect(afterFailure({ responseCode: 421 }, MAX_EMAIL_ATTEMPTS, now)).toEqual({
      status: "failed",
    });
    expect(afterFailure({ responseCode: 550 }, 1, now)).toEqual({ status: "bounced" });
  });
});
