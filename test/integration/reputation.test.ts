// Reputation, badges and trust levels through the real routes and commands: points follow likes,
// accepted answers and votes both ways; badges come once; new users are limited and their first
// posts are held until a moderator approves them (onPostApproved); the profile page shows only
// people and posts the viewer may see.
import { describe, expect, it } from "vitest";
import { onPostApproved, onPostHidden } from "../../app/commands/post-review.server";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import {
  REPUTATION_WEIGHTS,
  HELPFUL_POST_LIKES,
  POSTING_LIMITS,
} from "../../app/models/reputation";
import { action as newTopicAction } from "../../app/routes/community.new";
import { action, loader } from "../../app/routes/community.t.$id";
import { loader as profileLoader } from "../../app/routes/community.u.$handle";
import { action as settingsAction } from "../../app/routes/settings";
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

const DAY_MS = 24 * 60 * 60 * 1000;
const W = REPUTATION_WEIGHTS;

async function person(
  options: {
    role?: "member" | "cs";
    trustLevel?: number;
    plan?: string;
    createdAt?: Date;
    handle?: string;
  } = {},
) {
  const role = options.role ?? "member";
  const accountId =
    role === "cs" ? null : (await createAccount({ plan: options.plan ?? "team" })).id;
  const user = await createUser({
    role,
    accountId,
    locale: "en",
    trustLevel: options.trustLevel,
    createdAt: options.createdAt,
  });
  if (options.handle) {
    await db.user.update({ where: { id: user.id }, data: { handle: options.handle } });
  }
  const { cookie } = await createSessionCookie(user.id);
  return { user, cookie };
}

/** A user who has just joined: trust level 0. */
const newcomer = (options: { createdAt?: Date } = {}) => person({ ...options, trustLevel: 0 });

function act(topicId: string, cookie: string, fields: Record<string, string>) {
  return runAction(
    action,
    formRequest(`/community/t/${topicId}`, fields, { Cookie: cookie }),
    {},
    { id: topicId },
  );
}

function reply(
  topicId: string,
  cookie: string,
  body: string,
  submissionKey: string = crypto.randomUUID(),
) {
  return act(topicId, cookie, { intent: "reply", body, submissionKey });
}

async function view(topicId: string, cookie?: string) {
  const res = await runLoader(
    loader,
    getRequest(`/community/t/${topicId}`, cookie ? { Cookie: cookie } : {}),
    { id: topicId },
  );
  return {
    status: res.status,
    page:
      res.status === 200
        ? ((await res.json()) as {
            posts: Array<{ number: number; state: string }>;
            postsHeld: boolean;
          })
        : null,
  };
}

async function standing(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { reputation: true, trustLevel: true, badges: { select: { badge: true } } },
  });
  return {
    reputation: user.reputation,
    trustLevel: user.trustLevel,
    badges: user.badges.map((b) => b.badge).sort(),
  };
}

async function replyOf(topicId: string, authorId: string) {
  return db.post.findFirstOrThrow({ where: { topicId, authorId, number: { gt: 1 } } });
}

describe("reputation", () => {
  it("follows likes and accepted answers both ways, and badges come once", async () => {
    const asker = await person();
    const answerer = await person();
    const liker = await person();
    const topic = await createTopic({ authorId: asker.user.id });
    expect((await reply(topic.id, answerer.cookie, "Turn on SSO first.")).status).toBe(302);
    const answer = await replyOf(topic.id, answerer.user.id);
    expect(await standing(answerer.user.id)).toMatchObject({
      reputation: 0,
      badges: ["first_post"],
    });

    expect((await act(topic.id, liker.cookie, { intent: "like", postId: answer.id })).status).toBe(
      200,
    );
    expect(await standing(answerer.user.id)).toMatchObject({
      reputation: W.likeReceived,
      badges: ["first_like", "first_post"],
    });
    // The like is an event on the liker's account and on the answerer's.
    expect(
      await db.event.count({
        where: { type: PORTAL_EVENTS.postLiked, accountId: liker.user.accountId! },
      }),
    ).toBe(1);
    expect(
      await db.event.count({
        where: { type: PORTAL_EVENTS.likeReceived, accountId: answerer.user.accountId! },
      }),
    ).toBe(1);

    await act(topic.id, liker.cookie, { intent: "unlike", postId: answer.id });
    // Points go back; the badge stays and is not awarded a second time on the next like.
    expect(await standing(answerer.user.id)).toMatchObject({
      reputation: 0,
      badges: ["first_like", "first_post"],
    });
    await act(topic.id, liker.cookie, { intent: "like", postId: answer.id });
    expect(await db.userBadge.count({ where: { userId: answerer.user.id } })).toBe(2);

    expect(
      (await act(topic.id, asker.cookie, { intent: "accept", postId: answer.id })).status,
    ).toBe(200);
    expect(await standing(answerer.user.id)).toMatchObject({
      reputation: W.acceptedAnswer + W.likeReceived,
      badges: ["first_answer", "first_like", "first_post"],
    });
    expect(
      await db.event.count({
        where: { type: PORTAL_EVENTS.answerAccepted, accountId: answerer.user.accountId! },
      }),
    ).toBe(1);

    await act(topic.id, asker.cookie, { intent: "unaccept" });
    expect((await standing(answerer.user.id)).reputation).toBe(W.likeReceived);
    await act(topic.id, asker.cookie, { intent: "accept", postId: answer.id });
    expect((await standing(answerer.user.id)).reputation).toBe(W.acceptedAnswer + W.likeReceived);
    expect(await db.userBadge.count({ where: { userId: answerer.user.id } })).toBe(3);
  });

  it("moves the points when another answer is accepted, and gives none for answering oneself", async () => {
    const asker = await person();
    const first = await person();
    const topic = await createTopic({ authorId: asker.user.id });
    await reply(topic.id, first.cookie, "Answer one");
    await reply(topic.id, asker.cookie, "Found it myself: answer two");
    const one = await replyOf(topic.id, first.user.id);
    const own = await replyOf(topic.id, asker.user.id);

    await act(topic.id, asker.cookie, { intent: "accept", postId: one.id });
    expect((await standing(first.user.id)).reputation).toBe(W.acceptedAnswer);
    await act(topic.id, asker.cookie, { intent: "accept", postId: own.id });
    expect((await standing(first.user.id)).reputation).toBe(0);
    expect(await standing(asker.user.id)).toMatchObject({ reputation: 0 });
    expect((await standing(asker.user.id)).badges).not.toContain("first_answer");
  });

  it(`adds the helpful-post bonus at ${HELPFUL_POST_LIKES} likes`, async () => {
    const author = await person();
    const topic = await createTopic({ authorId: author.user.id });
    const opening = topic.posts[0]!;
    for (let i = 0; i < HELPFUL_POST_LIKES; i += 1) {
      const fan = await person();
      await act(topic.id, fan.cookie, { intent: "like", postId: opening.id });
    }
    expect(await standing(author.user.id)).toMatchObject({
      reputation: HELPFUL_POST_LIKES * W.likeReceived + W.helpfulPost,
    });
    expect((await standing(author.user.id)).badges).toContain("helpful_post");
  });

  it("counts idea votes and awards 'idea shipped' when CS ships it", async () => {
    const author = await person();
    const voter = await person();
    const cs = await person({ role: "cs" });
    const idea = await createTopic({ authorId: author.user.id, kind: "idea" });
    await act(idea.id, voter.cookie, { intent: "vote" });
    expect((await standing(author.user.id)).reputation).toBe(W.ideaVoteReceived);
    await act(idea.id, voter.cookie, { intent: "unvote" });
    expect((await standing(author.user.id)).reputation).toBe(0);

    expect((await act(idea.id, cs.cookie, { intent: "status", status: "shipped" })).status).toBe(
      200,
    );
    expect((await standing(author.user.id)).badges).toContain("idea_shipped");
  });

  it("takes the points of a hidden post away (onPostHidden)", async () => {
    const author = await person();
    const fan = await person();
    const topic = await createTopic();
    await reply(topic.id, author.cookie, "A good answer");
    const post = await replyOf(topic.id, author.user.id);
    await act(topic.id, fan.cookie, { intent: "like", postId: post.id });
    expect((await standing(author.user.id)).reputation).toBe(W.likeReceived);

    await db.$transaction(async (tx) => {
      await tx.post.update({ where: { id: post.id }, data: { state: "hidden" } });
      await onPostHidden(tx, post.id);
    });
    expect((await standing(author.user.id)).reputation).toBe(0);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).replyCount).toBe(0);
  });
});

describe("held first posts", () => {
  it("holds a new user's reply: the author sees it, others and counts do not, until approved", async () => {
    const topic = await createTopic();
    const author = await newcomer();
    const other = await person();
    const cs = await person({ role: "cs" });
    // The reply form warns them beforehand; nobody else.
    expect((await view(topic.id, author.cookie)).page!.postsHeld).toBe(true);
    expect((await view(topic.id, other.cookie)).page!.postsHeld).toBe(false);

    expect((await reply(topic.id, author.cookie, "Is there an API for this?")).status).toBe(302);
    const post = await replyOf(topic.id, author.user.id);
    expect(post.state).toBe("pending");
    expect((await view(topic.id, author.cookie)).page!.posts.map((p) => p.state)).toEqual([
      "visible",
      "pending",
    ]);
    expect((await view(topic.id, other.cookie)).page!.posts.map((p) => p.number)).toEqual([1]);
    expect((await view(topic.id)).page!.posts.map((p) => p.number)).toEqual([1]);
    expect((await view(topic.id, cs.cookie)).page!.posts.map((p) => p.number)).toEqual([1, 2]);
    const held = await db.topic.findUniqueOrThrow({ where: { id: topic.id } });
    expect(held.replyCount).toBe(0);
    expect(
      await db.event.count({
        where: { type: PORTAL_EVENTS.replyPosted, accountId: author.user.accountId! },
      }),
    ).toBe(0);

    // The moderation queue approves it.
    await db.$transaction((tx) => onPostApproved(tx, post.id));
    await db.$transaction((tx) => onPostApproved(tx, post.id)); // twice changes nothing
    expect((await view(topic.id, other.cookie)).page!.posts.map((p) => p.number)).toEqual([1, 2]);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).replyCount).toBe(1);
    expect(
      await db.event.count({
        where: { type: PORTAL_EVENTS.replyPosted, accountId: author.user.accountId! },
      }),
    ).toBe(1);
    expect((await standing(author.user.id)).badges).toEqual(["first_post"]);
  });

  it("holds a new user's topic out of lists and search until approved", async () => {
    const category = await createForumCategory();
    const author = await newcomer();
    const other = await person();
    const res = await runAction(
      newTopicAction,
      formRequest(
        "/community/new",
        {
          kind: "question",
          categoryId: category.id,
          title: "How do I rotate API keys?",
          body: "Our policy needs a yearly rotation.",
          locale: "en",
          submissionKey: crypto.randomUUID(),
        },
        { Cookie: author.cookie },
      ),
    );
    expect(res.status).toBe(302);
    const topic = await db.topic.findFirstOrThrow({
      where: { authorId: author.user.id },
      include: { posts: true },
    });
    expect(topic.state).toBe("pending");
    expect(topic.posts[0]!.state).toBe("pending");
    expect((await view(topic.id, author.cookie)).status).toBe(200);
    expect((await view(topic.id, other.cookie)).status).toBe(404);
    expect(await topicSource.documents([topic.id])).toEqual([]);
    expect(
      await db.event.count({
        where: { type: PORTAL_EVENTS.topicCreated, accountId: author.user.accountId! },
      }),
    ).toBe(0);

    await db.$transaction((tx) => onPostApproved(tx, topic.posts[0]!.id));
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).state).toBe("visible");
    expect((await view(topic.id, other.cookie)).status).toBe(200);
    expect(await topicSource.documents([topic.id])).toHaveLength(1);
    expect(
      await db.event.count({
        where: { type: PORTAL_EVENTS.topicCreated, accountId: author.user.accountId! },
      }),
    ).toBe(1);
  });

  it("promotes a new user once enough posts are approved and they have read and stayed", async () => {
    const author = await newcomer({ createdAt: new Date(Date.now() - 2 * DAY_MS) });
    const topics = await Promise.all(Array.from({ length: 5 }, () => createTopic()));
    await db.topicRead.createMany({
      data: topics.map((t) => ({ topicId: t.id, userId: author.user.id, lastReadNumber: 1 })),
    });
    for (const [i, topic] of topics.slice(0, POSTING_LIMITS[0].heldUntilApproved).entries()) {
      await reply(topic.id, author.cookie, `Held reply ${i}`);
      const post = await replyOf(topic.id, author.user.id);
      expect(post.state).toBe("pending");
      expect((await standing(author.user.id)).trustLevel).toBe(0);
      await db.$transaction((tx) => onPostApproved(tx, post.id));
    }
    expect((await standing(author.user.id)).trustLevel).toBe(1);
    await reply(topics[4]!.id, author.cookie, "Now I post straight away");
    expect((await replyOf(topics[4]!.id, author.user.id)).state).toBe("visible");
  });

  it("trusts staff whatever their stored level", async () => {
    const cs = await person({ role: "cs", trustLevel: 0 });
    const topic = await createTopic();
    for (let i = 0; i < POSTING_LIMITS[0].postsPerHour + 1; i += 1) {
      expect(
        (
          await reply(
            topic.id,
            cs.cookie,
            `Staff answer ${i} https://a.example https://b.example https://c.example`,
          )
        ).status,
      ).toBe(302);
    }
    expect(await db.post.count({ where: { topicId: topic.id, state: "visible" } })).toBe(
      POSTING_LIMITS[0].postsPerHour + 2,
    );
    expect((await standing(cs.user.id)).trustLevel).toBe(3);
  });
});

describe("new users' limits", () => {
  it("answers 429 with Retry-After after the hourly limit, writes nothing, and ignores double submits", async () => {
    const topic = await createTopic();
    const author = await newcomer();
    const limit = POSTING_LIMITS[0].postsPerHour;
    for (let i = 0; i < limit - 1; i += 1) {
      expect((await reply(topic.id, author.cookie, `Reply ${i}`, `key-${i}`)).status).toBe(302);
    }
    // The same form sent again is the same post: it does not use up the last one of the hour.
    expect((await reply(topic.id, author.cookie, "Reply 0", "key-0")).status).toBe(302);
    expect((await reply(topic.id, author.cookie, "Last one", "key-last")).status).toBe(302);
    const posts = await db.post.count({ where: { authorId: author.user.id } });
    const events = await db.event.count({ where: { accountId: author.user.accountId! } });
    expect(posts).toBe(limit);

    const refused = await reply(topic.id, author.cookie, "One too many", "key-over");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const body = (await refused.json()) as { result: { error: Record<string, string[]> } };
    expect(body.result.error[""]).toEqual([
      `New members can post ${limit} times an hour. Please try again in 60 minutes.`,
    ]);
    expect(await db.post.count({ where: { authorId: author.user.id } })).toBe(posts);
    expect(await db.event.count({ where: { accountId: author.user.accountId! } })).toBe(events);

    // Starting a topic counts against the same limit.
    const category = await createForumCategory();
    const topicRefused = await runAction(
      newTopicAction,
      formRequest(
        "/community/new",
        {
          kind: "discussion",
          categoryId: category.id,
          title: "Another question today",
          body: "Still posting",
          locale: "en",
          submissionKey: crypto.randomUUID(),
        },
        { Cookie: author.cookie },
      ),
    );
    expect(topicRefused.status).toBe(429);
    expect(topicRefused.headers.get("Retry-After")).toBeTruthy();
    expect(await db.topic.count({ where: { authorId: author.user.id } })).toBe(0);
  });

  it("refuses more links than a new user may post with 422 naming the limit", async () => {
    const topic = await createTopic();
    const author = await newcomer();
    const max = POSTING_LIMITS[0].linksPerPost;
    const body = "See [docs](https://a.example), <https://b.example> and https://c.example";
    const refused = await reply(topic.id, author.cookie, body);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(`at most ${max} links`);
    expect(await db.post.count({ where: { topicId: topic.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: author.user.id } })).handle).toBeNull();

    // Trusted members may.
    const member = await person();
    expect((await reply(topic.id, member.cookie, body)).status).toBe(302);

    // Nor can a new user add the links afterwards by editing.
    expect((await reply(topic.id, author.cookie, "A plain first post")).status).toBe(302);
    const own = await replyOf(topic.id, author.user.id);
    const edit = await act(topic.id, author.cookie, {
      intent: "edit",
      number: String(own.number),
      body,
      reason: "",
    });
    expect(edit.status).toBe(422);
    expect((await db.post.findUniqueOrThrow({ where: { id: own.id } })).body).toBe(
      "A plain first post",
    );
  });
});

describe("/community/u/:handle", () => {
  async function profile(handle: string, cookie?: string) {
    const res = await runLoader(
      profileLoader,
      getRequest(`/community/u/${handle}`, cookie ? { Cookie: cookie } : {}),
      { handle },
    );
    return {
      status: res.status,
      data:
        res.status === 200
          ? ((await res.json()) as {
              profile: { name: string; accountName: string | null; reputation: number };
              badges: Array<{ key: string }>;
              topics: Array<{ id: string }>;
              replies: Array<{ id: string; accepted: boolean }>;
            })
          : null,
    };
  }

  it("shows reputation, badges and recent posts, and the company only when allowed", async () => {
    const author = await person({ handle: "mika" });
    const fan = await person();
    const topic = await createTopic();
    await reply(topic.id, author.cookie, "Try the export button");
    const post = await replyOf(topic.id, author.user.id);
    await act(topic.id, fan.cookie, { intent: "like", postId: post.id });

    const shown = await profile("mika");
    expect(shown.status).toBe(200);
    expect(shown.data!.profile).toMatchObject({ reputation: W.likeReceived, accountName: null });
    expect(shown.data!.badges.map((b) => b.key)).toEqual(["first_post", "first_like"]);
    expect(shown.data!.replies.map((r) => r.id)).toEqual([post.id]);
    // Handles are case-insensitive in links.
    expect((await profile("Mika")).status).toBe(200);

    const toggled = await runAction(
      settingsAction,
      formRequest(
        "/settings",
        { intent: "community", showAccountName: "on" },
        { Cookie: author.cookie },
      ),
    );
    expect(toggled.status).toBe(200);
    const account = await db.account.findUniqueOrThrow({ where: { id: author.user.accountId! } });
    expect((await profile("mika")).data!.profile.accountName).toBe(account.name);
  });

  it("answers 404 for unknown handles and for people with nothing the viewer may see", async () => {
    expect((await profile("nobody_here")).status).toBe(404);
    expect((await profile("bad handle!")).status).toBe(404);

    // Only a held post so far: the author and staff see the profile, others do not.
    const author = await newcomer();
    const topic = await createTopic();
    await reply(topic.id, author.cookie, "Held for now");
    const { handle } = await db.user.findUniqueOrThrow({ where: { id: author.user.id } });
    const other = await person();
    const cs = await person({ role: "cs" });
    expect((await profile(handle!, other.cookie)).status).toBe(404);
    expect((await profile(handle!)).status).toBe(404);
    expect((await profile(handle!, author.cookie)).data!.replies).toHaveLength(1);
    expect((await profile(handle!, cs.cookie)).status).toBe(200);

    // Posts only in an enterprise category: not for a team-plan customer.
    const enterprise = await createForumCategory({ audiencePlans: ["enterprise"] });
    const insider = await person({ plan: "enterprise", handle: "eri" });
    const secret = await createTopic({ categoryId: enterprise.id, authorId: insider.user.id });
    const peer = await person({ plan: "enterprise" });
    expect((await profile("eri", other.cookie)).status).toBe(404);
    expect((await profile("eri", peer.cookie)).data!.topics.map((t) => t.id)).toEqual([secret.id]);
  });
});
