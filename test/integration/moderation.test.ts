import { describe, expect, it } from "vitest";
import { FLAG_HIDE_THRESHOLD, MODERATION_AUDIT } from "../../app/models/moderation-policy";
import {
  action as moderationAction,
  loader as moderationLoader,
} from "../../app/routes/admin.moderation";
import { loader as flaggedLoader } from "../../app/routes/admin.moderation._index";
import { loader as auditLoader } from "../../app/routes/admin.moderation.audit";
import { loader as hiddenLoader } from "../../app/routes/admin.moderation.hidden";
import { loader as pendingLoader } from "../../app/routes/admin.moderation.pending";
import { loader as suspendedLoader } from "../../app/routes/admin.moderation.suspended";
import { action as topicAction, loader as topicLoader } from "../../app/routes/community.t.$id";
import { loader as permalinkLoader } from "../../app/routes/community.t.$id.p.$n";
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
const DAY_MS = 24 * 60 * 60 * 1000;

async function signedIn(
  role: Role = "member",
  options: { suspended?: boolean; plan?: string } = {},
) {
  const staff = role === "cs" || role === "admin";
  const accountId = staff ? null : (await createAccount({ plan: options.plan ?? "team" })).id;
  const user = await createUser({ role, accountId, locale: "en" });
  if (options.suspended) {
    await db.user.update({
      where: { id: user.id },
      data: { suspendedUntil: new Date(Date.now() + DAY_MS), suspensionReason: "Spam" },
    });
  }
  const { cookie } = await createSessionCookie(user.id);
  return { user, cookie };
}

type Answer = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

async function moderate(cookie: string, fields: Record<string, string>) {
  const res = await runAction(
    moderationAction,
    formRequest("/admin/moderation", fields, { Cookie: cookie }),
  );
  const body = res.headers.get("Content-Type")?.includes("json")
    ? ((await res.json()) as Answer)
    : null;
  return { status: res.status, body };
}

async function flag(topicId: string, cookie: string, postId: string, reason = "spam", note = "") {
  const res = await runAction(
    topicAction,
    formRequest(
      `/community/t/${topicId}`,
      { intent: "flag", postId, reason, note },
      { Cookie: cookie },
    ),
    {},
    { id: topicId },
  );
  const body = (await res.json()) as { error?: string; flagged?: string };
  return { status: res.status, body };
}

async function viewTopic(topicId: string, cookie?: string) {
  const res = await runLoader(
    topicLoader,
    getRequest(`/community/t/${topicId}`, cookie ? { Cookie: cookie } : {}),
    { id: topicId },
  );
  if (res.status !== 200)
    return { status: res.status, location: res.headers.get("Location"), page: null };
  const page = (await res.json()) as {
    posts: Array<{
      id: string;
      number: number;
      canFlag: boolean;
      flagged: boolean;
      state: string;
      openFlags: number;
    }>;
    moderation: { categories: Array<{ id: string }> } | null;
  };
  return { status: 200, location: null, page };
}

async function auditActions(targetId: string) {
  const rows = await db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.action);
}

async function topicWithReply() {
  const author = await signedIn();
  const replier = await signedIn();
  const topic = await createTopic({
    authorId: author.user.id,
    replies: [{ authorId: replier.user.id, body: "Buy cheap watches at spam.example" }],
  });
  return { topic, author, replier, reply: topic.posts[1]!, opening: topic.posts[0]! };
}

describe("flagging a post", () => {
  it("takes one flag per person and post, with a reason and a note", async () => {
    const { topic, reply } = await topicWithReply();
    const reporter = await signedIn();
    const first = await flag(topic.id, reporter.cookie, reply.id, "off_topic", "Not about SSO");
    expect(first.status).toBe(200);
    expect(first.body.flagged).toBe("open");
    const again = await flag(topic.id, reporter.cookie, reply.id, "spam");
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("You already flagged this post. A moderator will look at it.");
    const flags = await db.flag.findMany({ where: { postId: reply.id } });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ reason: "off_topic", note: "Not about SSO", status: "open" });
    // The page remembers it and offers no second flag.
    const { page } = await viewTopic(topic.id, reporter.cookie);
    expect(page!.posts[1]).toMatchObject({ flagged: true });
  });

  it("refuses own posts, suspended users, visitors, bad reasons and unknown posts", async () => {
    const { topic, reply, replier, author } = await topicWithReply();
    const suspended = await signedIn("member", { suspended: true });
    expect((await flag(topic.id, replier.cookie, reply.id)).status).toBe(403);
    const banned = await flag(topic.id, suspended.cookie, reply.id);
    expect(banned.status).toBe(403);
    expect(banned.body.error).toMatch(/suspended/);
    const badReason = await flag(topic.id, author.cookie, reply.id, "boring");
    expect(badReason.status).toBe(400);
    expect(badReason.body.error).toBe("Choose why you flag this post.");
    expect((await flag(topic.id, author.cookie, "no-such-post")).status).toBe(404);
    const long = await flag(topic.id, author.cookie, reply.id, "other", "x".repeat(501));
    expect(long.status).toBe(400);
    const visitor = await runAction(
      topicAction,
      formRequest(`/community/t/${topic.id}`, { intent: "flag", postId: reply.id, reason: "spam" }),
      {},
      { id: topic.id },
    );
    expect(visitor.status).toBe(302);
    expect(await db.flag.count({ where: { postId: reply.id } })).toBe(0);
    // The control is offered only where it works.
    const own = await viewTopic(topic.id, replier.cookie);
    expect(own.page!.posts[1]!.canFlag).toBe(false);
    const other = await viewTopic(topic.id, author.cookie);
    expect(other.page!.posts[1]!.canFlag).toBe(true);
    expect((await viewTopic(topic.id)).page!.posts[1]!.canFlag).toBe(false);
  });

  it(`hides a post automatically at ${FLAG_HIDE_THRESHOLD} flags from different people`, async () => {
    const { topic, reply } = await topicWithReply();
    const reader = await signedIn();
    for (let i = 1; i <= FLAG_HIDE_THRESHOLD; i += 1) {
      const reporter = await signedIn();
      const res = await flag(topic.id, reporter.cookie, reply.id);
      expect(res.body.flagged).toBe(i < FLAG_HIDE_THRESHOLD ? "open" : "hidden");
    }
    const post = await db.post.findUniqueOrThrow({ where: { id: reply.id } });
    expect(post.state).toBe("hidden");
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).replyCount).toBe(0);
    expect((await viewTopic(topic.id, reader.cookie)).page!.posts.map((p) => p.number)).toEqual([
      1,
    ]);
    const entry = await db.auditLog.findFirstOrThrow({ where: { targetId: reply.id } });
    expect(entry).toMatchObject({ action: MODERATION_AUDIT.postAutoHidden, actorId: null });

    // The moderator dismisses the flags: the post comes back.
    const cs = await signedIn("cs");
    const dismissed = await moderate(cs.cookie, {
      intent: "dismiss",
      postId: reply.id,
      reason: "Fine",
    });
    expect(dismissed.body).toMatchObject({ ok: true });
    expect(dismissed.body!.message).toMatch(/visible again/);
    expect((await db.post.findUniqueOrThrow({ where: { id: reply.id } })).state).toBe("visible");
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).replyCount).toBe(1);
    expect(await db.flag.count({ where: { postId: reply.id, status: "dismissed" } })).toBe(
      FLAG_HIDE_THRESHOLD,
    );
    // A second click finds nothing to dismiss.
    expect((await moderate(cs.cookie, { intent: "dismiss", postId: reply.id })).status).toBe(409);
  });

  it("hiding the opening post by flags hides the whole topic", async () => {
    const { topic, opening } = await topicWithReply();
    for (let i = 0; i < FLAG_HIDE_THRESHOLD; i += 1) {
      await flag(topic.id, (await signedIn()).cookie, opening.id, "spam");
    }
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).state).toBe("hidden");
    expect((await viewTopic(topic.id, (await signedIn()).cookie)).status).toBe(404);
    const change = await db.searchChange.findFirst({
      where: { sourceId: topic.id },
      orderBy: { id: "desc" },
    });
    expect(change).not.toBeNull();
  });
});

describe("the moderation console", () => {
  const loaders = [
    ["/admin/moderation", moderationLoader],
    ["/admin/moderation", flaggedLoader],
    ["/admin/moderation/pending", pendingLoader],
    ["/admin/moderation/hidden", hiddenLoader],
    ["/admin/moderation/suspended", suspendedLoader],
    ["/admin/moderation/audit", auditLoader],
  ] as const;

  it("is for cs and admin only: customers get 403, visitors the login page", async () => {
    const member = await signedIn();
    const accountAdmin = await signedIn("account_admin");
    for (const [path, loader] of loaders) {
      for (const who of [member, accountAdmin]) {
        const res = await runLoader(loader, getRequest(path, { Cookie: who.cookie }));
        expect(res.status, path).toBe(403);
      }
      const visitor = await runLoader(loader, getRequest(path));
      expect(visitor.status).toBe(302);
      for (const role of ["cs", "admin"] as const) {
        const staff = await signedIn(role);
        expect((await runLoader(loader, getRequest(path, { Cookie: staff.cookie }))).status).toBe(
          200,
        );
      }
    }
    const { reply } = await topicWithReply();
    const res = await moderate(member.cookie, { intent: "hidePost", postId: reply.id });
    expect(res.status).toBe(403);
    expect((await db.post.findUniqueOrThrow({ where: { id: reply.id } })).state).toBe("visible");
  });

  it("lists open flags grouped by post with reasons, notes and counts", async () => {
    const { topic, reply } = await topicWithReply();
    await flag(topic.id, (await signedIn()).cookie, reply.id, "spam", "Link farm");
    await flag(topic.id, (await signedIn()).cookie, reply.id, "spam");
    const cs = await signedIn("cs");
    const res = await runLoader(
      flaggedLoader,
      getRequest("/admin/moderation", { Cookie: cs.cookie }),
    );
    const { posts } = (await res.json()) as {
      posts: Array<{
        postId: string;
        flagCount: number;
        reasons: unknown;
        notes: Array<{ note: string }>;
      }>;
    };
    const item = posts.find((p) => p.postId === reply.id)!;
    expect(item.flagCount).toBe(2);
    expect(item.reasons).toEqual([{ reason: "spam", count: 2 }]);
    expect(item.notes.map((n) => n.note)).toEqual(["Link farm"]);
    const counts = await runLoader(
      moderationLoader,
      getRequest("/admin/moderation", { Cookie: cs.cookie }),
    );
    expect(
      ((await counts.json()) as { counts: { flagged: number } }).counts.flagged,
    ).toBeGreaterThanOrEqual(1);
  });

  it("upholds flags: the post is hidden for readers, counted out, and audited once", async () => {
    const { topic, reply } = await topicWithReply();
    const reporter = await signedIn();
    await flag(topic.id, reporter.cookie, reply.id, "abusive");
    const admin = await signedIn("admin");
    const res = await moderate(admin.cookie, {
      intent: "uphold",
      postId: reply.id,
      reason: "Abuse",
    });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    expect((await db.post.findUniqueOrThrow({ where: { id: reply.id } })).state).toBe("hidden");
    expect(await db.flag.findFirstOrThrow({ where: { postId: reply.id } })).toMatchObject({
      status: "upheld",
      resolvedById: admin.user.id,
    });
    expect((await viewTopic(topic.id, reporter.cookie)).page!.posts).toHaveLength(1);
    expect((await moderate(admin.cookie, { intent: "uphold", postId: reply.id })).status).toBe(409);
    const entries = await db.auditLog.findMany({ where: { targetId: reply.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: MODERATION_AUDIT.postHidden,
      actorId: admin.user.id,
    });
    expect(JSON.parse(entries[0]!.data)).toMatchObject({ reason: "Abuse", upheldFlags: 1 });
  });

  it("hides and restores a post, with counts and search following", async () => {
    const { topic, reply } = await topicWithReply();
    const cs = await signedIn("cs");
    const before = await db.searchChange.count({ where: { sourceId: topic.id } });
    expect((await moderate(cs.cookie, { intent: "hidePost", postId: reply.id })).status).toBe(200);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).replyCount).toBe(0);
    // A double click: the second is refused and nothing is logged twice.
    const twice = await moderate(cs.cookie, { intent: "hidePost", postId: reply.id });
    expect(twice.status).toBe(409);
    expect(twice.body!.message).toMatch(/already done/);
    const hidden = await runLoader(
      hiddenLoader,
      getRequest("/admin/moderation/hidden", { Cookie: cs.cookie }),
    );
    const list = (await hidden.json()) as { posts: Array<{ postId: string }> };
    expect(list.posts.map((p) => p.postId)).toContain(reply.id);
    expect((await moderate(cs.cookie, { intent: "restorePost", postId: reply.id })).status).toBe(
      200,
    );
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).replyCount).toBe(1);
    expect(await auditActions(reply.id)).toEqual([
      MODERATION_AUDIT.postHidden,
      MODERATION_AUDIT.postRestored,
    ]);
    expect(await db.searchChange.count({ where: { sourceId: topic.id } })).toBe(before + 2);
    expect((await moderate(cs.cookie, { intent: "hidePost", postId: "nope" })).status).toBe(404);
  });

  it("approves and rejects what is held for review", async () => {
    const author = await signedIn();
    const topic = await createTopic({ authorId: author.user.id, state: "pending" });
    await db.post.updateMany({ where: { topicId: topic.id }, data: { state: "pending" } });
    const visible = await createTopic({
      replies: [{ authorId: author.user.id, body: "Held reply" }],
    });
    const heldReply = visible.posts[1]!;
    await db.post.update({ where: { id: heldReply.id }, data: { state: "pending" } });
    const cs = await signedIn("cs");
    const res = await runLoader(
      pendingLoader,
      getRequest("/admin/moderation/pending", { Cookie: cs.cookie }),
    );
    const queue = (await res.json()) as {
      topics: Array<{ id: string }>;
      posts: Array<{ postId: string }>;
    };
    expect(queue.topics.map((t) => t.id)).toContain(topic.id);
    expect(queue.posts.map((p) => p.postId)).toContain(heldReply.id);
    // The opening post of a held topic is not listed twice.
    expect(queue.posts.map((p) => p.postId)).not.toContain(topic.posts[0]!.id);

    expect((await moderate(cs.cookie, { intent: "approveTopic", topicId: topic.id })).status).toBe(
      200,
    );
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).state).toBe("visible");
    expect((await db.post.findUniqueOrThrow({ where: { id: topic.posts[0]!.id } })).state).toBe(
      "visible",
    );
    expect((await moderate(cs.cookie, { intent: "rejectPost", postId: heldReply.id })).status).toBe(
      200,
    );
    expect((await db.post.findUniqueOrThrow({ where: { id: heldReply.id } })).state).toBe("hidden");
    expect(
      (await moderate(cs.cookie, { intent: "approvePost", postId: heldReply.id })).status,
    ).toBe(409);
    expect(await auditActions(topic.id)).toEqual([MODERATION_AUDIT.topicApproved]);
    expect(await auditActions(heldReply.id)).toEqual([MODERATION_AUDIT.postRejected]);
  });

  it("lets a newcomer's held reply through with its event and first-post badge", async () => {
    const newcomer = await createUser({ accountId: (await createAccount()).id, trustLevel: 0 });
    const { cookie } = await createSessionCookie(newcomer.id);
    const topic = await createTopic();
    const posted = await runAction(
      topicAction,
      formRequest(
        `/community/t/${topic.id}`,
        { intent: "reply", body: "My first answer here.", submissionKey: "first" },
        { Cookie: cookie },
      ),
      {},
      { id: topic.id },
    );
    expect(posted.status).toBe(302);
    const held = await db.post.findFirstOrThrow({ where: { authorId: newcomer.id } });
    expect(held.state).toBe("pending");
    const replyEvents = () =>
      db.event.count({ where: { userId: newcomer.id, type: "portal.reply_posted" } });
    expect(await replyEvents()).toBe(0);

    const cs = await signedIn("cs");
    expect((await moderate(cs.cookie, { intent: "approvePost", postId: held.id })).status).toBe(
      200,
    );
    expect((await db.post.findUniqueOrThrow({ where: { id: held.id } })).state).toBe("visible");
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).replyCount).toBe(1);
    expect(await replyEvents()).toBe(1);
    const badges = await db.userBadge.findMany({ where: { userId: newcomer.id } });
    expect(badges.map((b) => b.badge)).toContain("first_post");
  });

  it("hides, restores, locks and pins a topic", async () => {
    const { topic } = await topicWithReply();
    const reader = await signedIn();
    const cs = await signedIn("cs");
    expect(
      (await moderate(cs.cookie, { intent: "hideTopic", topicId: topic.id, reason: "Dup" })).status,
    ).toBe(200);
    expect((await viewTopic(topic.id, reader.cookie)).status).toBe(404);
    expect((await viewTopic(topic.id, cs.cookie)).status).toBe(200);
    expect((await moderate(cs.cookie, { intent: "restoreTopic", topicId: topic.id })).status).toBe(
      200,
    );
    expect((await viewTopic(topic.id, reader.cookie)).status).toBe(200);
    for (const intent of ["lock", "pin"]) {
      expect((await moderate(cs.cookie, { intent, topicId: topic.id })).status).toBe(200);
      expect((await moderate(cs.cookie, { intent, topicId: topic.id })).status).toBe(409);
    }
    const row = await db.topic.findUniqueOrThrow({ where: { id: topic.id } });
    expect(row).toMatchObject({ locked: true, pinned: true, state: "visible" });
    expect((await moderate(cs.cookie, { intent: "unlock", topicId: topic.id })).status).toBe(200);
    expect(await auditActions(topic.id)).toEqual([
      MODERATION_AUDIT.topicHidden,
      MODERATION_AUDIT.topicRestored,
      MODERATION_AUDIT.topicLocked,
      MODERATION_AUDIT.topicPinned,
      MODERATION_AUDIT.topicUnlocked,
    ]);
    expect((await moderate(cs.cookie, { intent: "lock", topicId: "missing" })).status).toBe(404);
    expect((await moderate(cs.cookie, { intent: "explode", topicId: topic.id })).status).toBe(400);
  });

  it("moves a topic to another category and refuses unknown or same categories", async () => {
    const { topic } = await topicWithReply();
    const other = await createForumCategory();
    const cs = await signedIn("cs");
    const unknown = await moderate(cs.cookie, {
      intent: "move",
      topicId: topic.id,
      categoryId: "nope",
    });
    expect(unknown).toMatchObject({
      status: 422,
      body: { message: "Choose one of the categories." },
    });
    const same = await moderate(cs.cookie, {
      intent: "move",
      topicId: topic.id,
      categoryId: topic.categoryId,
    });
    expect(same.status).toBe(422);
    const moved = await moderate(cs.cookie, {
      intent: "move",
      topicId: topic.id,
      categoryId: other.id,
    });
    expect(moved.status).toBe(200);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).categoryId).toBe(
      other.id,
    );
    const counts = await db.forumCategory.findUniqueOrThrow({
      where: { id: other.id },
      select: { _count: { select: { topics: true } } },
    });
    expect(counts._count.topics).toBe(1);
    expect(await auditActions(topic.id)).toEqual([MODERATION_AUDIT.topicMoved]);
  });

  it("merges a duplicate: posts append in order, counts follow, old links redirect", async () => {
    const asker = await signedIn();
    const helper = await signedIn();
    const category = await createForumCategory();
    const target = await createTopic({
      categoryId: category.id,
      replies: [{ authorId: helper.user.id, body: "Target reply" }],
    });
    const source = await createTopic({
      categoryId: category.id,
      authorId: asker.user.id,
      replies: [
        { authorId: helper.user.id, body: "Source reply one" },
        { authorId: asker.user.id, body: "Source reply two" },
      ],
    });
    await db.topicWatch.create({ data: { topicId: source.id, userId: asker.user.id } });
    const cs = await signedIn("cs");
    const res = await moderate(cs.cookie, {
      intent: "merge",
      topicId: source.id,
      target: `http://localhost/community/t/${target.id}?page=1`,
      reason: "Duplicate",
    });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    const posts = await db.post.findMany({
      where: { topicId: target.id },
      orderBy: { number: "asc" },
    });
    expect(posts.map((p) => [p.number, p.body])).toEqual([
      [1, "Opening post with the details."],
      [2, "Target reply"],
      [3, "Opening post with the details."],
      [4, "Source reply one"],
      [5, "Source reply two"],
    ]);
    const [t, s] = await Promise.all([
      db.topic.findUniqueOrThrow({ where: { id: target.id } }),
      db.topic.findUniqueOrThrow({ where: { id: source.id } }),
    ]);
    expect(t.replyCount).toBe(4);
    expect(s).toMatchObject({ mergedIntoId: target.id, state: "hidden", replyCount: 0 });
    expect(
      await db.topicWatch.count({ where: { topicId: target.id, userId: asker.user.id } }),
    ).toBe(1);
    // The source and its permalinks lead to the target.
    const view = await viewTopic(source.id, asker.cookie);
    expect(view.location).toBe(`/community/t/${target.id}`);
    const link = await runLoader(permalinkLoader, getRequest(`/community/t/${source.id}/p/3`), {
      id: source.id,
      n: "3",
    });
    expect(link.headers.get("Location")).toBe(`/community/t/${target.id}/p/5`);
    // Merging again (a double click) changes nothing.
    const again = await moderate(cs.cookie, {
      intent: "merge",
      topicId: source.id,
      target: target.id,
    });
    expect(again.status).toBe(409);
    expect(await db.post.count({ where: { topicId: target.id } })).toBe(5);
    expect(await auditActions(source.id)).toEqual([MODERATION_AUDIT.topicMerged]);
    expect(await db.searchChange.count({ where: { sourceId: source.id } })).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("applies a concurrent double click once (merge and hide)", async () => {
    const category = await createForumCategory();
    const target = await createTopic({ categoryId: category.id });
    const source = await createTopic({ categoryId: category.id });
    const { reply } = await topicWithReply();
    const cs = await signedIn("cs");
    const merges = await Promise.all(
      [1, 2].map(() =>
        moderate(cs.cookie, { intent: "merge", topicId: source.id, target: target.id }),
      ),
    );
    expect(merges.map((m) => m.status).sort()).toEqual([200, 409]);
    expect(await db.post.count({ where: { topicId: target.id } })).toBe(2);
    const hides = await Promise.all(
      [1, 2].map(() => moderate(cs.cookie, { intent: "hidePost", postId: reply.id })),
    );
    expect(hides.map((h) => h.status).sort()).toEqual([200, 409]);
    expect(await auditActions(source.id)).toEqual([MODERATION_AUDIT.topicMerged]);
    expect(await auditActions(reply.id)).toEqual([MODERATION_AUDIT.postHidden]);
  });

  it("refuses merging into itself, unknown, hidden or narrower-audience topics", async () => {
    const open = await createForumCategory();
    const enterprise = await createForumCategory({ audiencePlans: ["enterprise"] });
    const source = await createTopic({ categoryId: open.id });
    const narrow = await createTopic({ categoryId: enterprise.id });
    const hidden = await createTopic({ categoryId: open.id, state: "hidden" });
    const cs = await signedIn("cs");
    const cases: Array<[string, number, RegExp]> = [
      [source.id, 422, /into itself/],
      ["no-such-topic", 422, /No topic/],
      [hidden.id, 422, /visible topic/],
      [narrow.id, 422, /fewer plans/],
      ["", 400, /No topic/],
    ];
    for (const [target, status, message] of cases) {
      const res = await moderate(cs.cookie, { intent: "merge", topicId: source.id, target });
      expect(res.status, target).toBe(status);
      expect(res.body!.message).toMatch(message);
    }
    expect(
      (await db.topic.findUniqueOrThrow({ where: { id: source.id } })).mergedIntoId,
    ).toBeNull();
    expect(await db.post.count({ where: { topicId: source.id } })).toBe(1);
    // The other way round is fine: everyone who reads the enterprise topic reads the open one.
    expect(
      (await moderate(cs.cookie, { intent: "merge", topicId: narrow.id, target: source.id }))
        .status,
    ).toBe(200);
  });

  it("edits a post with a required reason, shown in the history and the audit log", async () => {
    const { topic, reply, replier } = await topicWithReply();
    const cs = await signedIn("cs");
    const noReason = await moderate(cs.cookie, {
      intent: "edit",
      postId: reply.id,
      body: "Removed link",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body!.fieldErrors!.reason).toBe("Give a reason.");
    const res = await moderate(cs.cookie, {
      intent: "edit",
      postId: reply.id,
      body: "Removed link",
      reason: "Spam link",
    });
    expect(res.status).toBe(200);
    const post = await db.post.findUniqueOrThrow({ where: { id: reply.id } });
    expect(post.body).toBe("Removed link");
    const revision = await db.postRevision.findFirstOrThrow({ where: { postId: reply.id } });
    expect(revision).toMatchObject({ reason: "Spam link", editorId: cs.user.id });
    expect(await auditActions(reply.id)).toEqual([MODERATION_AUDIT.postEdited]);
    // Authors editing their own words are not moderator actions.
    await runAction(
      topicAction,
      formRequest(
        `/community/t/${topic.id}`,
        { intent: "edit", number: "2", body: "My own words" },
        {
          Cookie: replier.cookie,
        },
      ),
      {},
      { id: topic.id },
    );
    expect(await auditActions(reply.id)).toEqual([MODERATION_AUDIT.postEdited]);
  });

  it("suspends a customer until a day: no replies, likes, votes or flags; then lifts it", async () => {
    const { topic, reply, author } = await topicWithReply();
    const cs = await signedIn("cs");
    const until = new Date(Date.now() + 3 * DAY_MS).toISOString().slice(0, 10);
    const res = await moderate(cs.cookie, {
      intent: "suspend",
      email: author.user.email,
      until,
      reason: "Spam",
    });
    expect(res.status).toBe(200);
    const user = await db.user.findUniqueOrThrow({ where: { id: author.user.id } });
    expect(user.suspendedUntil!.toISOString()).toBe(`${until}T23:59:59.999Z`);
    expect(user.suspensionReason).toBe("Spam");
    const act = (fields: Record<string, string>) =>
      runAction(
        topicAction,
        formRequest(`/community/t/${topic.id}`, fields, { Cookie: author.cookie }),
        {},
        {
          id: topic.id,
        },
      );
    expect((await act({ intent: "reply", body: "Still here", submissionKey: "k1" })).status).toBe(
      403,
    );
    expect((await act({ intent: "like", postId: reply.id })).status).toBe(403);
    expect((await act({ intent: "flag", postId: reply.id, reason: "spam" })).status).toBe(403);
    expect(await db.post.count({ where: { topicId: topic.id } })).toBe(2);
    const list = await runLoader(
      suspendedLoader,
      getRequest("/admin/moderation/suspended", { Cookie: cs.cookie }),
    );
    expect(
      ((await list.json()) as { users: Array<{ id: string }> }).users.map((u) => u.id),
    ).toContain(author.user.id);
    // The same suspension twice is one change.
    expect(
      (
        await moderate(cs.cookie, {
          intent: "suspend",
          userId: author.user.id,
          until,
          reason: "Spam",
        })
      ).status,
    ).toBe(409);

    expect(
      (await moderate(cs.cookie, { intent: "unsuspend", userId: author.user.id })).status,
    ).toBe(200);
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: author.user.id } })).suspendedUntil,
    ).toBeNull();
    expect(
      (await moderate(cs.cookie, { intent: "unsuspend", userId: author.user.id })).status,
    ).toBe(409);
    expect((await act({ intent: "reply", body: "Back again", submissionKey: "k2" })).status).toBe(
      302,
    );
    expect(await auditActions(author.user.id)).toEqual([
      MODERATION_AUDIT.userSuspended,
      MODERATION_AUDIT.userUnsuspended,
    ]);
  });

  it("refuses suspending staff, oneself, unknown users, past days and empty reasons", async () => {
    const cs = await signedIn("cs");
    const admin = await signedIn("admin");
    const member = await signedIn();
    const tomorrow = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ userId: cs.user.id, until: tomorrow, reason: "x" }, 422, "You cannot suspend yourself."],
      [{ userId: admin.user.id, until: tomorrow, reason: "x" }, 422, "Staff cannot be suspended."],
      [{ userId: "ghost", until: tomorrow, reason: "x" }, 404, "No user has that id or e-mail."],
      [
        { email: "ghost@example.test", until: tomorrow, reason: "x" },
        404,
        "No user has that id or e-mail.",
      ],
      [
        { userId: member.user.id, until: yesterday, reason: "x" },
        422,
        "Choose a day from today on.",
      ],
      [
        { userId: member.user.id, until: "2030-13-45", reason: "x" },
        400,
        "Enter a date (YYYY-MM-DD).",
      ],
      [
        { userId: member.user.id, until: "9999-01-01", reason: "x" },
        422,
        "A suspension may last at most 3650 days.",
      ],
      [{ userId: member.user.id, until: tomorrow, reason: "  " }, 400, "Give a reason."],
    ];
    for (const [fields, status, message] of cases) {
      const res = await moderate(cs.cookie, { intent: "suspend", ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(status);
      expect(res.body!.message).toBe(message);
    }
    const users = await db.user.findMany({
      where: { id: { in: [cs.user.id, admin.user.id, member.user.id] } },
    });
    expect(users.every((u) => u.suspendedUntil === null)).toBe(true);
    expect(
      await db.auditLog.count({
        where: { targetId: { in: [cs.user.id, admin.user.id, member.user.id] } },
      }),
    ).toBe(0);
  });

  it("answers in Japanese for Japanese moderators", async () => {
    const cs = await signedIn("cs");
    await db.user.update({ where: { id: cs.user.id }, data: { locale: "ja" } });
    const res = await moderate(cs.cookie, {
      intent: "suspend",
      userId: cs.user.id,
      until: "2030-01-01",
      reason: "x",
    });
    expect(res.body!.message).toBe("自分自身を利用停止にはできません。");
  });

  it("pages the audit log of moderator actions", async () => {
    const cs = await signedIn("cs");
    const { reply } = await topicWithReply();
    await moderate(cs.cookie, { intent: "hidePost", postId: reply.id, reason: "Off-topic" });
    await db.auditLog.create({ data: { actorId: cs.user.id, action: "forum_category.created" } });
    const res = await runLoader(
      auditLoader,
      getRequest("/admin/moderation/audit", { Cookie: cs.cookie }),
    );
    const log = (await res.json()) as {
      rows: Array<{ action: string; reason: string; actor: string; link: string }>;
    };
    expect(log.rows[0]).toMatchObject({
      action: "post_hidden",
      reason: "Off-topic",
      actor: cs.user.name,
    });
    expect(log.rows.some((r) => r.action.startsWith("forum_category"))).toBe(false);
    expect(log.rows[0]!.link).toMatch(/\/p\/2$/);
    const beyond = await runLoader(
      auditLoader,
      getRequest("/admin/moderation/audit?page=999", { Cookie: cs.cookie }),
    );
    expect(beyond.status).toBe(404);
    const bad = await runLoader(
      auditLoader,
      getRequest("/admin/moderation/audit?page=abc", { Cookie: cs.cookie }),
    );
    expect(bad.status).toBe(404);
  });

  it("gives staff the moderator menu on the topic page, and customers none", async () => {
    const { topic } = await topicWithReply();
    const cs = await signedIn("cs");
    const member = await signedIn();
    expect(
      (await viewTopic(topic.id, cs.cookie)).page!.moderation!.categories.length,
    ).toBeGreaterThan(0);
    expect((await viewTopic(topic.id, member.cookie)).page!.moderation).toBeNull();
    // Moderators see each post's open flags; customers only whether they flagged it themselves.
    await flag(topic.id, member.cookie, topic.posts[1]!.id, "spam");
    const staffView = await viewTopic(topic.id, cs.cookie);
    expect(staffView.page!.posts.map((p) => p.openFlags)).toEqual([0, 1]);
    const memberView = await viewTopic(topic.id, member.cookie);
    expect(memberView.page!.posts.map((p) => p.openFlags)).toEqual([0, 0]);
  });
});
