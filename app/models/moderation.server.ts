// What the moderation console reads: the queues (flagged, held, hidden), suspended users and
// the moderators' audit log. Staff only: the routes call requireStaff before any of these.
import type { Locale } from "~/i18n";
import { db } from "~/utils/db.server";
import { markdownToText } from "~/utils/markdown.server";
import {
  excerpt,
  MODERATION_AUDIT,
  MODERATION_AUDIT_PREFIX,
  MODERATION_LIMITS,
} from "./moderation-policy";

const authorSelect = {
  select: { id: true, name: true, email: true, role: true, suspendedUntil: true },
} as const;

const postSelect = {
  id: true,
  number: true,
  body: true,
  state: true,
  createdAt: true,
  updatedAt: true,
  author: authorSelect,
  topic: { select: { id: true, title: true } },
} as const;

type PostRow = {
  id: string;
  number: number;
  body: string;
  state: string;
  createdAt: Date;
  updatedAt: Date;
  author: {
    id: string;
    name: string;
    email: string;
    role: string;
    suspendedUntil: Date | null;
  } | null;
  topic: { id: string; title: string };
};

function toItem(post: PostRow, now: Date) {
  return {
    postId: post.id,
    number: post.number,
    excerpt: excerpt(markdownToText(post.body)),
    body: post.body,
    state: post.state,
    createdAt: post.createdAt,
    topic: post.topic,
    author: post.author
      ? {
          id: post.author.id,
          name: post.author.name,
          email: post.author.email,
          customer: post.author.role === "member" || post.author.role === "account_admin",
          suspended: !!post.author.suspendedUntil && post.author.suspendedUntil > now,
        }
      : null,
  };
}
export type QueuePost = ReturnType<typeof toItem>;

/** Open flags grouped by post, the longest-waiting first, with reasons counted. */
export async function listFlaggedPosts(now = new Date()) {
  const flags = await db.flag.findMany({
    where: { status: "open" },
    orderBy: { createdAt: "asc" },
    take: MODERATION_LIMITS.queueMax * 5,
    select: {
      id: true,
      reason: true,
      note: true,
      createdAt: true,
      postId: true,
      reporter: { select: { name: true } },
    },
  });
  const postIds = [...new Set(flags.map((f) => f.postId))].slice(0, MODERATION_LIMITS.queueMax);
  const posts = await db.post.findMany({ where: { id: { in: postIds } }, select: postSelect });
  const byId = new Map(posts.map((p) => [p.id, p]));
  return postIds.flatMap((postId) => {
    const post = byId.get(postId);
    if (!post) return [];
    const own = flags.filter((f) => f.postId === postId);
    const reasons: Record<string, number> = {};
    for (const f of own) reasons[f.reason] = (reasons[f.reason] ?? 0) + 1;
    return [
      {
        ...toItem(post, now),
        flagCount: own.length,
        firstFlaggedAt: own[0]!.createdAt,
        reasons: Object.entries(reasons)
          .sort((a, b) => b[1] - a[1])
          .map(([reason, count]) => ({ reason, count })),
        notes: own
          .filter((f) => f.note)
          .map((f) => ({ id: f.id, note: f.note, reporter: f.reporter?.name ?? null })),
      },
    ];
  });
}
export type FlaggedPost = Awaited<ReturnType<typeof listFlaggedPosts>>[number];

const topicSelect = {
  id: true,
  title: true,
  state: true,
  createdAt: true,
  updatedAt: true,
  category: { select: { nameEn: true, nameJa: true } },
  posts: { where: { number: 1 }, select: postSelect },
} as const;

/**
 * Topics and posts in one state. A topic and its opening post share their state, so a topic
 * appears once (as a topic) and its opening post is not listed again.
 */
async function listInState(state: "pending" | "hidden", locale: Locale, now: Date) {
  const order = state === "pending" ? ("asc" as const) : ("desc" as const);
  const [topics, posts] = await Promise.all([
    db.topic.findMany({
      where: { state, mergedIntoId: null },
      orderBy: { updatedAt: order },
      take: MODERATION_LIMITS.queueMax,
      select: topicSelect,
    }),
    db.post.findMany({
      where: {
        state,
        NOT: { number: 1, topic: { state } },
        topic: { mergedIntoId: null },
      },
      orderBy: { updatedAt: order },
      take: MODERATION_LIMITS.queueMax,
      select: postSelect,
    }),
  ]);
  return {
    topics: topics.map((t) => ({
      id: t.id,
      title: t.title,
      createdAt: t.createdAt,
      category: locale === "ja" ? t.category.nameJa : t.category.nameEn,
      opening: t.posts[0] ? toItem(t.posts[0], now) : null,
    })),
    posts: posts.map((p) => toItem(p, now)),
  };
}

export function listPending(locale: Locale, now = new Date()) {
  return listInState("pending", locale, now);
}

export function listHidden(locale: Locale, now = new Date()) {
  return listInState("hidden", locale, now);
}

export async function listSuspendedUsers(now = new Date()) {
  const users = await db.user.findMany({
    where: { suspendedUntil: { gt: now } },
    orderBy: { suspendedUntil: "asc" },
    take: MODERATION_LIMITS.queueMax,
    select: {
      id: true,
      name: true,
      email: true,
      suspendedUntil: true,
      suspensionReason: true,
      account: { select: { name: true } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    account: u.account?.name ?? null,
    until: u.suspendedUntil!,
    reason: u.suspensionReason ?? "",
  }));
}

/** A customer by e-mail, for the "suspend a user" form. */
export function findUserByEmail(email: string) {
  return db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true },
  });
}

/** The moderators' actions, newest first, one page at a time. */
export async function listModerationLog(page: number) {
  const where = { action: { startsWith: MODERATION_AUDIT_PREFIX } };
  const size = MODERATION_LIMITS.auditPageSize;
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * size,
      take: size,
      select: {
        id: true,
        action: true,
        targetType: true,
        targetId: true,
        data: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
  ]);
  const userIds = rows.filter((r) => r.targetType === "user" && r.targetId).map((r) => r.targetId!);
  const users = userIds.length
    ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
    : [];
  const userName = new Map(users.map((u) => [u.id, u.name]));
  return {
    total,
    pages: Math.max(1, Math.ceil(total / size)),
    rows: rows.map((r) => {
      const data = JSON.parse(r.data) as {
        topicId?: string;
        number?: number;
        reason?: string;
        targetId?: string;
        title?: string;
      };
      const topicId = r.targetType === "topic" ? r.targetId : (data.topicId ?? null);
      return {
        id: r.id,
        action: r.action.slice(MODERATION_AUDIT_PREFIX.length),
        actor: r.actor?.name ?? null,
        automatic: r.action === MODERATION_AUDIT.postAutoHidden,
        createdAt: r.createdAt,
        reason: data.reason ?? "",
        targetType: r.targetType,
        // Merged topics point at their target; posts at their place when the action happened.
        link:
          r.action === MODERATION_AUDIT.topicMerged && data.targetId
            ? `/community/t/${data.targetId}`
            : topicId
              ? `/community/t/${topicId}${data.number ? `/p/${data.number}` : ""}`
              : null,
        label:
          r.targetType === "user"
            ? (userName.get(r.targetId ?? "") ?? null)
            : data.number
              ? `#${data.number}`
              : (data.title ?? null),
      };
    }),
  };
}

/** How many items each queue tab holds. */
export async function countQueues(now = new Date()) {
  const inState = (state: "pending" | "hidden") =>
    Promise.all([
      db.topic.count({ where: { state, mergedIntoId: null } }),
      db.post.count({
        where: { state, NOT: { number: 1, topic: { state } }, topic: { mergedIntoId: null } },
      }),
    ]).then(([topics, posts]) => topics + posts);
  const [flagged, pending, hidden, suspended] = await Promise.all([
    db.flag.groupBy({ by: ["postId"], where: { status: "open" } }).then((g) => g.length),
    inState("pending"),
    inState("hidden"),
    db.user.count({ where: { suspendedUntil: { gt: now } } }),
  ]);
  return { flagged, pending, hidden, suspended };
}

/** What waits for a moderator (the console's navigation shows it): flagged and held items. */
export async function countOpenQueue(): Promise<number> {
  const [flagged, topics, posts] = await Promise.all([
    db.flag.groupBy({ by: ["postId"], where: { status: "open" } }),
    db.topic.count({ where: { state: "pending", mergedIntoId: null } }),
    db.post.count({
      where: {
        state: "pending",
        NOT: { number: 1, topic: { state: "pending" } },
        topic: { mergedIntoId: null },
      },
    }),
  ]);
  return flagged.length + topics + posts;
}

/** Where an old link into a merged topic now points: the target and the post-number offset. */
export async function findMergeRedirect(topicId: string) {
  const topic = await db.topic.findUnique({
    where: { id: topicId },
    select: { mergedIntoId: true },
  });
  if (!topic?.mergedIntoId) return null;
  const entry = await db.auditLog.findFirst({
    where: { action: MODERATION_AUDIT.topicMerged, targetType: "topic", targetId: topicId },
    orderBy: { createdAt: "desc" },
    select: { data: true },
  });
  const offset = entry ? Number((JSON.parse(entry.data) as { offset?: number }).offset ?? 0) : 0;
  return { targetId: topic.mergedIntoId, offset };
}

/** What the topic page's moderator menu needs: the categories and the topic's own. */
export async function getTopicModeration(topicId: string, locale: Locale) {
  const [categories, topic] = await Promise.all([
    db.forumCategory.findMany({
      orderBy: [{ position: "asc" }, { nameEn: "asc" }],
      select: { id: true, nameEn: true, nameJa: true },
    }),
    db.topic.findUnique({ where: { id: topicId }, select: { categoryId: true } }),
  ]);
  return {
    categoryId: topic?.categoryId ?? "",
    categories: categories.map((c) => ({ id: c.id, name: locale === "ja" ? c.nameJa : c.nameEn })),
  };
}
