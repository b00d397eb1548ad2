import { describe, expect, it } from "vitest";
import {
  forgetPinnedTopics,
  getTopicList,
  loadForumViewer,
  type ListFilters,
} from "../../app/models/community-list.server";
import { FORUM_LIMITS } from "../../app/models/forum-policy";
import { loader } from "../../app/routes/community._index";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createForumCategory,
  createSessionCookie,
  createTopic,
  createUser,
} from "../factories";
import { getRequest, runLoader } from "../helpers";

const HOUR_MS = 60 * 60 * 1000;

/** Sets the counters and times the lists sort by, as replies and views would have. */
async function setTopic(
  id: string,
  data: Partial<{
    lastPostedAt: Date;
    replyCount: number;
    viewCount: number;
    pinned: boolean;
    acceptedAt: Date;
    ideaStatus: string;
  }>,
) {
  await db.topic.update({ where: { id }, data });
}

async function accept(topicId: string, at: Date) {
  const reply = await db.post.findFirstOrThrow({ where: { topicId, number: 2 } });
  await db.topic.update({
    where: { id: topicId },
    data: { acceptedPostId: reply.id, acceptedAt: at },
  });
}

async function member(plan = "team") {
  const account = await createAccount({ plan });
  const user = await createUser({ accountId: account.id });
  return { user, viewer: await loadForumViewer({ ...user, account: null }) };
}

function titles(list: { rows: Array<{ title: string }> }) {
  return list.rows.map((r) => r.title);
}

async function listOf(
  viewer: Awaited<ReturnType<typeof loadForumViewer>>,
  filters: Omit<ListFilters, "tab"> & { tab?: ListFilters["tab"] },
) {
  return getTopicList(viewer, { tab: "latest", ...filters });
}

describe("community lists: who sees what", () => {
  it("shows restricted categories only to their plans and staff, never hidden topics, and held topics only to their author", async () => {
    const open = await createForumCategory();
    const enterprise = await createForumCategory({ audiencePlans: ["enterprise"] });
    const { user: author, viewer: authorViewer } = await member();
    const { viewer: other } = await member();
    const { viewer: big } = await member("enterprise");
    const staffUser = await createUser({ role: "cs" });
    const staff = await loadForumViewer({ ...staffUser, account: null });

    await createTopic({
      categoryId: open.id,
      authorId: author.id,
      title: "Visible to everyone here",
    });
    await createTopic({
      categoryId: open.id,
      authorId: author.id,
      title: "Held for review",
      state: "pending",
    });
    await createTopic({
      categoryId: open.id,
      authorId: author.id,
      title: "Hidden by a moderator",
      state: "hidden",
    });
    await createTopic({ categoryId: enterprise.id, title: "Enterprise only topic" });

    expect(titles(await listOf(null, { categorySlug: open.slug }))).toEqual([
      "Visible to everyone here",
    ]);
    expect(titles(await listOf(other, { categorySlug: open.slug }))).toEqual([
      "Visible to everyone here",
    ]);
    expect(titles(await listOf(authorViewer, { categorySlug: open.slug }))).toEqual([
      "Held for review",
      "Visible to everyone here",
    ]);

    // A team-plan customer neither sees the enterprise category nor can filter by it.
    const forTeam = await listOf(other, { categorySlug: enterprise.slug });
    expect(forTeam.unknownFilter).toBe(true);
    expect(forTeam.rows).toEqual([]);
    expect(forTeam.categories.map((c) => c.slug)).not.toContain(enterprise.slug);
    expect(titles(await listOf(null, {}))).not.toContain("Enterprise only topic");

    expect(titles(await listOf(big, { categorySlug: enterprise.slug }))).toEqual([
      "Enterprise only topic",
    ]);
    const forStaff = await listOf(staff, { categorySlug: enterprise.slug });
    expect(titles(forStaff)).toEqual(["Enterprise only topic"]);
    expect(forStaff.category?.restricted).toBe(true);
  });

  it("serves the page to visitors with public categories only, and falls back on bad parameters", async () => {
    const open = await createForumCategory({ nameEn: "Open forum" });
    const hiddenCategory = await createForumCategory({ audiencePlans: ["enterprise"] });
    await createTopic({ categoryId: open.id, title: "A public question for visitors" });
    const res = await runLoader(
      loader,
      getRequest(`/community?tab=nonsense&page=-4&kind=poem&category=${open.slug}`),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.filters).toMatchObject({ tab: "latest", page: 1, kind: null, category: open.slug });
    expect(body.rows.map((r: { title: string }) => r.title)).toEqual([
      "A public question for visitors",
    ]);
    expect(body.rows[0].unread).toBe(false);
    const slugs = body.categories.map((c: { slug: string }) => c.slug);
    expect(slugs).toContain(open.slug);
    expect(slugs).not.toContain(hiddenCategory.slug);
  });
});

describe("community lists: tabs, filters and paging", () => {
  it("latest: pinned first, then by last activity", async () => {
    const category = await createForumCategory();
    const now = Date.now();
    const old = await createTopic({ categoryId: category.id, title: "Old but pinned topic" });
    const recent = await createTopic({ categoryId: category.id, title: "Most recent activity" });
    const middle = await createTopic({ categoryId: category.id, title: "Activity an hour ago" });
    await setTopic(old.id, { lastPostedAt: new Date(now - 10 * HOUR_MS), pinned: true });
    forgetPinnedTopics();
    await setTopic(recent.id, { lastPostedAt: new Date(now) });
    await setTopic(middle.id, { lastPostedAt: new Date(now - HOUR_MS) });
    expect(titles(await listOf(null, { categorySlug: category.slug }))).toEqual([
      "Old but pinned topic",
      "Most recent activity",
      "Activity an hour ago",
    ]);
  });

  it("top ranks replies + likes + views within the period", async () => {
    const category = await createForumCategory();
    const replier = await createUser();
    const now = Date.now();
    const viewed = await createTopic({ categoryId: category.id, title: "Many views topic" });
    const liked = await createTopic({
      categoryId: category.id,
      title: "Well liked answer topic",
      replies: [{ authorId: replier.id, body: "This works." }],
    });
    const ancient = await createTopic({ categoryId: category.id, title: "Popular long ago" });
    await setTopic(viewed.id, { viewCount: 40, lastPostedAt: new Date(now - HOUR_MS) });
    await setTopic(liked.id, { viewCount: 10, lastPostedAt: new Date(now) });
    await db.post.updateMany({ where: { topicId: liked.id, number: 2 }, data: { likeCount: 45 } });
    await setTopic(ancient.id, { viewCount: 999, lastPostedAt: new Date(now - 60 * 24 * HOUR_MS) });
    const list = await listOf(null, { tab: "top", period: "month", categorySlug: category.slug });
    expect(titles(list)).toEqual(["Well liked answer topic", "Many views topic"]);
    const year = await listOf(null, { tab: "top", period: "year", categorySlug: category.slug });
    expect(titles(year)[0]).toBe("Popular long ago");
  });

  it("unanswered lists open questions with the fewest replies first; solved lists accepted ones", async () => {
    const category = await createForumCategory();
    const helper = await createUser();
    const reply = { authorId: helper.id, body: "Try this." };
    await createTopic({
      categoryId: category.id,
      title: "Question with two replies",
      replies: [reply, reply],
    });
    await createTopic({ categoryId: category.id, title: "Question nobody answered" });
    await createTopic({
      categoryId: category.id,
      kind: "discussion",
      title: "A discussion, not a question",
    });
    const solvedEarly = await createTopic({
      categoryId: category.id,
      title: "Solved first question",
      replies: [reply],
    });
    const solvedLate = await createTopic({
      categoryId: category.id,
      title: "Solved later question",
      replies: [reply],
    });
    await accept(solvedEarly.id, new Date(Date.now() - HOUR_MS));
    await accept(solvedLate.id, new Date());

    const unanswered = await listOf(null, { tab: "unanswered", categorySlug: category.slug });
    expect(titles(unanswered)).toEqual(["Question nobody answered", "Question with two replies"]);
    const solved = await listOf(null, { tab: "solved", categorySlug: category.slug });
    expect(titles(solved)).toEqual(["Solved later question", "Solved first question"]);
    expect(solved.rows.every((r) => r.solved)).toBe(true);
  });

  it("filters by kind, locale and tag, and 'my topics' holds only the viewer's", async () => {
    const category = await createForumCategory();
    const { user: me, viewer } = await member();
    const idea = await createTopic({
      categoryId: category.id,
      authorId: me.id,
      kind: "idea",
      title: "Idea: dark mode please",
    });
    await createTopic({
      categoryId: category.id,
      kind: "question",
      locale: "ja",
      title: "請求書をダウンロードするには？",
    });
    const tagged = await createTopic({
      categoryId: category.id,
      title: "Question about billing export",
    });
    const tag = await db.tag.create({ data: { slug: "billing-export-test", name: "Billing" } });
    await db.topicTag.create({ data: { topicId: tagged.id, tagId: tag.id } });
    await setTopic(idea.id, { ideaStatus: "planned" });

    const ideas = await listOf(null, { kind: "idea", categorySlug: category.slug });
    expect(titles(ideas)).toEqual(["Idea: dark mode please"]);
    expect(ideas.rows[0]!.ideaStatus).toBe("planned");
    expect(titles(await listOf(null, { locale: "ja", categorySlug: category.slug }))).toEqual([
      "請求書をダウンロードするには？",
    ]);
    const byTag = await listOf(null, { tagSlug: tag.slug });
    expect(titles(byTag)).toEqual(["Question about billing export"]);
    expect(byTag.rows[0]!.tags).toEqual([{ slug: tag.slug, name: "Billing" }]);
    expect((await listOf(null, { tagSlug: "no-such-tag" })).unknownFilter).toBe(true);

    expect(titles(await listOf(viewer, { tab: "mine" }))).toEqual(["Idea: dark mode please"]);
    expect((await listOf(null, { tab: "mine" })).rows).toEqual([]);
  });

  it("pages through topics in listPageSize steps", async () => {
    const category = await createForumCategory();
    const total = FORUM_LIMITS.listPageSize + 2;
    const base = Date.now();
    const authorId = (await createUser()).id;
    for (let i = 0; i < total; i += 1) {
      const topic = await createTopic({
        categoryId: category.id,
        authorId,
        title: `Paged topic number ${i}`,
      });
      await setTopic(topic.id, { lastPostedAt: new Date(base - i * 1000) });
    }
    const first = await listOf(null, { categorySlug: category.slug });
    expect(first.rows).toHaveLength(FORUM_LIMITS.listPageSize);
    expect(first.hasNext).toBe(true);
    expect(first.rows[0]!.title).toBe("Paged topic number 0");
    const second = await listOf(null, { categorySlug: category.slug, page: 2 });
    expect(titles(second)).toEqual([
      `Paged topic number ${total - 2}`,
      `Paged topic number ${total - 1}`,
    ]);
    expect(second.hasNext).toBe(false);
  });
});

describe("community lists: unread markers", () => {
  it("marks never-read topics and topics with replies since the last read, for signed-in users only", async () => {
    const category = await createForumCategory();
    const { user, viewer } = await member();
    const helper = await createUser();
    const reply = { authorId: helper.id, body: "Answer" };
    const readAll = await createTopic({
      categoryId: category.id,
      title: "Read to the end",
      replies: [reply],
    });
    const newReply = await createTopic({
      categoryId: category.id,
      title: "Has a new reply",
      replies: [reply, reply],
    });
    await createTopic({ categoryId: category.id, title: "Never opened topic" });
    await db.topicRead.createMany({
      data: [
        { topicId: readAll.id, userId: user.id, lastReadNumber: 2 },
        { topicId: newReply.id, userId: user.id, lastReadNumber: 2 },
      ],
    });
    const list = await listOf(viewer, { categorySlug: category.slug });
    const unread = Object.fromEntries(list.rows.map((r) => [r.title, r.unread]));
    expect(unread).toEqual({
      "Read to the end": false,
      "Has a new reply": true,
      "Never opened topic": true,
    });
    const anonymous = await listOf(null, { categorySlug: category.slug });
    expect(anonymous.rows.some((r) => r.unread)).toBe(false);

    const { cookie } = await createSessionCookie(user.id);
    const page = await runLoader(
      loader,
      getRequest(`/community?category=${category.slug}`, { Cookie: cookie }),
    );
    const body = await page.json();
    expect(body.rows.filter((r: { unread: boolean }) => r.unread)).toHaveLength(2);
  });
});
