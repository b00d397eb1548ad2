import { describe, expect, it } from "vitest";
import { addDays, utcDay } from "../../app/health/model";
import { db } from "../../app/utils/db.server";
import { createAccount, createEvents } from "../factories";

describe("demo health history", () => {
  it("computes a snapshot per day as of that day, once", async () => {
    const { seedHealthHistory, BACKFILL_DAYS } = await import("../../scripts/seed/health-data");
    const account = await createAccount({ createdAt: addDays(new Date(), -200) });
    // Active only 40-50 days ago: the history rises, then falls out of the 30-day window.
    await createEvents(account.id, [
      { type: "report.created", occurredAt: addDays(new Date(), -45), count: 200 },
    ]);
    // A minute ahead: PostgreSQL rolls up events older than 30 s only.
    const first = await seedHealthHistory({ now: new Date(Date.now() + 60_000) });
    expect(first.created).toBe(true);
    const history = await db.healthSnapshot.findMany({
      where: { accountId: account.id },
      orderBy: { day: "asc" },
      select: { day: true, score: true },
    });
    expect(history).toHaveLength(BACKFILL_DAYS);
    const scoreAt = (daysAgo: number) =>
      history.find((h) => h.day.getTime() === addDays(utcDay(new Date()), -daysAgo).getTime())!
        .score;
    expect(scoreAt(40)).toBeGreaterThan(scoreAt(60));
    expect(scoreAt(0)).toBeLessThan(scoreAt(40));
    expect((await seedHealthHistory()).created).toBe(false);
  });
});
