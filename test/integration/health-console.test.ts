// The health console as CS uses it: the account list (health columns, filters, sorts), the
// account page (health, drivers, community, failed searches, alerts, timeline, recompute) and the
// portfolio dashboard. Customers get 404 on every one of these pages.
import { beforeEach, describe, expect, it } from "vitest";
import { raiseAlert } from "../../app/commands/alerts.server";
import { addDays, utcDay } from "../../app/health/model";
import { PORTAL_EVENTS } from "../../app/models/event-types";
import type { Role } from "../../app/models/roles";
import { loader as layoutLoader } from "../../app/routes/admin";
import { loader as overviewLoader } from "../../app/routes/admin._index";
import { action as alertsAction, loader as alertsLoader } from "../../app/routes/admin.alerts";
import {
  action as accountAction,
  loader as accountLoader,
} from "../../app/routes/admin.accounts.$id";
import { loader as accountsLoader } from "../../app/routes/admin.accounts._index";
import { db } from "../../app/utils/db.server";
import { createAccount, createEvents, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

const DAY_MS = 24 * 60 * 60 * 1000;

async function signedIn(role: Role, locale: string | null = "en") {
  const user = await createUser({ role, locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

function tag() {
  return `h${Math.random().toString(36).slice(2, 8)}`;
}

async function scored(
  name: string,
  health: { score: number | null; band: string | null; trend7?: number | null },
  extra: Parameters<typeof createAccount>[0] = {},
) {
  const account = await createAccount({ name, ...extra });
  return db.account.update({
    where: { id: account.id },
    data: {
      healthScore: health.score,
      healthBand: health.band,
      healthTrend7: health.trend7 ?? null,
      healthComputedAt: health.score === null ? null : new Date(),
    },
  });
}

type Row = { id: string; name: string; healthScore: number | null; lastActivityAt: string | null };
type List = { accounts: Row[]; total: number; page: number; pageCount: number };

async function list(query: string, headers: Record<string, string>): Promise<List> {
  const res = await runLoader(accountsLoader, getRequest(`/admin/accounts${query}`, headers));
  expect(res.status).toBe(200);
  return (await res.json()) as List;
}

const names = (l: List) => l.accounts.map((a) => a.name);

describe("/admin/accounts with health", () => {
  it("filters by band and sorts by score, trend, ARR and renewal (unscored last)", async () => {
    const { headers } = await signedIn("cs");
    const t = tag();
    const now = Date.now();
    await scored(
      `${t} A`,
      { score: 30, band: "red", trend7: -12 },
      { arr: 5_000_000, renewalDate: new Date(now + 40 * DAY_MS) },
    );
    await scored(
      `${t} B`,
      { score: 45, band: "red", trend7: 3 },
      { arr: 9_000_000, renewalDate: new Date(now + 10 * DAY_MS) },
    );
    await scored(`${t} C`, { score: 80, band: "green", trend7: 0 }, { arr: 1_000_000 });
    await scored(`${t} D`, { score: null, band: null }, { arr: 20_000_000 });

    expect(names(await list(`?q=${t}&band=red`, headers))).toEqual([`${t} A`, `${t} B`]);
    expect(names(await list(`?q=${t}&sort=score`, headers))).toEqual([
      `${t} A`,
      `${t} B`,
      `${t} C`,
      `${t} D`,
    ]);
    expect(names(await list(`?q=${t}&sort=score&dir=desc`, headers))).toEqual([
      `${t} C`,
      `${t} B`,
      `${t} A`,
      `${t} D`,
    ]);
    expect(names(await list(`?q=${t}&sort=trend`, headers))).toEqual([
      `${t} A`,
      `${t} C`,
      `${t} B`,
      `${t} D`,
    ]);
    expect(names(await list(`?q=${t}&sort=arr`, headers))).toEqual([
      `${t} D`,
      `${t} B`,
      `${t} A`,
      `${t} C`,
    ]);
    expect(names(await list(`?q=${t}&sort=renewal`, headers)).slice(0, 2)).toEqual([
      `${t} B`,
      `${t} A`,
    ]);
    // Renewal window: B renews in 10 days, A in 40.
    expect(names(await list(`?q=${t}&renewal=30`, headers))).toEqual([`${t} B`]);
    expect(names(await list(`?q=${t}&renewal=60&sort=renewal`, headers))).toEqual([
      `${t} B`,
      `${t} A`,
    ]);
    // Unknown values from edited links mean "no filter".
    expect((await list(`?q=${t}&band=purple&renewal=7&sort=evil&dir=up`, headers)).total).toBe(4);
  });

  it("filters by owner (me, nobody, a CSM) and shows each account's last activity", async () => {
    const { user, headers } = await signedIn("cs");
    const t = tag();
    const mine = await scored(`${t} Mine`, { score: 60, band: "yellow" }, { ownerId: user.id });
    await scored(`${t} Nobody's`, { score: 60, band: "yellow" });
    const when = new Date("2026-01-15T10:00:00Z");
    await createEvents(mine.id, [
      { type: "report.created", occurredAt: new Date("2026-01-10T10:00:00Z") },
      { type: "report.created", occurredAt: when },
    ]);
    const me = await list(`?q=${t}&owner=me`, headers);
    expect(names(me)).toEqual([`${t} Mine`]);
    expect(me.accounts[0]!.lastActivityAt).toBe(when.toISOString());
    expect(names(await list(`?q=${t}&owner=${user.id}`, headers))).toEqual([`${t} Mine`]);
    expect(names(await list(`?q=${t}&owner=none`, headers))).toEqual([`${t} Nobody's`]);
  });
});

async function withHistory() {
  const owner = await createUser({ role: "cs", name: "Olivia Owner" });
  const account = await createAccount({
    name: `${tag()} Falling Co`,
    ownerId: owner.id,
    seats: 10,
  });
  const today = utcDay(new Date());
  // 3 snapshots: 82 (green) 14 days ago, 70 (yellow) 7 days ago, 44 (red) today.
  const drivers = [
    { key: "usage", delta: -18, reason: "activeUsers", params: { from: 8, to: 3, seats: 10 } },
    { key: "selfService", delta: -6, reason: "searchesFailed", params: { from: 1, to: 9 } },
  ];
  const components = [
    { key: "usage", score: 25, weight: 40 },
    { key: "onboarding", score: 90, weight: 20 },
    { key: "selfService", score: 30, weight: 20 },
    { key: "community", score: 20, weight: 20 },
  ];
  for (const [daysAgo, score, band] of [
    [14, 82, "green"],
    [7, 70, "yellow"],
    [0, 44, "red"],
  ] as const) {
    await db.healthSnapshot.create({
      data: {
        accountId: account.id,
        day: addDays(today, -daysAgo),
        score,
        band,
        components: JSON.stringify(components),
        drivers: JSON.stringify(daysAgo === 0 ? drivers : []),
        computedAt: new Date(),
      },
    });
  }
  await db.account.update({
    where: { id: account.id },
    data: {
      healthScore: 44,
      healthBand: "red",
      healthTrend7: -26,
      healthTrend30: -38,
      healthComputedAt: new Date(),
    },
  });
  return { account, owner };
}

describe("/admin/accounts/:id with health", () => {
  it("shows score, band, trends, 90 days of history, components and drivers", async () => {
    const { headers } = await signedIn("cs");
    const { account } = await withHistory();
    const res = await runLoader(
      accountLoader,
      getRequest(`/admin/accounts/${account.id}`, headers),
      {
        id: account.id,
      },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.health).toMatchObject({ score: 44, band: "red", trend: { d7: -26, d30: -38 } });
    expect(body.health.history.map((h: { score: number }) => h.score)).toEqual([82, 70, 44]);
    expect(body.health.components).toHaveLength(4);
    expect(body.health.drivers[0]).toMatchObject({
      key: "usage",
      delta: -18,
      reason: "activeUsers",
    });
    expect(body.bands).toEqual({ yellowFrom: 50, greenFrom: 76 });
  });

  it("shows community activity, failed searches, members' last activity and a paged timeline", async () => {
    const { headers } = await signedIn("cs");
    const account = await createAccount({ name: `${tag()} Busy Co` });
    const member = await createUser({ accountId: account.id, name: "Mika Member" });
    const other = await createAccount();
    await db.searchQuery.createMany({
      data: [
        {
          accountId: account.id,
          userId: member.id,
          query: "請求書 ダウンロード",
          normalized: "請求書 ダウンロード",
          locale: "ja",
          source: "page",
          resultCount: 0,
        },
        {
          accountId: account.id,
          userId: member.id,
          query: "sso setup",
          normalized: "sso setup",
          locale: "en",
          source: "page",
          resultCount: 4,
        },
        {
          accountId: other.id,
          query: "not ours",
          normalized: "not ours",
          locale: "en",
          source: "page",
          resultCount: 0,
        },
        {
          accountId: account.id,
          query: "old miss",
          normalized: "old miss",
          locale: "en",
          source: "page",
          resultCount: 0,
          createdAt: new Date(Date.now() - 40 * DAY_MS),
        },
      ],
    });
    await createEvents(account.id, [{ type: "report.created", count: 45 }]);
    const load = async (query = "") => {
      const res = await runLoader(
        accountLoader,
        getRequest(`/admin/accounts/${account.id}${query}`, headers),
        { id: account.id },
      );
      expect(res.status).toBe(200);
      return res.json();
    };
    const body = await load();
    expect(body.failedSearches.map((s: { query: string }) => s.query)).toEqual([
      "請求書 ダウンロード",
    ]);
    expect(body.failedSearches[0].user).toEqual({ name: "Mika Member" });
    expect(body.community).toEqual({ days: 30, topics: 0, replies: 0, accepted: 0 });
    expect(body.account.members.map((m: { name: string }) => m.name)).toEqual(["Mika Member"]);
    expect(body.timeline).toMatchObject({ total: 45, page: 1, pageCount: 3 });
    expect(body.timeline.events).toHaveLength(20);
    const last = await load("?events=3");
    expect(last.timeline.events).toHaveLength(5);
    // A page past the end shows the last page; nonsense shows the first.
    expect((await load("?events=99")).timeline.page).toBe(3);
    expect((await load("?events=abc")).timeline.page).toBe(1);
  });

  it("'Recompute now' computes health from the account's events", async () => {
    const { headers } = await signedIn("cs", "ja");
    const account = await createAccount({ name: `${tag()} Fresh Co`, seats: 2 });
    const users = await Promise.all([
      createUser({ accountId: account.id }),
      createUser({ accountId: account.id }),
    ]);
    await createEvents(
      account.id,
      users.map((u) => ({ type: PORTAL_EVENTS.signedIn, userId: u.id })),
    );
    const before = await runLoader(
      accountLoader,
      getRequest(`/admin/accounts/${account.id}`, headers),
      { id: account.id },
    );
    expect((await before.json()).health).toBeNull();
    // PostgreSQL rolls up events received 30 s ago and earlier; these are brand new.
    await db.event.updateMany({
      where: { accountId: account.id },
      data: { receivedAt: new Date(Date.now() - 60_000) },
    });
    const res = await runAction(
      accountAction,
      formRequest(`/admin/accounts/${account.id}`, { intent: "recompute" }, headers),
      {},
      { id: account.id },
    );
    expect(res.status).toBe(200);
    const reply = await res.json();
    const stored = await db.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.healthScore).not.toBeNull();
    expect(reply.message).toBe(
      `ヘルスを再計算しました：スコア ${stored.healthScore}（${{ red: "レッド", yellow: "イエロー", green: "グリーン" }[stored.healthBand as "red"]}）。`,
    );
  });

  it("acts on this account's alerts only", async () => {
    const { headers } = await signedIn("cs");
    const { account, owner } = await withHistory();
    const other = await createAccount();
    const mine = await raiseAlert({
      accountId: account.id,
      ownerId: owner.id,
      kind: "health_red",
      title: "red",
      details: { score: 44 },
      dedupeKey: `page:${account.id}`,
    });
    const theirs = await raiseAlert({
      accountId: other.id,
      ownerId: null,
      kind: "health_red",
      title: "red",
      details: { score: 10 },
      dedupeKey: `page:${other.id}`,
    });
    const post = (fields: Record<string, string>) =>
      runAction(
        accountAction,
        formRequest(`/admin/accounts/${account.id}`, fields, headers),
        {},
        { id: account.id },
      );
    expect((await post({ intent: "acknowledge", alertId: theirs!.id })).status).toBe(404);
    expect((await post({ intent: "acknowledge", alertId: mine!.id })).status).toBe(200);
    expect((await post({ intent: "close", alertId: mine!.id, note: "" })).status).toBe(422);
    expect(
      (await post({ intent: "close", alertId: mine!.id, note: "Exec sponsor call" })).status,
    ).toBe(200);
    expect((await db.alert.findUniqueOrThrow({ where: { id: theirs!.id } })).status).toBe("open");
    const page = await runLoader(
      accountLoader,
      getRequest(`/admin/accounts/${account.id}`, headers),
      { id: account.id },
    );
    const body = await page.json();
    expect(body.alerts.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [mine!.id, "closed"],
    ]);
  });
});

describe("/admin portfolio", () => {
  beforeEach(async () => {
    await db.account.deleteMany();
  });

  it("counts accounts per band, lists at-risk accounts by ARR and renewals with their band", async () => {
    const { headers } = await signedIn("cs");
    const now = Date.now();
    await scored(
      "Red big",
      { score: 20, band: "red" },
      { arr: 30_000_000, renewalDate: new Date(now + 20 * DAY_MS) },
    );
    await scored("Yellow mid", { score: 60, band: "yellow" }, { arr: 10_000_000 });
    await scored("Red small", { score: 35, band: "red" }, { arr: 1_000_000 });
    await scored(
      "Green",
      { score: 90, band: "green" },
      { arr: 50_000_000, renewalDate: new Date(now + 80 * DAY_MS) },
    );
    await scored("Unscored", { score: null, band: null }, { arr: 2_000_000 });
    await scored(
      "Churned red",
      { score: 10, band: "red" },
      { arr: 99_000_000, status: "churned", churnedAt: new Date(now - 30 * DAY_MS) },
    );
    const res = await runLoader(overviewLoader, getRequest("/admin", headers));
    expect(res.status).toBe(200);
    const { portfolio } = await res.json();
    expect(portfolio.distribution).toEqual({
      red: { accounts: 2, arr: 31_000_000 },
      yellow: { accounts: 1, arr: 10_000_000 },
      green: { accounts: 1, arr: 50_000_000 },
    });
    expect(portfolio.unscored).toBe(1);
    expect(portfolio.atRisk.map((a: { name: string }) => a.name)).toEqual([
      "Red big",
      "Yellow mid",
      "Red small",
    ]);
    expect(
      portfolio.renewals.map((a: { name: string; healthBand: string }) => [a.name, a.healthBand]),
    ).toEqual([
      ["Red big", "red"],
      ["Green", "green"],
    ]);
    expect(portfolio.engagement).toHaveLength(12);
  });

  it("computes retention and churn from account data over the last 12 months", async () => {
    const { headers } = await signedIn("admin");
    const now = Date.now();
    const yearsAgo = new Date(now - 2 * 365 * DAY_MS);
    await createAccount({ arr: 6_000_000, createdAt: yearsAgo });
    await createAccount({
      arr: 2_000_000,
      createdAt: yearsAgo,
      status: "churned",
      churnedAt: new Date(now - 100 * DAY_MS),
    });
    await createAccount({ arr: 2_000_000, createdAt: yearsAgo });
    const res = await runLoader(overviewLoader, getRequest("/admin", headers));
    const { portfolio } = await res.json();
    expect(portfolio.revenue).toMatchObject({
      startAccounts: 3,
      startArr: 10_000_000,
      churnedAccounts: 1,
      churnedArr: 2_000_000,
      grossRetention: 0.8,
      netRetention: 0.8,
    });
    expect(portfolio.revenue.logoChurnRate).toBeCloseTo(1 / 3, 10);
    // Average ARR of the 2 active accounts (4,000,000) / annual churn (1/3).
    expect(portfolio.revenue.averageLtv).toBeCloseTo(12_000_000, 4);
  });
});

describe("customers never see health", () => {
  it.each(["member", "account_admin"] as const)(
    "a %s gets 404 on the dashboard, list, account page, alerts and their actions",
    async (role) => {
      const account = await createAccount();
      const { user, headers } = await signedIn(role);
      await db.user.update({ where: { id: user.id }, data: { accountId: account.id } });
      const alert = await raiseAlert({
        accountId: account.id,
        ownerId: null,
        kind: "health_red",
        title: "red",
        details: {},
        dedupeKey: `cust:${account.id}`,
      });
      const pages: [string, Parameters<typeof runLoader>[0], Record<string, string>][] = [
        ["/admin", layoutLoader, {}],
        ["/admin", overviewLoader, {}],
        ["/admin/accounts", layoutLoader, {}],
        ["/admin/accounts", accountsLoader, {}],
        [`/admin/accounts/${account.id}`, layoutLoader, {}],
        [`/admin/accounts/${account.id}`, accountLoader, { id: account.id }],
        ["/admin/alerts", layoutLoader, {}],
        ["/admin/alerts", alertsLoader, {}],
      ];
      for (const [path, loader, params] of pages) {
        const res = await runLoader(loader, getRequest(path, headers), params);
        expect(res.status, path).toBe(404);
        expect(await res.text(), path).not.toMatch(/healthScore|score/);
      }
      const posts: [string, Parameters<typeof runAction>[0], Record<string, string>][] = [
        [`/admin/accounts/${account.id}`, accountAction, { intent: "recompute" }],
        [
          `/admin/accounts/${account.id}`,
          accountAction,
          { intent: "acknowledge", alertId: alert!.id },
        ],
        ["/admin/alerts", alertsAction, { intent: "close", alertId: alert!.id, note: "x" }],
      ];
      for (const [path, action, fields] of posts) {
        const res = await runAction(
          action,
          formRequest(path, fields, headers),
          {},
          { id: account.id },
        );
        expect(res.status, path).toBe(404);
      }
      expect(await db.alert.findUniqueOrThrow({ where: { id: alert!.id } })).toMatchObject({
        status: "open",
      });
      expect(
        (await db.account.findUniqueOrThrow({ where: { id: account.id } })).healthComputedAt,
      ).toBeNull();
    },
  );

  it("staff open every one of those pages", async () => {
    const account = await createAccount();
    for (const role of ["cs", "admin"] as const) {
      const { headers } = await signedIn(role);
      for (const [path, loader, params] of [
        ["/admin", overviewLoader, {}],
        ["/admin/accounts", accountsLoader, {}],
        [`/admin/accounts/${account.id}`, accountLoader, { id: account.id }],
        ["/admin/alerts", alertsLoader, {}],
      ] as const) {
        expect(
          (await runLoader(loader, getRequest(path, headers), params)).status,
          `${role} ${path}`,
        ).toBe(200);
      }
    }
  });
});

describe("/admin engagement trend", () => {
  it("counts weekly active users and events per week from the daily rollup, this week last", async () => {
    const { rollupEvents } = await import("../../app/commands/rollup-events.server");
    const { weekStart } = await import("../../app/models/portfolio.server");
    const { headers } = await signedIn("cs");
    const account = await createAccount();
    const [u1, u2] = await Promise.all([
      createUser({ accountId: account.id }),
      createUser({ accountId: account.id }),
    ]);
    const thisWeek = weekStart(new Date());
    const lastWeek = new Date(thisWeek.getTime() - 7 * DAY_MS);
    // Monday 00:00 of each week counts in that week (not the one before).
    await createEvents(account.id, [
      { type: "report.created", userId: u1.id, occurredAt: thisWeek, count: 2 },
      { type: "report.created", userId: u2.id, occurredAt: new Date(thisWeek.getTime() + 60_000) },
      { type: "report.created", userId: u1.id, occurredAt: new Date(lastWeek.getTime() + DAY_MS) },
      { type: "report.created", occurredAt: new Date(lastWeek.getTime() + 2 * DAY_MS), count: 3 },
    ]);
    // No back-dated receivedAt: on PostgreSQL an earlier test's rollup may have moved the
    // watermark past it. A run "a minute ahead" still stops at the real clock, after these events.
    await rollupEvents({ now: new Date(Date.now() + 60_000) });
    const res = await runLoader(overviewLoader, getRequest("/admin", headers));
    const { portfolio } = await res.json();
    const weeks = portfolio.engagement as { week: string; activeUsers: number; events: number }[];
    expect(weeks).toHaveLength(12);
    expect(weeks[11]).toEqual({ week: thisWeek.toISOString(), activeUsers: 2, events: 3 });
    expect(weeks[10]).toEqual({ week: lastWeek.toISOString(), activeUsers: 1, events: 4 });
  });
});
