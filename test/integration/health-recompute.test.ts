import { describe, expect, it } from "vitest";
import {
  recomputeAccountHealth,
  recomputeHealth,
} from "../../app/commands/recompute-health.server";
import { rollupEvents } from "../../app/commands/rollup-events.server";
import { addDays, utcDay } from "../../app/health/model";
import { accountHealth } from "../../app/models/health.server";
import { PORTAL_EVENTS } from "../../app/models/event-types";
import { db } from "../../app/utils/db.server";
import { createAccount, createEvents, createUser } from "../factories";

// PostgreSQL rolls events up to 30 s before "now"; computing a minute ahead takes them all.
const soon = (minutes = 1) => new Date(Date.now() + minutes * 60_000);

/** An account whose 30 days add up to known component scores (see app/health/model.test.ts). */
async function knownAccount(overrides: Parameters<typeof createAccount>[0] = {}) {
  const owner = await createUser({ role: "cs" });
  const account = await createAccount({
    seats: 10,
    plan: "business",
    ownerId: owner.id,
    ...overrides,
  });
  const users = await Promise.all(
    Array.from({ length: 7 }, () => createUser({ accountId: account.id })),
  );
  const reader = users[0]!.id;
  await createEvents(account.id, [
    ...users.map((u) => ({ type: PORTAL_EVENTS.signedIn, userId: u.id })),
    { type: "report.created", count: 60 },
    { type: "report.shared", count: 40 },
    { type: PORTAL_EVENTS.articleVoted, userId: reader, properties: { helpful: true }, count: 3 },
    { type: PORTAL_EVENTS.articleVoted, userId: reader, properties: { helpful: false } },
    { type: PORTAL_EVENTS.searched, userId: reader, properties: { outcome: "found" }, count: 6 },
    { type: PORTAL_EVENTS.searchClicked, userId: reader, count: 4 },
    { type: PORTAL_EVENTS.searched, userId: reader, properties: { outcome: "none" }, count: 2 },
    { type: PORTAL_EVENTS.supportRequested, userId: reader, properties: { articleId: "a1" } },
    { type: PORTAL_EVENTS.supportRequested, userId: reader, properties: { articleId: null } },
    { type: PORTAL_EVENTS.topicCreated, userId: reader, count: 2 },
    { type: PORTAL_EVENTS.replyPosted, userId: reader, count: 5 },
    { type: PORTAL_EVENTS.answerAccepted, userId: reader },
    { type: PORTAL_EVENTS.likeReceived, userId: reader, count: 4 },
    // Outside the 30-day window: not counted.
    { type: "report.created", occurredAt: addDays(new Date(), -40), count: 50 },
  ]);
  return { account, owner, users };
}

const alertsOf = (accountId: string, kind: string) =>
  db.alert.findMany({ where: { accountId, kind } });

describe("recomputeHealth", () => {
  it("rolls events up and writes the exact score to the snapshot and the account", async () => {
    const { account } = await knownAccount();
    const now = soon();
    const result = await recomputeHealth({ now, scope: { accountIds: [account.id] } });
    expect(result.computed).toBe(1);
    // usage 80, onboarding 100 (no checklist), self-service 52, community 83:
    // (40 x 80 + 20 x 100 + 20 x 52 + 20 x 83) / 100 = 79
    const stored = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.healthScore).toBe(79);
    expect(stored.healthBand).toBe("green");
    expect(stored.healthTrend7).toBeNull();
    const snapshot = await db.healthSnapshot.findUniqueOrThrow({
      where: { accountId_day: { accountId: account.id, day: utcDay(now) } },
    });
    expect(snapshot.score).toBe(79);
    expect(JSON.parse(snapshot.components)).toEqual([
      { key: "usage", score: 80, weight: 40 },
      { key: "onboarding", score: 100, weight: 20 },
      { key: "selfService", score: 52, weight: 20 },
      { key: "community", score: 83, weight: 20 },
    ]);
    const health = await accountHealth(account.id, now);
    expect(health).toMatchObject({ score: 79, band: "green", trend: { d7: null, d30: null } });
    expect(health!.history).toEqual([{ day: utcDay(now), score: 79, band: "green" }]);
  });

  it("counts each event once however often the rollup runs", async () => {
    const account = await createAccount();
    await createEvents(account.id, [{ type: "report.created", count: 3 }]);
    await rollupEvents({ now: soon() });
    await rollupEvents({ now: soon() });
    const sum = async () =>
      (
        await db.eventDaily.aggregate({
          where: { accountId: account.id, type: "report.created" },
          _sum: { count: true },
        })
      )._sum.count;
    expect(await sum()).toBe(3);
    await createEvents(account.id, [{ type: "report.created", count: 2 }]);
    await rollupEvents({ now: soon(2) });
    expect(await sum()).toBe(5);
  });

  it("recomputes only accounts with new events or not computed today when due", async () => {
    const quiet = await createAccount();
    const busy = await createAccount();
    const now = soon();
    await recomputeHealth({ now, scope: { accountIds: [quiet.id, busy.id] } });
    await createEvents(busy.id, [{ type: "report.created" }]);
    const later = soon(3);
    await recomputeHealth({ now: later, scope: "due" });
    const [q, b] = await Promise.all([
      db.account.findUniqueOrThrow({ where: { id: quiet.id } }),
      db.account.findUniqueOrThrow({ where: { id: busy.id } }),
    ]);
    expect(q.healthComputedAt).toEqual(now);
    expect(b.healthComputedAt).toEqual(later);
  });
});

describe("health alerts", () => {
  it("raises exactly one health_red alert when an account enters red, however often it is recomputed", async () => {
    const owner = await createUser({ role: "cs" });
    const account = await createAccount({ ownerId: owner.id, seats: 20 });
    // One sign-in, nothing else: usage 4, onboarding 100, self-service 50, community 0 -> 32.
    const user = await createUser({ accountId: account.id });
    await createEvents(account.id, [{ type: PORTAL_EVENTS.signedIn, userId: user.id }]);
    // Last computed yellow; now it falls into red.
    await db.account.update({
      where: { id: account.id },
      data: { healthBand: "yellow", healthScore: 55 },
    });
    await recomputeAccountHealth(account.id, soon(1));
    await recomputeAccountHealth(account.id, soon(2));
    await recomputeHealth({ now: soon(3), scope: "all" });
    const alerts = await alertsOf(account.id, "health_red");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.ownerId).toBe(owner.id);
    expect(JSON.parse(alerts[0]!.details)).toMatchObject({ band: "red", previousBand: "yellow" });
  });

  it("sets a baseline without alerting when an account is computed for the first time", async () => {
    const account = await createAccount({ seats: 20 });
    await recomputeAccountHealth(account.id, soon(1));
    expect((await db.account.findUniqueOrThrow({ where: { id: account.id } })).healthBand).toBe(
      "red",
    );
    expect(await alertsOf(account.id, "health_red")).toHaveLength(0);
  });

  it("raises one health_drop alert for a fall of 10 points in 7 days, with the drivers", async () => {
    const { account, users } = await knownAccount();
    const now = soon();
    const weekAgo = addDays(utcDay(now), -7);
    // A week ago: 10 of 10 seats active and a score of 90.
    await db.healthSnapshot.create({
      data: {
        accountId: account.id,
        day: weekAgo,
        score: 90,
        band: "green",
        computedAt: weekAgo,
        components: JSON.stringify([
          { key: "usage", score: 100, weight: 40 },
          { key: "onboarding", score: 100, weight: 20 },
          { key: "selfService", score: 52, weight: 20 },
          { key: "community", score: 83, weight: 20 },
        ]),
        inputs: JSON.stringify({ seats: 10, activeUsers: 10, productEvents: 200 }),
      },
    });
    await recomputeHealth({ now, scope: { accountIds: [account.id] } });
    await recomputeHealth({ now: soon(2), scope: { accountIds: [account.id] } });
    const stored = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.healthTrend7).toBe(79 - 90);
    const alerts = await alertsOf(account.id, "health_drop");
    expect(alerts).toHaveLength(1);
    const details = JSON.parse(alerts[0]!.details);
    expect(details.drivers[0]).toEqual({
      key: "usage",
      delta: -8,
      reason: "activeUsers",
      params: { from: 10, to: users.length, seats: 10 },
    });
    expect(await alertsOf(account.id, "health_red")).toHaveLength(0);
  });

  it("raises one expansion alert when active users reach 90 % of the seats", async () => {
    const account = await createAccount({ seats: 5, plan: "business" });
    const users = await Promise.all(
      Array.from({ length: 5 }, () => createUser({ accountId: account.id })),
    );
    await createEvents(
      account.id,
      users.map((u) => ({ type: "report.created", userId: u.id })),
    );
    await recomputeAccountHealth(account.id, soon(1));
    await recomputeAccountHealth(account.id, soon(2));
    const alerts = await alertsOf(account.id, "expansion");
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!.details)).toMatchObject({
      reason: "seats",
      activeUsers: 5,
      seats: 5,
    });
  });
});

describe("concurrent recompute", () => {
  it("computes each account once when two runs start together", async () => {
    await db.account.updateMany({ data: { healthComputedAt: new Date(0) } });
    const accounts = await Promise.all(Array.from({ length: 30 }, () => createAccount()));
    for (const a of accounts) await createEvents(a.id, [{ type: "report.created" }]);
    const total = await db.account.count({ where: { status: "active" } });
    const [a, b] = await Promise.all([
      recomputeHealth({ scope: "all", batchSize: 4 }),
      recomputeHealth({ scope: "all", batchSize: 4 }),
    ]);
    expect(a.computed + b.computed).toBe(total);
    // One snapshot per account and day, and every account carries the run's score.
    expect(await db.account.count({ where: { status: "active", healthScore: null } })).toBe(0);
  });
});
