// Search insights (/admin/insights): the figures on hand-made rows, per-account scoping, period
// boundaries, the tables CS acts on, who may open the pages, and the prefilled draft they link to.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import type { Role } from "../../app/models/roles";
import { getSearchInsights, insightRange } from "../../app/models/search-insights.server";
import { loader as newArticleLoader } from "../../app/routes/admin.content.new";
import { loader as layoutLoader } from "../../app/routes/admin.insights";
import { loader as insightsLoader } from "../../app/routes/admin.insights._index";
import { loader as synonymsLoader } from "../../app/routes/admin.insights.synonyms";
import { insightKey } from "../../app/search/query";
import { db } from "../../app/utils/db.server";
import { createAccount, createSessionCookie, createUser } from "../factories";
import { getRequest, runLoader } from "../helpers";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

async function signedIn(role: Role, locale: string | null = "en") {
  const user = await createUser({ role, locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

type SearchRow = {
  query: string;
  at: Date;
  results?: number;
  /** 1-based position of the result opened, if any. */
  clicked?: number;
  accountId?: string | null;
  userId?: string | null;
  locale?: string;
};

/** Searches written as app/models/search.server.ts logs them. */
async function searches(rows: SearchRow[]) {
  await db.searchQuery.createMany({
    data: rows.map((r) => ({
      accountId: r.accountId ?? null,
      userId: r.userId ?? null,
      query: r.query,
      normalized: insightKey(r.query),
      locale: r.locale ?? "en",
      source: "page",
      resultCount: r.results ?? 3,
      clickedDocId: r.clicked ? `article:${r.query}` : null,
      clickedPosition: r.clicked ?? null,
      clickedAt: r.clicked ? r.at : null,
      createdAt: r.at,
    })),
  });
}

async function deflections(accountId: string, at: Date, count: number) {
  await db.deflection.createMany({
    data: Array.from({ length: count }, () => ({
      accountId,
      context: "support",
      subject: "Question",
      createdAt: at,
    })),
  });
}

async function supportRequests(accountId: string, at: Date, count: number) {
  await db.supportRequest.createMany({
    data: Array.from({ length: count }, () => ({
      accountId,
      subject: "Help",
      body: "Please help",
      createdAt: at,
    })),
  });
}

/** A customer account with one member, for rows that belong to someone. */
async function customerAccount() {
  const account = await createAccount();
  const user = await createUser({ accountId: account.id });
  return { account, user };
}

// Each test works in its own far-apart stretch of time, so the rows of one never fall into the
// period of another although the file shares one database.
function clock(iso: string) {
  const now = new Date(iso);
  return { now, ago: (ms: number) => new Date(now.getTime() - ms) };
}

describe("the figures", () => {
  it("computes searches, zero-result rate, click-through, deflection and click position", async () => {
    const { now, ago } = clock("2031-01-20T12:00:00Z");
    const a = await customerAccount();
    const b = await customerAccount();
    const a2 = await createUser({ accountId: a.account.id });
    const at = ago(2 * DAY_MS);
    const ofA = { accountId: a.account.id, userId: a.user.id, at };
    await searches([
      // Account A: 10 searches, 2 found nothing, 4 of the 8 that found something were clicked.
      { ...ofA, query: "export csv", clicked: 1 },
      { ...ofA, query: "export csv", clicked: 1 },
      { ...ofA, query: "export csv", clicked: 2 },
      { ...ofA, query: "gantt", clicked: 4 },
      { ...ofA, query: "gantt" },
      { ...ofA, query: "gantt" },
      { ...ofA, query: "invoice", userId: a2.id },
      { ...ofA, query: "invoice", userId: a2.id },
      { ...ofA, query: "dark mode", results: 0 },
      { ...ofA, query: "dark mode", results: 0 },
      // Account B: 5 searches, none found anything.
      ...Array.from({ length: 5 }, () => ({
        accountId: b.account.id,
        userId: b.user.id,
        at,
        query: "offline mode",
        results: 0,
      })),
      // Visitors who were not signed in: 2 searches with results, no click.
      { query: "pricing", at },
      { query: "pricing", at },
    ]);
    await deflections(a.account.id, at, 3);
    await supportRequests(a.account.id, at, 1);
    await deflections(b.account.id, at, 1);
    await supportRequests(b.account.id, at, 3);

    const all = await getSearchInsights({ days: 7, now });
    expect(all.totals).toEqual({
      searches: 17,
      searchers: 3,
      zeroResult: 7,
      zeroResultRate: 7 / 17,
      withResults: 10,
      clicks: 4,
      clickThroughRate: 0.4,
      meanClickPosition: 2,
      deflections: 4,
      supportRequests: 4,
      deflectionRate: 0.5,
    });

    const onlyA = await getSearchInsights({ days: 7, accountId: a.account.id, now });
    expect(onlyA.account).toEqual({ id: a.account.id, name: a.account.name });
    expect(onlyA.totals).toMatchObject({
      searches: 10,
      searchers: 2,
      zeroResultRate: 0.2,
      clickThroughRate: 0.5,
      deflectionRate: 0.75,
    });
    // Another account's searches never show in an account's view.
    expect(onlyA.zeroResultQueries.map((q) => q.query)).toEqual(["dark mode"]);

    expect(all.accounts.rows).toEqual([
      {
        id: a.account.id,
        name: a.account.name,
        searches: 10,
        zeroResultRate: 0.2,
        clickThroughRate: 0.5,
        deflections: 3,
      },
      {
        id: b.account.id,
        name: b.account.name,
        searches: 5,
        zeroResultRate: 1,
        // Nothing was found, so there is no click-through to speak of (a dash, not 0 %).
        clickThroughRate: null,
        deflections: 1,
      },
    ]);
  });

  it("shows no rates when nothing happened rather than 0 % or NaN", async () => {
    const { now } = clock("2032-06-01T00:00:00Z");
    const { totals, daily, topQueries } = await getSearchInsights({ days: 30, now });
    expect(totals).toMatchObject({
      searches: 0,
      zeroResultRate: null,
      clickThroughRate: null,
      deflectionRate: null,
      meanClickPosition: null,
    });
    expect(daily).toHaveLength(30);
    expect(topQueries).toEqual([]);
  });
});

describe("the period", () => {
  it("covers whole UTC days up to today, and the daily series has one point per day", async () => {
    const { now } = clock("2033-03-10T05:00:00Z");
    const { from, to } = insightRange(7, now);
    expect(from.toISOString()).toBe("2033-03-04T00:00:00.000Z");
    expect(to.toISOString()).toBe("2033-03-11T00:00:00.000Z");
    const { account, user } = await customerAccount();
    const mine = { accountId: account.id, userId: user.id };
    await searches([
      { ...mine, query: "too early", at: new Date(from.getTime() - 1) },
      { ...mine, query: "first moment", at: from, results: 0 },
      { ...mine, query: "last moment", at: new Date(to.getTime() - 1), clicked: 1 },
      { ...mine, query: "tomorrow", at: to },
    ]);
    await deflections(account.id, new Date(from.getTime() - 1), 1);
    await deflections(account.id, from, 2);

    const week = await getSearchInsights({ days: 7, accountId: account.id, now });
    expect(week.totals.searches).toBe(2);
    expect(week.totals.deflections).toBe(2);
    expect(week.topQueries.map((q) => q.query).sort()).toEqual(["first moment", "last moment"]);
    expect(week.daily.map((d) => d.day)).toEqual([
      "2033-03-04",
      "2033-03-05",
      "2033-03-06",
      "2033-03-07",
      "2033-03-08",
      "2033-03-09",
      "2033-03-10",
    ]);
    expect(week.daily[0]).toEqual({
      day: "2033-03-04",
      searches: 1,
      zeroResult: 1,
      clicks: 0,
      deflections: 2,
    });
    expect(week.daily[6]).toEqual({
      day: "2033-03-10",
      searches: 1,
      zeroResult: 0,
      clicks: 1,
      deflections: 0,
    });

    // The longer period reaches back to the early row; nothing reaches into tomorrow.
    const month = await getSearchInsights({ days: 30, accountId: account.id, now });
    expect(month.totals.searches).toBe(3);
    expect(month.daily).toHaveLength(30);
  });
});

describe("the query tables", () => {
  it("groups spellings, shows the most typed one, and finds zero-result and unclicked queries", async () => {
    const { now, ago } = clock("2034-05-15T09:00:00Z");
    const a = await customerAccount();
    const b = await customerAccount();
    const ofA = { accountId: a.account.id, userId: a.user.id };
    const ofB = { accountId: b.account.id, userId: b.user.id };
    await searches([
      { ...ofA, query: "Gantt Chart", at: ago(HOUR_MS), clicked: 1, results: 4 },
      { ...ofA, query: "Gantt Chart", at: ago(HOUR_MS), results: 6 },
      { ...ofB, query: "gantt  chart", at: ago(HOUR_MS), clicked: 2, results: 5 },
      { ...ofB, query: "ＧＡＮＴＴ chart", at: ago(HOUR_MS), results: 5 },
      { ...ofA, query: "ダークモード", locale: "ja", at: ago(3 * DAY_MS), results: 0 },
      { ...ofB, query: "ダークモード", locale: "ja", at: ago(DAY_MS), results: 0 },
      { ...ofB, query: "ダークモード", locale: "ja", at: ago(2 * DAY_MS), results: 0 },
      { ...ofA, query: "billing", at: ago(HOUR_MS), results: 2 },
      { ...ofA, query: "billing", at: ago(HOUR_MS), results: 2 },
    ]);

    const insights = await getSearchInsights({ days: 7, now });
    const gantt = insights.topQueries.find((q) => q.key === "gantt chart");
    expect(gantt).toEqual({
      key: "gantt chart",
      query: "Gantt Chart",
      locale: "en",
      searches: 4,
      results: 5,
      clickThroughRate: 0.5,
    });
    expect(insights.topQueries.map((q) => q.key)).toEqual([
      "gantt chart",
      "ダークモード",
      "billing",
    ]);

    expect(insights.zeroResultQueries).toEqual([
      {
        key: "ダークモード",
        query: "ダークモード",
        locale: "ja",
        searches: 3,
        results: 0,
        clickThroughRate: null,
        accounts: 2,
        lastSearchedAt: ago(DAY_MS).toISOString(),
      },
    ]);

    // Unclicked searches with results, most first: billing was never opened.
    expect(insights.noClickQueries.map((q) => [q.query, q.unclicked, q.clickThroughRate])).toEqual([
      ["billing", 2, 0],
      ["Gantt Chart", 2, 0.5],
    ]);
  });
});

describe("the insights pages", () => {
  const loaders: [string, (args: LoaderFunctionArgs) => unknown][] = [
    ["/admin/insights (layout)", layoutLoader],
    ["/admin/insights", insightsLoader],
    ["/admin/insights/synonyms", synonymsLoader],
  ];

  it.each(loaders)("%s sends anonymous visitors to sign in", async (path, loader) => {
    const res = await runLoader(loader, getRequest(path.split(" ")[0]!));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it.each(loaders)(
    "%s refuses customers with 403, as the rest of the console",
    async (path, loader) => {
      for (const role of ["member", "account_admin"] as const) {
        const { headers } = await signedIn(role);
        const res = await runLoader(loader, getRequest(path.split(" ")[0]!, headers));
        expect(res.status, role).toBe(403);
      }
    },
  );

  it("shows staff the chosen period and account, and ignores filters that make no sense", async () => {
    const { headers } = await signedIn("cs");
    const { account, user } = await customerAccount();
    const justNow = new Date(Date.now() - 1_000);
    await searches([
      { accountId: account.id, userId: user.id, query: "sso", at: justNow, clicked: 1 },
      { accountId: account.id, userId: user.id, query: "sso", at: justNow, results: 0 },
    ]);
    const read = async (query: string) => {
      const res = await runLoader(insightsLoader, getRequest(`/admin/insights${query}`, headers));
      expect(res.status).toBe(200);
      return (await res.json()) as Awaited<ReturnType<typeof getSearchInsights>>;
    };

    const filtered = await read(`?days=7&account=${account.id}`);
    expect(filtered.days).toBe(7);
    expect(filtered.account?.id).toBe(account.id);
    expect(filtered.totals).toMatchObject({
      searches: 2,
      zeroResultRate: 0.5,
      clickThroughRate: 1,
    });
    expect(filtered.daily).toHaveLength(7);
    expect(filtered.accounts.options.map((o) => o.id)).toContain(account.id);

    const odd = await read("?days=365&account=no-such-account&page=-3");
    expect(odd.days).toBe(30);
    expect(odd.account).toBeNull();
    expect(odd.accounts.page).toBe(1);
    expect(odd.totals.searches).toBeGreaterThanOrEqual(2);
  });
});

describe("writing an article from a query nobody found", () => {
  async function newArticle(query: string) {
    const { headers } = await signedIn("cs", "en");
    const res = await runLoader(
      newArticleLoader,
      getRequest(`/admin/content/new${query}`, headers),
    );
    expect(res.status).toBe(200);
    return (await res.json()) as { title: string; locale: string };
  }

  it("prefills the draft with the query and its language", async () => {
    const params = new URLSearchParams({ title: "ダークモード 設定", locale: "ja" });
    expect(await newArticle(`?${params}`)).toMatchObject({
      title: "ダークモード 設定",
      locale: "ja",
    });
  });

  it("ignores a title longer than an article title may be, and an unknown language", async () => {
    const params = new URLSearchParams({ title: "x".repeat(201), locale: "fr" });
    expect(await newArticle(`?${params}`)).toMatchObject({ title: "", locale: "en" });
    expect(await newArticle("")).toMatchObject({ title: "", locale: "en" });
  });
});
