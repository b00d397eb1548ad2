// Digests built from a known data set: exactly these items, nothing for people with nothing new,
// and one digest per user and period however often the job runs.
import { describe, expect, it } from "vitest";
import { buildDigests, collectDigests, runOnce } from "../../app/commands/digests.server";
import { notify } from "../../app/commands/notify.server";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createArticle,
  createForumCategory,
  createTopic,
  createUser,
} from "../factories";

const DAY = 24 * 60 * 60 * 1000;

async function dataSet() {
  const account = await createAccount({ plan: "team" });
  const reader = await createUser({ accountId: account.id, locale: "en", name: "Reader" });
  const other = await createUser();
  await db.notificationPreference.createMany({
    data: [
      { userId: reader.id, kind: "digest", email: "daily" },
      { userId: reader.id, kind: "like_received", email: "daily" },
    ],
  });
  const forum = await createForumCategory();
  const followed = await createForumCategory();
  const restricted = await createForumCategory({ audiencePlans: ["enterprise"] });

  // Watched topic with two unread replies by others, and one the reader has read to the end.
  const watched = await createTopic({
    categoryId: forum.id,
    authorId: other.id,
    title: "Watched: exporting to CSV",
    replies: [
      { authorId: reader.id, body: "me too" },
      { authorId: other.id, body: "new 1" },
      { authorId: other.id, body: "new 2" },
    ],
  });
  await db.topicRead.create({
    data: { topicId: watched.id, userId: reader.id, lastReadNumber: 2 },
  });
  const readAll = await createTopic({
    categoryId: forum.id,
    authorId: other.id,
    title: "Watched but read",
    replies: [{ authorId: other.id, body: "seen" }],
  });
  await db.topicRead.create({
    data: { topicId: readAll.id, userId: reader.id, lastReadNumber: 2 },
  });
  await db.topicWatch.createMany({
    data: [watched.id, readAll.id].map((topicId) => ({ topicId, userId: reader.id })),
  });

  // Followed categories: a new topic there; a restricted one the reader may not see.
  await db.categoryWatch.createMany({
    data: [followed.id, restricted.id].map((categoryId) => ({ categoryId, userId: reader.id })),
  });
  await createTopic({
    categoryId: followed.id,
    authorId: other.id,
    kind: "discussion",
    title: "New in followed category",
  });
  await createTopic({
    categoryId: restricted.id,
    authorId: other.id,
    kind: "discussion",
    title: "Enterprise only",
  });

  // Articles: two popular new English ones, one Japanese, one for enterprise, one too old.
  await createArticle({ title: "Popular new article", locale: "en" }).then((a) =>
    db.article.update({ where: { id: a.id }, data: { viewCount: 50 } }),
  );
  await createArticle({ title: "Less popular new article", locale: "en" }).then((a) =>
    db.article.update({ where: { id: a.id }, data: { viewCount: 10 } }),
  );
  await createArticle({ title: "日本語の記事", locale: "ja" });
  await createArticle({
    title: "Enterprise article",
    audience: "restricted",
    audiencePlans: ["enterprise"],
  });
  await createArticle({ title: "Old article" }).then((a) =>
    db.article.update({
      where: { id: a.id },
      data: { publishedAt: new Date(Date.now() - 3 * DAY), viewCount: 999 },
    }),
  );

  // Unanswered questions: one in a category the reader posts in, one answered, one their own.
  await createTopic({ categoryId: forum.id, authorId: other.id, title: "Unanswered: SSO setup?" });
  await createTopic({
    categoryId: forum.id,
    authorId: other.id,
    title: "Answered question",
    replies: [{ authorId: other.id, body: "answer" }],
  });
  await createTopic({ categoryId: forum.id, authorId: reader.id, title: "My own question" });

  // A like (the reader gets likes in the daily digest).
  const liked = await notify({
    userId: reader.id,
    kind: "like_received",
    actorId: other.id,
    link: `/community/t/${watched.id}/p/2`,
    params: { topic: watched.title },
    dedupeKey: `like:test:${reader.id}`,
  });
  expect(liked).toEqual({ created: true, emailed: false });

  const idle = await createUser();
  await db.notificationPreference.create({
    data: { userId: idle.id, kind: "digest", email: "never" },
  });
  const nothingNew = await createUser({ locale: "ja" });
  await db.notificationPreference.create({
    data: { userId: nothingNew.id, kind: "digest", email: "weekly" },
  });
  return { reader, idle, nothingNew, watched, other };
}

describe("daily digest", () => {
  it("summarises exactly the reader's unread activity, articles and questions they could answer", async () => {
    const { reader, idle, nothingNew, watched, other } = await dataSet();
    const now = new Date(Date.now() + 1000);
    const { contents } = await collectDigests("daily", now, [
      reader.id,
      idle.id,
      nothingNew.id,
      other.id,
    ]);
    expect(contents.get(reader.id)).toEqual({
      notifications: [
        {
          id: expect.any(String),
          text: `${other.name} liked your post in “Watched: exporting to CSV”`,
          link: `/community/t/${watched.id}/p/2`,
        },
      ],
      watchedTopics: [
        { topicId: watched.id, title: "Watched: exporting to CSV", count: 2, number: 3 },
      ],
      watchedCategories: [{ topicId: expect.any(String), title: "New in followed category" }],
      articles: [
        { slug: expect.any(String), title: "Popular new article" },
        { slug: expect.any(String), title: "Less popular new article" },
      ],
      unanswered: [{ topicId: expect.any(String), title: "Unanswered: SSO setup?" }],
    });
    // Digest turned off, or a weekly reader on a daily run: nothing.
    expect(contents.has(idle.id)).toBe(false);
    expect(contents.has(nothingNew.id)).toBe(false);
  });

  it("queues one digest per user and period, however often it runs, and marks what it carried", async () => {
    const { reader } = await dataSet();
    const now = new Date(Date.now() + 1000);
    const first = await buildDigests("daily", now, { userIds: [reader.id] });
    const second = await buildDigests("daily", now, { userIds: [reader.id] });
    expect(first).toMatchObject({ recipients: 1, queued: 1 });
    expect(second.queued).toBe(0);
    const mails = await db.emailOutbox.findMany({
      where: { userId: reader.id, kind: "digest:daily" },
    });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    // 1 like + 1 watched topic + 1 followed-category topic + 1 question + 3 articles (the cap; the
    // first test's two new articles are new too).
    expect(mail.subject).toBe("[Acme Cloud] Your daily digest: 7 new items");
    expect(mail.text).toContain("Popular new article");
    expect(mail.text).toContain("Watched: exporting to CSV (2 new replies)");
    expect(mail.text).not.toContain("Enterprise");
    expect(mail.html).toContain("<h2");
    expect(JSON.parse(mail.headers)["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // The like went out in this digest: not again tomorrow.
    expect(await db.notification.count({ where: { userId: reader.id, emailedAt: null } })).toBe(0);
  });

  it("sends nothing when there is nothing new", async () => {
    const quiet = await createUser();
    await db.notificationPreference.create({
      data: { userId: quiet.id, kind: "digest", email: "daily" },
    });
    // Long after everything in this file happened.
    const report = await buildDigests("daily", new Date(Date.now() + 10 * DAY), {
      userIds: [quiet.id],
    });
    expect(report).toMatchObject({ recipients: 0, queued: 0 });
  });

  it("runs a period's job once across processes", async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      return { ok: true };
    };
    const results = await Promise.all([
      runOnce("digest:test:1", work),
      runOnce("digest:test:1", work),
    ]);
    expect(runs).toBe(1);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await runOnce("digest:test:1", work)).toBeNull();
  });
});
