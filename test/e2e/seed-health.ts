// The health fixture of the e2e database: account H red and falling (with drivers and 30 days of
// history) and owned by CS, B yellow, C green; an "entered red" alert on H for its owner and a
// "health falling" alert on B for nobody (health-journey.spec.ts acts on both). H has no events:
// events would make the server's background recompute replace the seeded health (A, B and C get
// events from other specs, so their health is whatever the model computes by then). Account A is
// busy: product events and one real computation, so /admin/health has a computed score to preview.
import { raiseAlert } from "../../app/commands/alerts.server";
import { recomputeAccountHealth } from "../../app/commands/recompute-health.server";
import { addDays, utcDay } from "../../app/health/model";
import { db } from "../../app/utils/db.server";
import { createEvents } from "../factories";
import type { AccountKey, UserKey } from "./fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;

const COMPONENTS = (usage: number, onboarding: number, selfService: number, community: number) =>
  JSON.stringify([
    { key: "usage", score: usage, weight: 40 },
    { key: "onboarding", score: onboarding, weight: 20 },
    { key: "selfService", score: selfService, weight: 20 },
    { key: "community", score: community, weight: 20 },
  ]);

export const HEALTH_DRIVERS_A = [
  { key: "usage", delta: -9, reason: "activeUsers", params: { from: 14, to: 6, seats: 25 } },
  { key: "selfService", delta: -4, reason: "searchesFailed", params: { from: 2, to: 11 } },
  {
    key: "community",
    delta: 1,
    reason: "communityActivity",
    params: { from: 1, to: 3, accepted: 1 },
  },
];

async function history(
  accountId: string,
  scores: (day: number) => number,
  band: (s: number) => string,
) {
  const today = utcDay(new Date());
  for (let i = 29; i >= 0; i -= 1) {
    const score = scores(i);
    await db.healthSnapshot.create({
      data: {
        accountId,
        day: addDays(today, -i),
        score,
        band: band(score),
        components: COMPONENTS(Math.max(0, score - 10), 90, Math.max(0, score - 20), 40),
        drivers: JSON.stringify(i === 0 && band(score) === "red" ? HEALTH_DRIVERS_A : []),
        computedAt: new Date(),
      },
    });
  }
}

const bandOf = (s: number) => (s < 50 ? "red" : s < 76 ? "yellow" : "green");

export async function seedHealthE2e(
  accounts: Record<AccountKey, string>,
  users: Record<UserKey, string>,
) {
  const now = Date.now();
  // H falls from 74 to 38 over 30 days; B hovers at 60; C stays green.
  await history(accounts.h, (i) => Math.round(38 + (i * 36) / 29), bandOf);
  await history(accounts.b, (i) => 60 + (i % 3), bandOf);
  await history(accounts.c, (i) => 84 - (i % 2), bandOf);
  const set = async (
    id: string,
    score: number,
    trend7: number,
    trend30: number,
    renewalDays: number,
  ) =>
    db.account.update({
      where: { id },
      data: {
        healthScore: score,
        healthBand: bandOf(score),
        healthTrend7: trend7,
        healthTrend30: trend30,
        healthComputedAt: new Date(),
        renewalDate: new Date(now + renewalDays * DAY_MS),
      },
    });
  await set(accounts.h, 38, -9, -36, 45);
  await set(accounts.b, 60, 1, -2, 75);
  await set(accounts.c, 84, 0, 1, 200);
  await db.account.update({
    where: { id: accounts.h },
    data: { ownerId: users.cs, arr: 8_400_000, segment: "low_touch", plan: "business" },
  });
  await db.searchQuery.create({
    data: {
      accountId: accounts.h,
      query: "ガントチャート PDF 出力",
      normalized: "ガントチャート pdf 出力",
      locale: "ja",
      source: "page",
      resultCount: 0,
    },
  });
  await raiseAlert({
    accountId: accounts.h,
    ownerId: users.cs,
    kind: "health_red",
    title: "Hinode Works (E2E H) entered the red health band (score 38)",
    details: { score: 38, band: "red", trend: { d7: -9, d30: -36 }, drivers: HEALTH_DRIVERS_A },
    dedupeKey: `e2e:health_red:${accounts.h}`,
  });
  await raiseAlert({
    accountId: accounts.b,
    ownerId: null,
    kind: "health_drop",
    title: "Borealis Foods (E2E B) health fell 12 points in 7 days (now 60)",
    details: { score: 60, band: "yellow", trend: { d7: -12, d30: -2 }, drivers: [] },
    dedupeKey: `e2e:health_drop:${accounts.b}`,
  });
  const members = await db.user.findMany({
    where: { accountId: accounts.a },
    select: { id: true },
  });
  await createEvents(accounts.a, [
    { type: "report.created", count: 120 },
    ...members.map((m) => ({ type: "portal.signed_in", userId: m.id })),
  ]);
  // A minute ahead so that PostgreSQL's rollup lag does not leave the events out.
  await recomputeAccountHealth(accounts.a, new Date(Date.now() + 60_000));
}
