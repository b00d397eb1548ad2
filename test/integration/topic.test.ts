import { describe, expect, it } from "vitest";
import { IDEA_STATUS_AUDIT_ACTION } from "../../app/commands/topic-reactions.server";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { FORUM_LIMITS } from "../../app/models/forum-policy";
import { action, loader } from "../../app/routes/community.t.$id";
import { loader as permalinkLoader } from "../../app/routes/community.t.$id.p.$n";
import { topicSource } from "../../app/search/sources/topics.server";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createForumCategory,
  createSessionCookie,
  createTopic,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

type Role = "member" | "account_admin" | "cs" | "admin";

async function signedIn(
  role: Role = "member",
  options: { plan?: string; accountId?: string; suspended?: boolean } = {},
) {
  const staff = role === "cs" || role === "admin";
  const accountId = staff
    ? null
    : (options.accountId ?? (await createAccount({ plan: options.plan ?? "team" })).id);
  const user = await createUser({ role, accountId, locale: "en" });
  if (options.suspended) {
    await db.user.update({
      where: { id: user.id },
      data: { suspendedUntil: new Date(Date.now() + 24 * 60 * 60 * 1000) },
    });
  }
  const { cookie } = await createSessionCookie(user.id);
  return { user, cookie };
}

type PageData = {
  topic: { voteCount: number; ideaStatus: string | null; viewCount: number };
  posts: Array<{
    id: string;
    number: number;
    likeCount: number;
    liked: boolean;
    html: string;
    state: string;
    unread: boolean;
    author: { name: string | null; badge: string | null; accountName: string | null };
    revisions: Array<{ body: string; reason: string; editor: string | null }>;
  }>;
  acceptedPost: { id: string } | null;
  page: number;
  pages: number;
  quote: string | null;
  viewer: { watching: boolean; voted: boolean; canReply: boolean };
};

async function view(topicId: string, cookie?: string, query = "", ip = "127.0.0.1") {
  const response = await runLoader(
    (args) => loader({ ...args, context: { clientIp: ip, cspNonce: "" } }),
    getRequest(`/community/t/${topicId}${query}`, cookie ? { Cookie: cookie } : {}),
    { id: topicId },
  );
  return {
    status: response.status,
    page: response.status === 200 ? ((await response.json()) as PageData) : null,
  };
}

function act(topicId: string, cookie: string | null, fields: Record<string, string>) {
  return runAction(
    action,
    formRequest(`/community/t/${topicId}`, fields, cookie ? { Cookie: cookie } : {}),
    {},
    { id: topicId },
  );
}

let keyCounter = 0;
function reply(topicId: string, cookie: string | null, body: string, submissionKey?: string) {
  keyCounter += 1;
  return act(topicId, cookie, {
    intent: "reply",
    body,
    submissionKey: submissionKey ?? `key-${keyCounter}`,
  });
}

async function events(type: string, accountId: string) {
  return db.event.count({ where: { type, accountId } });
}

describe("replying", () => {
  it("posts a reply once per submission key and sends the author to it", async () => {
    const topic = await createTopic();
    const member = await signedIn();

    const first = await reply(topic.id, member.cookie, "Try turning on **SSO** first.", "abc");
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/community/t/${topic.id}#post-2`);
    // A double submit (same hidden key) creates no second post.
    const again = await reply(topic.id, member.cookie, "Try turning on **SSO** first.", "abc");
    expect(again.status).toBe(302);
    expect(await db.post.count({ where: { topicId: topic.id } })).toBe(2);

    const row = await db.topic.findUniqueOrThrow({ where: { id: topic.id } });
    expect(row.replyCount).toBe(1);
    expect(await events(PORTAL_EVENTS.replyPosted, member.user.accountId!)).toBe(1);
    // A first post gives the user a handle from their e-mail.
    const user = await db.user.findUniqueOrThrow({ where: { id: member.user.id } });
    expect(user.handle).toMatch(/^user_\d+_[0-9a-f]+$/);

    const { page } = await view(topic.id, member.cookie);
    expect(page!.posts.map((p) => p.number)).toEqual([1, 2]);
    expect(page!.posts[1]!.html).toContain("<strong>SSO</strong>");
    expect(page!.viewer.watching).toBe(true);
  });

  it("refuses empty, over-long, locked, hidden and suspended replies and changes nothing", async () => {
    const locked = await createTopic({ locked: true });
    const restricted = await createTopic({
      categoryId: (await createForumCategory({ audiencePlans: ["enterprise"] })).id,
    });
    const open = await createTopic();
    const member = await signedIn();
    const suspended = await signedIn("member", { suspended: true });
    const cs = await signedIn("cs");

    expect((await reply(open.id, member.cookie, " ")).status).toBe(400);
    expect((await reply(open.id, member.cookie, "x".repeat(FORUM_LIMITS.bodyMax + 1))).status).toBe(
      400,
    );
    expect((await reply(locked.id, member.cookie, "Is there news?")).status).toBe(403);
    expect((await reply(restricted.id, member.cookie, "Me too")).status).toBe(404);
    expect((await reply(open.id, suspended.cookie, "Hello there")).status).toBe(403);
    const visitor = await reply(open.id, null, "Hello there");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?/);
    for (const t of [locked, restricted, open]) {
      expect(await db.post.count({ where: { topicId: t.id } })).toBe(1);
    }
    // Staff may still answer in a locked topic.
    expect((await reply(locked.id, cs.cookie, "We are on it.")).status).toBe(302);
  });

  it("records @mentions of existing handles and refuses unknown ones by name", async () => {
    const topic = await createTopic();
    const member = await signedIn();
    const colleague = await signedIn();
    await db.user.update({ where: { id: colleague.user.id }, data: { handle: "hanako" } });

    const ok = await reply(topic.id, member.cookie, "Ask @Hanako, she set it up. `@nobody`");
    expect(ok.status).toBe(302);
    const post = await db.post.findFirstOrThrow({ where: { topicId: topic.id, number: 2 } });
    const mentions = await db.mention.findMany({ where: { postId: post.id } });
    expect(mentions.map((m) => m.userId)).toEqual([colleague.user.id]);

    const bad = await reply(topic.id, member.cookie, "Ping @ghost_writer please");
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("@ghost_writer");
    expect(await db.post.count({ where: { topicId: topic.id } })).toBe(2);
  });

  it("prefills the reply form with a quote of a post", async () => {
    const topic = await createTopic({ body: "Line one\nLine two" });
    const member = await signedIn();
    const { page } = await view(topic.id, member.cookie, "?quote=1");
    expect(page!.quote).toBe("> Line one\n> Line two\n\n");
  });
});

describe("editing", () => {
  it("lets the author edit, keeps history, and refuses other customers", async () => {
    const author = await signedIn();
    const sameAccount = await signedIn("member", { accountId: author.user.accountId! });
    const otherAccount = await signedIn();
    const suspendedAuthor = await signedIn("member", { suspended: true });
    const topic = await createTopic({ authorId: author.user.id, body: "First version" });
    const edit = (cookie: string, body: string, reason = "") =>
      act(topic.id, cookie, { intent: "edit", number: "1", body, reason });

    expect((await edit(sameAccount.cookie, "Hijacked")).status).toBe(403);
    expect((await edit(otherAccount.cookie, "Hijacked")).status).toBe(403);
    const ok = await edit(author.cookie, "Second version", "typo");
    expect(ok.status).toBe(302);
    expect((await edit(author.cookie, "")).status).toBe(400);

    const post = await db.post.findFirstOrThrow({ where: { topicId: topic.id, number: 1 } });
    expect(post.body).toBe("Second version");
    expect(post.editCount).toBe(1);
    const { page } = await view(topic.id, otherAccount.cookie);
    expect(page!.posts[0]!.revisions).toEqual([
      expect.objectContaining({ body: "First version", reason: "typo", editor: author.user.name }),
    ]);

    const theirs = await createTopic({ authorId: suspendedAuthor.user.id });
    const blocked = await act(theirs.id, suspendedAuthor.cookie, {
      intent: "edit",
      number: "1",
      body: "Changed",
    });
    expect(blocked.status).toBe(403);
  });

  it("requires staff to give a reason when editing someone else's post", async () => {
    const topic = await createTopic({ body: "Call me at 555-0100" });
    for (const role of ["cs", "admin"] as const) {
      const staff = await signedIn(role);
      const noReason = await act(topic.id, staff.cookie, {
        intent: "edit",
        number: "1",
        body: `Removed by ${role}`,
      });
      expect(noReason.status).toBe(400);
      const withReason = await act(topic.id, staff.cookie, {
        intent: "edit",
        number: "1",
        body: `Removed by ${role}`,
        reason: "personal data",
      });
      expect(withReason.status).toBe(302);
    }
    const revisions = await db.postRevision.findMany({
      orderBy: { number: "asc" },
      where: { post: { topicId: topic.id } },
    });
    expect(revisions.map((r) => [r.body, r.reason])).toEqual([
      ["Call me at 555-0100", "personal data"],
      ["Removed by cs", "personal data"],
    ]);
  });
});

describe("likes", () => {
  it("counts one like per user, never one's own, with events for both accounts", async () => {
    const author = await signedIn();
    const liker = await signedIn();
    const suspended = await signedIn("member", { suspended: true });
    const topic = await createTopic({ authorId: author.user.id });
    const postId = topic.posts[0]!.id;

    expect((await act(topic.id, author.cookie, { intent: "like", postId })).status).toBe(403);
    expect((await act(topic.id, suspended.cookie, { intent: "like", postId })).status).toBe(403);
    expect((await act(topic.id, liker.cookie, { intent: "like", postId })).status).toBe(200);
    expect((await act(topic.id, liker.cookie, { intent: "like", postId })).status).toBe(409);

    const { page } = await view(topic.id, liker.cookie);
    expect(page!.posts[0]).toMatchObject({ likeCount: 1, liked: true });
    expect(await events(PORTAL_EVENTS.postLiked, liker.user.accountId!)).toBe(1);
    expect(await events(PORTAL_EVENTS.likeReceived, author.user.accountId!)).toBe(1);

    expect((await act(topic.id, liker.cookie, { intent: "unlike", postId })).status).toBe(200);
    expect((await act(topic.id, liker.cookie, { intent: "unlike", postId })).status).toBe(409);
    const post = await db.post.findUniqueOrThrow({ where: { id: postId } });
    expect(post.likeCount).toBe(0);

    // A post of another topic cannot be liked through this one.
    const other = await createTopic();
    const wrong = await act(topic.id, liker.cookie, { intent: "like", postId: other.posts[0]!.id });
    expect(wrong.status).toBe(404);
  });
});

describe("accepting an answer", () => {
  it("lets the asker or staff accept a visible reply of this question only", async () => {
    const asker = await signedIn();
    const answerer = await signedIn();
    const otherMember = await signedIn("member", { accountId: asker.user.accountId! });
    const cs = await signedIn("cs");
    const topic = await createTopic({
      authorId: asker.user.id,
      replies: [
        { authorId: answerer.user.id, body: "Use the API key page." },
        { authorId: otherMember.user.id, body: "Same problem here." },
      ],
    });
    // The factory leaves reply accounts empty; answers count for the answerer's account.
    await db.post.updateMany({
      where: { topicId: topic.id, authorId: answerer.user.id },
      data: { accountId: answerer.user.accountId },
    });
    const [question, answer, metoo] = topic.posts;
    const elsewhere = await createTopic({ authorId: asker.user.id });

    expect(
      (await act(topic.id, otherMember.cookie, { intent: "accept", postId: answer!.id })).status,
    ).toBe(403);
    expect(
      (await act(topic.id, answerer.cookie, { intent: "accept", postId: answer!.id })).status,
    ).toBe(403);
    expect(
      (await act(topic.id, asker.cookie, { intent: "accept", postId: question!.id })).status,
    ).toBe(422);
    expect(
      (await act(topic.id, asker.cookie, { intent: "accept", postId: elsewhere.posts[0]!.id }))
        .status,
    ).toBe(422);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).acceptedPostId).toBe(
      null,
    );

    expect(
      (await act(topic.id, asker.cookie, { intent: "accept", postId: answer!.id })).status,
    ).toBe(200);
    expect(await events(PORTAL_EVENTS.answerAccepted, answerer.user.accountId!)).toBe(1);
    const { page } = await view(topic.id, otherMember.cookie);
    expect(page!.acceptedPost?.id).toBe(answer!.id);

    // CS may change it; unaccepting twice says there is nothing to undo.
    expect((await act(topic.id, cs.cookie, { intent: "accept", postId: metoo!.id })).status).toBe(
      200,
    );
    expect((await act(topic.id, cs.cookie, { intent: "unaccept" })).status).toBe(200);
    expect((await act(topic.id, cs.cookie, { intent: "unaccept" })).status).toBe(409);

    const discussion = await createTopic({
      authorId: asker.user.id,
      kind: "discussion",
      replies: [{ authorId: answerer.user.id, body: "Nice." }],
    });
    const onDiscussion = await act(discussion.id, asker.cookie, {
      intent: "accept",
      postId: discussion.posts[1]!.id,
    });
    expect(onDiscussion.status).toBe(422);
  });
});

describe("ideas", () => {
  it("takes one vote per customer and a status from staff only", async () => {
    const author = await signedIn();
    const voter = await signedIn();
    const cs = await signedIn("cs");
    const idea = await createTopic({ authorId: author.user.id, kind: "idea" });
    const question = await createTopic();

    expect((await act(idea.id, author.cookie, { intent: "vote" })).status).toBe(403);
    expect((await act(idea.id, voter.cookie, { intent: "vote" })).status).toBe(200);
    expect((await act(idea.id, voter.cookie, { intent: "vote" })).status).toBe(409);
    expect((await act(question.id, voter.cookie, { intent: "vote" })).status).toBe(422);
    expect(await events(PORTAL_EVENTS.ideaVoted, voter.user.accountId!)).toBe(1);
    let { page } = await view(idea.id, voter.cookie);
    expect(page!.topic.voteCount).toBe(1);
    expect(page!.viewer.voted).toBe(true);

    expect((await act(idea.id, voter.cookie, { intent: "status", status: "planned" })).status).toBe(
      403,
    );
    expect((await act(idea.id, cs.cookie, { intent: "status", status: "someday" })).status).toBe(
      400,
    );
    expect((await act(idea.id, cs.cookie, { intent: "status", status: "planned" })).status).toBe(
      200,
    );
    ({ page } = await view(idea.id, voter.cookie));
    expect(page!.topic.ideaStatus).toBe("planned");
    // Every status change is on record (and setting the same status again is not a change).
    await act(idea.id, cs.cookie, { intent: "status", status: "planned" });
    const audits = await db.auditLog.findMany({
      where: { action: IDEA_STATUS_AUDIT_ACTION, targetId: idea.id },
    });
    expect(audits.map((a) => [a.actorId, JSON.parse(a.data)])).toEqual([
      [cs.user.id, { from: null, to: "planned" }],
    ]);

    expect((await act(idea.id, voter.cookie, { intent: "unvote" })).status).toBe(200);
    expect((await act(idea.id, voter.cookie, { intent: "unvote" })).status).toBe(409);
    expect((await db.topic.findUniqueOrThrow({ where: { id: idea.id } })).voteCount).toBe(0);
  });
});

describe("the topic page", () => {
  it("shows held and hidden posts only to those allowed, with staff badges and chosen account names", async () => {
    const author = await signedIn();
    const other = await signedIn();
    const cs = await signedIn("cs");
    const account = await db.account.findUniqueOrThrow({ where: { id: author.user.accountId! } });
    await db.user.update({ where: { id: author.user.id }, data: { showAccountName: true } });
    const topic = await createTopic({
      replies: [
        { authorId: author.user.id, body: "Pending reply" },
        { authorId: other.user.id, body: "Hidden reply" },
        { authorId: cs.user.id, body: "Staff reply" },
      ],
    });
    await db.post.update({ where: { id: topic.posts[1]!.id }, data: { state: "pending" } });
    await db.post.update({ where: { id: topic.posts[2]!.id }, data: { state: "hidden" } });

    const numbers = async (cookie?: string) =>
      (await view(topic.id, cookie)).page!.posts.map((p) => p.number);
    expect(await numbers()).toEqual([1, 4]);
    expect(await numbers(other.cookie)).toEqual([1, 4]);
    expect(await numbers(author.cookie)).toEqual([1, 2, 4]);
    expect(await numbers(cs.cookie)).toEqual([1, 2, 3, 4]);

    const { page } = await view(topic.id, cs.cookie);
    expect(page!.posts[1]!.author.accountName).toBe(account.name);
    expect(page!.posts[3]!.author).toMatchObject({ badge: "cs", accountName: null });
    expect(page!.posts[0]!.author.badge).toBe(null);
    // The opening post's author did not allow their account name.
    expect(page!.posts[0]!.author.accountName).toBe(null);
  });

  it("answers 404 for topics the viewer may not see", async () => {
    const restricted = await createTopic({
      categoryId: (await createForumCategory({ audiencePlans: ["enterprise"] })).id,
    });
    const hidden = await createTopic({ state: "hidden" });
    const team = await signedIn("member", { plan: "team" });
    const enterprise = await signedIn("member", { plan: "enterprise" });
    const admin = await signedIn("admin");
    expect((await view(restricted.id)).status).toBe(404);
    expect((await view(restricted.id, team.cookie)).status).toBe(404);
    expect((await view(restricted.id, enterprise.cookie)).status).toBe(200);
    expect((await view(hidden.id, team.cookie)).status).toBe(404);
    expect((await view(hidden.id, admin.cookie)).status).toBe(200);
    expect((await act(hidden.id, team.cookie, { intent: "watch" })).status).toBe(404);
    expect((await view("no-such-topic")).status).toBe(404);
  });

  it("counts a view once per window, remembers the read position and watches on request", async () => {
    const topic = await createTopic({
      replies: [{ authorId: (await createUser()).id, body: "A" }],
    });
    const member = await signedIn();
    await view(topic.id, member.cookie);
    await view(topic.id, member.cookie);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).viewCount).toBe(1);
    const read = await db.topicRead.findUniqueOrThrow({
      where: { topicId_userId: { topicId: topic.id, userId: member.user.id } },
    });
    expect(read.lastReadNumber).toBe(2);

    await db.post.create({ data: { topicId: topic.id, number: 3, body: "New one" } });
    const { page } = await view(topic.id, member.cookie);
    expect(page!.posts.map((p) => p.unread)).toEqual([false, false, true]);

    expect((await act(topic.id, member.cookie, { intent: "watch" })).status).toBe(200);
    expect((await view(topic.id, member.cookie)).page!.viewer.watching).toBe(true);
    expect((await act(topic.id, member.cookie, { intent: "unwatch" })).status).toBe(200);
    expect((await view(topic.id, member.cookie)).page!.viewer.watching).toBe(false);
  });

  it("pages a 1,000-post topic and sends post permalinks to the right page", async () => {
    const author = await createUser();
    const topic = await createTopic({ authorId: author.id });
    const TOTAL = 1_000;
    await db.post.createMany({
      data: Array.from({ length: TOTAL - 1 }, (_, i) => ({
        topicId: topic.id,
        authorId: author.id,
        number: i + 2,
        body: `Reply number ${i + 2}`,
      })),
    });
    // One hidden post early on shifts everyone after it by one for customers.
    await db.post.update({
      where: { topicId_number: { topicId: topic.id, number: 5 } },
      data: { state: "hidden" },
    });
    const member = await signedIn();

    const started = performance.now();
    const { page } = await view(topic.id, member.cookie, "?page=20");
    const took = performance.now() - started;
    const pageSize = FORUM_LIMITS.pageSize;
    expect(page!.pages).toBe(Math.ceil((TOTAL - 1) / pageSize));
    expect(page!.posts).toHaveLength(pageSize);
    expect(page!.posts[0]!.number).toBe(19 * pageSize + 2);
    expect(page!.posts[0]!.html).toContain(`Reply number ${19 * pageSize + 2}`);
    expect(took).toBeLessThan(2_000);

    const link = await runLoader(
      permalinkLoader,
      getRequest(`/community/t/${topic.id}/p/1000`, { Cookie: member.cookie }),
      { id: topic.id, n: "1000" },
    );
    expect(link.status).toBe(302);
    expect(link.headers.get("Location")).toBe(`/community/t/${topic.id}?page=34#post-1000`);

    const hiddenLink = await runLoader(
      permalinkLoader,
      getRequest(`/community/t/${topic.id}/p/5`, { Cookie: member.cookie }),
      { id: topic.id, n: "5" },
    );
    expect(hiddenLink.status).toBe(404);
    expect((await view(topic.id, member.cookie, "?page=999")).status).toBe(404);
    expect((await view(topic.id, member.cookie, "?page=abc")).status).toBe(404);
  });
});

describe("topic meta description", () => {
  it("describes every page of a topic by the start of its opening post, as plain text", async () => {
    const author = await createUser();
    const opening =
      "**Exports** fail with [error 42](https://acme.example/e42) after the upgrade. " +
      "The nightly report stops at 80 percent and the log says the storage quota is full, " +
      "although the dashboard shows plenty of space left for our whole team.";
    const topic = await createTopic({
      authorId: author.id,
      body: opening,
      replies: Array.from({ length: FORUM_LIMITS.pageSize }, (_, i) => ({
        authorId: author.id,
        body: `Reply ${i + 2}`,
      })),
    });
    const first = (await view(topic.id)).page as PageData & { description: string };
    const second = (await view(topic.id, undefined, "?page=2")).page as PageData & {
      description: string;
    };
    expect(first.description).toMatch(
      /^Exports fail with error 42 after the upgrade\. The nightly/,
    );
    expect(first.description).not.toMatch(/[*[\]()]/);
    expect(first.description.length).toBeLessThanOrEqual(161);
    expect(first.description.endsWith("…")).toBe(true);
    expect(second.page).toBe(2);
    expect(second.description).toBe(first.description);
  });
});

describe("topics in search", () => {
  it("indexes visible topics with their accepted answer and the category's plans", async () => {
    const asker = await signedIn();
    const answerer = await createUser();
    const category = await createForumCategory({ audiencePlans: ["enterprise"] });
    const topic = await createTopic({
      authorId: asker.user.id,
      categoryId: category.id,
      body: "How do I **rotate** the API key?",
      replies: [{ authorId: answerer.id, body: "Open *Settings → Keys* and rotate." }],
    });
    const hidden = await createTopic({ state: "hidden" });
    await db.topic.update({
      where: { id: topic.id },
      data: { acceptedPostId: topic.posts[1]!.id },
    });
    const changes = await db.searchChange.count({
      where: { docType: "topic", sourceId: topic.id },
    });

    const docs = await topicSource.documents([topic.id, hidden.id]);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      id: `topic:${topic.id}`,
      url: `/community/t/${topic.id}`,
      body: "How do I rotate the API key?",
      hasAcceptedAnswer: true,
      audience: "restricted",
      plans: ["enterprise"],
    });
    expect(docs[0]!.extra).toContain("Settings → Keys");

    // Commands that change searchable signals tell the index.
    await db.user.update({
      where: { id: asker.user.id },
      data: { accountId: asker.user.accountId },
    });
    await db.account.update({ where: { id: asker.user.accountId! }, data: { plan: "enterprise" } });
    const liker = await signedIn("member", { plan: "enterprise" });
    await act(topic.id, liker.cookie, { intent: "like", postId: topic.posts[1]!.id });
    expect(
      await db.searchChange.count({ where: { docType: "topic", sourceId: topic.id } }),
    ).toBeGreaterThan(changes);
  });
});
