import { describe, expect, it } from "vitest";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { action, loader } from "../../app/routes/kb.$slug";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createArticle,
  createCategory,
  createSessionCookie,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

type Role = "member" | "account_admin" | "cs" | "admin";

async function signedIn(role: Role = "member", plan = "team") {
  const account = role === "cs" || role === "admin" ? null : await createAccount({ plan });
  const user = await createUser({ role, accountId: account?.id ?? null, locale: "en" });
  const { cookie } = await createSessionCookie(user.id);
  return { user, cookie, account };
}

function view(slug: string, cookie?: string, query = "", ip = "127.0.0.1") {
  return runLoader(
    (args) => loader({ ...args, context: { clientIp: ip, cspNonce: "" } }),
    getRequest(`/kb/${slug}${query}`, cookie ? { Cookie: cookie } : {}),
    { slug },
  );
}

function post(slug: string, cookie: string | null, fields: Record<string, string>) {
  return runAction(
    action,
    formRequest(`/kb/${slug}`, fields, cookie ? { Cookie: cookie } : {}),
    {},
    { slug },
  );
}

const HOUR = 60 * 60 * 1000;

describe("who can read an article", () => {
  it("shows a published article to everyone and hides drafts and scheduled ones behind a 404", async () => {
    const published = await createArticle();
    const draft = await createArticle({ status: "draft" });
    const inReview = await createArticle({ status: "in_review" });
    const scheduled = await createArticle({ publishAt: new Date(Date.now() + 24 * HOUR) });
    const past = await createArticle({ publishAt: new Date(Date.now() - HOUR) });
    const member = await signedIn();
    const staff = await signedIn("cs");

    expect((await view(published.slug)).status).toBe(200);
    expect((await view(past.slug)).status).toBe(200);
    for (const hidden of [draft, inReview, scheduled]) {
      expect((await view(hidden.slug)).status).toBe(404);
      expect((await view(hidden.slug, member.cookie)).status).toBe(404);
      expect((await view(hidden.slug, staff.cookie)).status).toBe(200);
    }
    expect((await view("no-such-article")).status).toBe(404);
  });

  it("answers 404 (not 403) to customers outside a restricted audience", async () => {
    const restricted = await createArticle({
      audience: "restricted",
      audiencePlans: ["enterprise"],
    });
    const customersOnly = await createArticle({ audience: "customers" });
    const teamMember = await signedIn("member", "team");
    const enterpriseMember = await signedIn("member", "enterprise");
    const staff = await signedIn("admin");

    expect((await view(restricted.slug, teamMember.cookie)).status).toBe(404);
    expect((await view(restricted.slug)).status).toBe(404);
    expect((await view(restricted.slug, enterpriseMember.cookie)).status).toBe(200);
    expect((await view(restricted.slug, staff.cookie)).status).toBe(200);
    expect((await view(customersOnly.slug)).status).toBe(404);
    expect((await view(customersOnly.slug, teamMember.cookie)).status).toBe(200);
    // Nor can they vote on it.
    const vote = await post(restricted.slug, teamMember.cookie, { intent: "vote", helpful: "yes" });
    expect(vote.status).toBe(404);
  });
});

describe("the article page", () => {
  it("renders Markdown, breadcrumbs data, a TOC from 3 headings and the other language's version", async () => {
    const category = await createCategory({ nameEn: "Reports", nameJa: "レポート" });
    const en = await createArticle({
      slug: "share-a-dashboard",
      translationKey: "share-dashboard",
      categoryId: category.id,
      body: "## Open\n\nText with **bold**.\n\n### Details\n\nMore.\n\n## Share\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    });
    await createArticle({
      slug: "share-a-dashboard-ja",
      locale: "ja",
      translationKey: "share-dashboard",
      categoryId: category.id,
      title: "ダッシュボードを共有する",
    });
    const res = await view(en.slug);
    const page = await res.json();
    expect(page.article.title).toBe(en.title);
    expect(page.category).toMatchObject({ slug: category.slug, name: "Reports" });
    expect(page.html).toContain("<strong>bold</strong>");
    expect(page.html).toContain("<table>");
    expect(page.toc.map((h: { text: string }) => h.text)).toEqual(["Open", "Details", "Share"]);
    expect(page.translation).toEqual({
      slug: "share-a-dashboard-ja",
      locale: "ja",
      title: "ダッシュボードを共有する",
    });
    expect(new Date(page.article.updatedAt).getTime()).toBeGreaterThan(0);
  });

  it("leaves out the TOC for short articles and the link when the translation is not readable", async () => {
    const en = await createArticle({ translationKey: "lonely", body: "## Only one\n\nShort." });
    await createArticle({ locale: "ja", translationKey: "lonely", status: "draft" });
    const page = await (await view(en.slug)).json();
    expect(page.toc).toEqual([]);
    expect(page.translation).toBeNull();
  });

  it("lists related articles from the same category, readable ones only, up to 5", async () => {
    const category = await createCategory();
    const main = await createArticle({ categoryId: category.id });
    for (let i = 0; i < 6; i++) await createArticle({ categoryId: category.id });
    const hidden = await createArticle({ categoryId: category.id, status: "draft" });
    const otherLanguage = await createArticle({ categoryId: category.id, locale: "ja" });
    const page = await (await view(main.slug)).json();
    const slugs = page.related.map((r: { slug: string }) => r.slug);
    expect(slugs).toHaveLength(5);
    expect(slugs).not.toContain(main.slug);
    expect(slugs).not.toContain(hidden.slug);
    expect(slugs).not.toContain(otherLanguage.slug);
  });
});

describe("tutorial progress", () => {
  const body =
    "Intro.\n\n## Sign in\n\nA.\n\n## Open settings\n\nB.\n\n### Detail\n\nC.\n\n## Save\n\nD.";

  it("numbers the h2 sections as steps and lets a customer mark them done and undone", async () => {
    const tutorial = await createArticle({ type: "tutorial", body });
    const { user, cookie } = await signedIn();
    let page = await (await view(tutorial.slug, cookie)).json();
    expect(page.intro).toContain("Intro.");
    expect(page.steps.map((s: { number: number; title: string }) => [s.number, s.title])).toEqual([
      [1, "Sign in"],
      [2, "Open settings"],
      [3, "Save"],
    ]);
    expect(page.doneSteps).toEqual([]);

    expect(
      (await post(tutorial.slug, cookie, { intent: "step", step: "2", done: "1" })).status,
    ).toBe(200);
    // Twice is the same as once.
    await post(tutorial.slug, cookie, { intent: "step", step: "2", done: "1" });
    await post(tutorial.slug, cookie, { intent: "step", step: "3", done: "1" });
    page = await (await view(tutorial.slug, cookie)).json();
    expect(page.doneSteps).toEqual([2, 3]);
    const events = await db.event.findMany({
      where: { userId: user.id, type: PORTAL_EVENTS.tutorialStepDone },
    });
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0]!.properties)).toMatchObject({ articleId: tutorial.id, steps: 3 });

    await post(tutorial.slug, cookie, { intent: "step", step: "2", done: "0" });
    page = await (await view(tutorial.slug, cookie)).json();
    expect(page.doneSteps).toEqual([3]);
  });

  it("refuses a step outside the tutorial and asks visitors to sign in", async () => {
    const tutorial = await createArticle({ type: "tutorial", body });
    const { user, cookie } = await signedIn();
    const res = await post(tutorial.slug, cookie, { intent: "step", step: "4", done: "1" });
    expect(res.status).toBe(400);
    expect((await res.json()).result.error.step).toEqual([
      "That step is not part of this tutorial.",
    ]);
    expect(await db.tutorialStepDone.count({ where: { userId: user.id } })).toBe(0);
    const anonymous = await post(tutorial.slug, null, { intent: "step", step: "1", done: "1" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("was this helpful?", () => {
  it("counts one vote per user and article; voting again changes it", async () => {
    const article = await createArticle();
    const a = await signedIn();
    const b = await signedIn();
    const counters = () =>
      db.article.findUniqueOrThrow({
        where: { id: article.id },
        select: { helpfulCount: true, unhelpfulCount: true },
      });

    expect((await post(article.slug, a.cookie, { intent: "vote", helpful: "yes" })).status).toBe(
      200,
    );
    await post(article.slug, a.cookie, { intent: "vote", helpful: "yes" });
    expect(await counters()).toEqual({ helpfulCount: 1, unhelpfulCount: 0 });

    await post(article.slug, a.cookie, {
      intent: "vote",
      helpful: "no",
      comment: "  No screenshots. ",
    });
    expect(await counters()).toEqual({ helpfulCount: 0, unhelpfulCount: 1 });
    await post(article.slug, b.cookie, { intent: "vote", helpful: "yes" });
    expect(await counters()).toEqual({ helpfulCount: 1, unhelpfulCount: 1 });

    const rows = await db.articleFeedback.findMany({ where: { articleId: article.id } });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.userId === a.user.id)).toMatchObject({
      helpful: false,
      comment: "No screenshots.",
      accountId: a.account!.id,
    });
    const page = await (await view(article.slug, a.cookie)).json();
    expect(page.feedback).toEqual({ helpful: false, comment: "No screenshots." });
    const events = await db.event.count({
      where: { userId: a.user.id, type: PORTAL_EVENTS.articleVoted },
    });
    expect(events).toBe(3);
  });

  it("refuses a comment over 1000 characters and keeps the stored vote", async () => {
    const article = await createArticle();
    const { user, cookie } = await signedIn();
    await post(article.slug, cookie, { intent: "vote", helpful: "no", comment: "Too short." });
    const res = await post(article.slug, cookie, {
      intent: "vote",
      helpful: "no",
      comment: "x".repeat(1001),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error.comment).toEqual(["Use at most 1000 characters."]);
    expect(body.result.initialValue.comment).toHaveLength(1001);
    const row = await db.articleFeedback.findUniqueOrThrow({
      where: { articleId_userId: { articleId: article.id, userId: user.id } },
    });
    expect(row.comment).toBe("Too short.");
    const ok = await post(article.slug, cookie, {
      intent: "vote",
      helpful: "no",
      comment: "y".repeat(1000),
    });
    expect(ok.status).toBe(200);
  });

  it("refuses an answer that is neither yes nor no, and visitors must sign in", async () => {
    const article = await createArticle();
    const { cookie } = await signedIn();
    const res = await post(article.slug, cookie, { intent: "vote", helpful: "maybe" });
    expect(res.status).toBe(400);
    expect((await res.json()).result.error.helpful).toEqual(["Choose one of the options."]);
    expect(await db.articleFeedback.count({ where: { articleId: article.id } })).toBe(0);
    const anonymous = await post(article.slug, null, { intent: "vote", helpful: "yes" });
    expect(anonymous.status).toBe(302);
  });

  it("passes the search query on to the support link data", async () => {
    const article = await createArticle();
    const { cookie } = await signedIn();
    const page = await (await view(article.slug, cookie, "?q=export%20csv")).json();
    expect(page.searchQuery).toBe("export csv");
    expect(page.canRequestSupport).toBe(true);
  });
});

describe("view counting", () => {
  const viewCount = async (id: string) =>
    (await db.article.findUniqueOrThrow({ where: { id }, select: { viewCount: true } })).viewCount;

  it("counts a customer once per 30 minutes, with an event for the account", async () => {
    const article = await createArticle();
    const { user, cookie, account } = await signedIn();
    const before = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    await view(article.slug, cookie);
    await view(article.slug, cookie);
    expect(await viewCount(article.id)).toBe(1);
    const events = await db.event.findMany({
      where: { userId: user.id, type: PORTAL_EVENTS.articleViewed },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.accountId).toBe(account!.id);
    expect(JSON.parse(events[0]!.properties)).toEqual({
      articleId: article.id,
      slug: article.slug,
    });
    // A view is not an edit.
    const after = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());

    // 31 minutes later it counts again.
    await db.rateLimit.updateMany({
      where: { key: { startsWith: `kb-view:u:${user.id}:` } },
      data: { windowStart: new Date(Date.now() - 31 * 60 * 1000) },
    });
    await view(article.slug, cookie);
    expect(await viewCount(article.id)).toBe(2);
  });

  it("never counts staff, and counts visitors once per address", async () => {
    const article = await createArticle();
    const staff = await signedIn("cs");
    await view(article.slug, staff.cookie);
    expect(await viewCount(article.id)).toBe(0);
    expect(
      await db.event.count({ where: { type: PORTAL_EVENTS.articleViewed, userId: staff.user.id } }),
    ).toBe(0);
    await view(article.slug, undefined, "", "10.0.0.1");
    await view(article.slug, undefined, "", "10.0.0.1");
    await view(article.slug, undefined, "", "10.0.0.2");
    expect(await viewCount(article.id)).toBe(2);
  });
});
