// Reading one community topic: the viewer, access checks shared by the commands, and the topic
// page (one page of posts, rendered through a cache so that long topics stay fast).
import { redirect } from "@remix-run/node";
import type { Locale } from "~/i18n";
import {
  canAcceptAnswer,
  canEditPost,
  canLike,
  canReply,
  canSeePost,
  canSeeTopic,
  canVoteIdea,
  FORUM_LIMITS,
  isSuspended,
  MENTION_PATTERN,
  pageCount,
  pageOfPost,
  profilePath,
  quoteBody,
  type ForumViewer,
} from "~/models/forum-policy";
import { canFlag, excerpt } from "~/models/moderation-policy";
import { isStaff } from "~/models/roles";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Prisma } from "~/utils/db.server";
import { markdownToText, renderMarkdown } from "~/utils/markdown.server";
import { notFound } from "~/utils/request.server";

/** One view per user (or per address for visitors) and topic in this window, as for articles. */
export const TOPIC_VIEW_WINDOW_MS = 30 * 60 * 1000;
/** Rendered posts kept in memory: a few busy topics' pages (~2 KB of HTML each, ~10 MB in all). */
export const POST_RENDER_CACHE_SIZE = 5_000;

export async function loadForumViewer(user: SessionUser | null): Promise<ForumViewer> {
  if (!user) return null;
  const row = await db.user.findUnique({
    where: { id: user.id },
    select: { suspendedUntil: true, account: { select: { plan: true } } },
  });
  return {
    id: user.id,
    role: user.role,
    accountId: user.accountId,
    account: row?.account ?? null,
    suspendedUntil: row?.suspendedUntil ?? null,
  };
}

const topicAccessSelect = {
  id: true,
  title: true,
  kind: true,
  authorId: true,
  accountId: true,
  state: true,
  locked: true,
  acceptedPostId: true,
  category: { select: { audiencePlans: true } },
} as const;

export type TopicForCommand = Prisma.TopicGetPayload<{ select: typeof topicAccessSelect }>;

/** The topic if the viewer may see it, else a 404 (never 403: hidden topics stay unknown). */
export async function findVisibleTopic(
  viewer: ForumViewer,
  topicId: string,
  client: Pick<Prisma.TransactionClient, "topic"> = db,
): Promise<TopicForCommand> {
  const topic = await client.topic.findUnique({
    where: { id: topicId },
    select: topicAccessSelect,
  });
  if (!topic || !canSeeTopic(viewer, topic)) throw notFound();
  return topic;
}

/** Which posts the viewer may see, as a query: staff all, authors their held ones, others visible. */
export function visiblePostsWhere(viewer: ForumViewer): Prisma.PostWhereInput {
  if (viewer && isStaff(viewer)) return {};
  if (!viewer) return { state: "visible" };
  return { OR: [{ state: "visible" }, { state: "pending", authorId: viewer.id }] };
}

// ---------------------------------------------------------------------------------------------
// Rendering

const renderCache = new Map<string, { body: string; html: string }>();

/**
 * A post's HTML, cached by post id and checked against the body, so an edit (by any process)
 * is never served stale while likes and other counter updates do not cost a re-render.
 */
export function renderPost(post: { id: string; body: string }): string {
  const cached = renderCache.get(post.id);
  if (cached && cached.body === post.body) {
    renderCache.delete(post.id);
    renderCache.set(post.id, cached);
    return cached.html;
  }
  const { html } = renderMarkdown(post.body, {
    mentions: { pattern: MENTION_PATTERN, href: profilePath },
  });
  renderCache.set(post.id, { body: post.body, html });
  while (renderCache.size > POST_RENDER_CACHE_SIZE) {
    const oldest = renderCache.keys().next().value;
    if (oldest === undefined) break;
    renderCache.delete(oldest);
  }
  return html;
}

// ---------------------------------------------------------------------------------------------
// The page

const postSelect = {
  id: true,
  number: true,
  body: true,
  state: true,
  authorId: true,
  likeCount: true,
  editCount: true,
  editedAt: true,
  createdAt: true,
  author: {
    select: {
      name: true,
      handle: true,
      role: true,
      showAccountName: true,
      account: { select: { name: true } },
      deletedAt: true,
    },
  },
} as const;

type PostRow = Prisma.PostGetPayload<{ select: typeof postSelect }>;

/** "cs" and "staff" badges beside staff names; customers get none. */
export type AuthorBadge = "cs" | "staff" | null;

function authorOf(post: PostRow) {
  const a = post.author;
  // A person who deleted their account reads as "former user" (docs/decisions/0015).
  if (!a || a.deletedAt) return { name: null, handle: null, badge: null, accountName: null };
  const badge: AuthorBadge = a.role === "cs" ? "cs" : a.role === "admin" ? "staff" : null;
  return {
    name: a.name,
    handle: a.handle,
    badge,
    // Customers choose whether their company is named beside them (User.showAccountName).
    accountName: a.showAccountName && a.account ? a.account.name : null,
  };
}

export type TopicPageOptions = {
  page: number;
  locale: Locale;
  /** ?quote=N: the reply form starts with post N quoted. */
  quote?: number | null;
  /** ?edit=N: the edit form for post N. */
  edit?: number | null;
};

/** Characters of a topic's meta description; search engines show about this many. */
const META_DESCRIPTION_LENGTH = 160;

export async function getTopicPage(
  viewer: ForumViewer,
  topicId: string,
  options: TopicPageOptions,
  now = new Date(),
) {
  const topic = await db.topic.findUnique({
    where: { id: topicId },
    select: {
      ...topicAccessSelect,
      locale: true,
      ideaStatus: true,
      pinned: true,
      mergedIntoId: true,
      voteCount: true,
      viewCount: true,
      replyCount: true,
      createdAt: true,
      articleId: true,
      category: { select: { slug: true, nameEn: true, nameJa: true, audiencePlans: true } },
      tags: { select: { tag: { select: { slug: true, name: true } } } },
    },
  });
  // A duplicate merged away: its readers may read the target (checked when merging).
  if (topic?.mergedIntoId) throw redirect(`/community/t/${topic.mergedIntoId}`, 301);
  if (!topic || !canSeeTopic(viewer, topic)) throw notFound();

  const visible = { topicId, ...visiblePostsWhere(viewer) };
  const total = await db.post.count({ where: visible });
  const pages = pageCount(total);
  if (!Number.isInteger(options.page) || options.page < 1 || options.page > pages) throw notFound();

  const [rows, accepted, watch, vote, read, quoted, editing] = await Promise.all([
    db.post.findMany({
      where: visible,
      orderBy: { number: "asc" },
      skip: (options.page - 1) * FORUM_LIMITS.pageSize,
      take: FORUM_LIMITS.pageSize,
      select: postSelect,
    }),
    topic.acceptedPostId && options.page === 1
      ? db.post.findFirst({ where: { ...visible, id: topic.acceptedPostId }, select: postSelect })
      : null,
    viewer
      ? db.topicWatch.findUnique({
          where: { topicId_userId: { topicId, userId: viewer.id } },
          select: { userId: true },
        })
      : null,
    viewer && topic.kind === "idea"
      ? db.topicVote.findUnique({
          where: { topicId_userId: { topicId, userId: viewer.id } },
          select: { userId: true },
        })
      : null,
    viewer
      ? db.topicRead.findUnique({
          where: { topicId_userId: { topicId, userId: viewer.id } },
          select: { lastReadNumber: true },
        })
      : null,
    options.quote
      ? db.post.findFirst({ where: { ...visible, number: options.quote }, select: { body: true } })
      : null,
    options.edit
      ? db.post.findFirst({
          where: { ...visible, number: options.edit },
          select: { number: true, body: true, authorId: true, state: true },
        })
      : null,
  ]);

  const shownIds = [...rows, ...(accepted ? [accepted] : [])].map((p) => p.id);
  const edited = rows.filter((p) => p.editCount > 0).map((p) => p.id);
  const staff = !!viewer && isStaff(viewer);
  const [liked, flagged, openFlags, revisions] = await Promise.all([
    viewer
      ? db.postLike.findMany({
          where: { userId: viewer.id, postId: { in: shownIds } },
          select: { postId: true },
        })
      : [],
    viewer && !staff
      ? db.flag.findMany({
          where: { reporterId: viewer.id, postId: { in: shownIds } },
          select: { postId: true },
        })
      : [],
    // Moderators see how many open flags each post has.
    staff
      ? db.flag.groupBy({
          by: ["postId"],
          where: { postId: { in: shownIds }, status: "open" },
          _count: { _all: true },
        })
      : [],
    edited.length
      ? await db.postRevision.findMany({
          where: { postId: { in: edited } },
          orderBy: { number: "desc" },
          select: {
            postId: true,
            number: true,
            body: true,
            reason: true,
            createdAt: true,
            editor: { select: { name: true } },
          },
        })
      : [],
  ]);

  const likedIds = new Set(liked.map((l) => l.postId));
  const flaggedIds = new Set(flagged.map((f) => f.postId));
  const openFlagCount = new Map(openFlags.map((f) => [f.postId, f._count._all]));
  const mayAccept = canAcceptAnswer(viewer, topic, now);
  const toPost = (p: PostRow) => ({
    id: p.id,
    number: p.number,
    html: renderPost(p),
    state: p.state,
    author: authorOf(p),
    likeCount: p.likeCount,
    liked: likedIds.has(p.id),
    editCount: p.editCount,
    editedAt: p.editedAt,
    createdAt: p.createdAt,
    accepted: p.id === topic.acceptedPostId,
    canEdit: canEditPost(viewer, p, now),
    canLike: canLike(viewer, p, now),
    canFlag: canFlag(viewer, p, now),
    flagged: flaggedIds.has(p.id),
    openFlags: openFlagCount.get(p.id) ?? 0,
    canAccept: mayAccept && p.number > 1 && p.state === "visible",
    unread: !!viewer && !!read && p.number > read.lastReadNumber,
    revisions: revisions
      .filter((r) => r.postId === p.id)
      .map((r) => ({
        number: r.number,
        body: r.body,
        reason: r.reason,
        createdAt: r.createdAt,
        editor: r.editor?.name ?? null,
      })),
  });

  // What search engines and link previews show: the start of the opening post.
  const opening =
    options.page === 1
      ? rows[0]
      : await db.post.findFirst({ where: { ...visible, number: 1 }, select: { body: true } });
  const description = opening ? excerpt(markdownToText(opening.body), META_DESCRIPTION_LENGTH) : "";

  const category = topic.category;
  const draft =
    staff && topic.articleId
      ? await db.article.findUnique({
          where: { id: topic.articleId },
          select: { id: true, title: true },
        })
      : null;
  return {
    topic: {
      id: topic.id,
      title: topic.title,
      kind: topic.kind,
      locale: topic.locale,
      state: topic.state,
      locked: topic.locked,
      pinned: topic.pinned,
      ideaStatus: topic.ideaStatus,
      voteCount: topic.voteCount,
      viewCount: topic.viewCount,
      replyCount: topic.replyCount,
      createdAt: topic.createdAt,
      tags: topic.tags.map((t) => t.tag),
      category: {
        slug: category.slug,
        name: options.locale === "ja" ? category.nameJa : category.nameEn,
      },
    },
    description,
    posts: rows.map(toPost),
    acceptedPost: accepted ? toPost(accepted) : null,
    page: options.page,
    pages,
    total,
    viewer: {
      signedIn: !!viewer,
      suspended: isSuspended(viewer, now),
      watching: !!watch,
      voted: !!vote,
      canReply: canReply(viewer, topic, now),
      canVote: canVoteIdea(viewer, topic, now),
      canSetStatus: !!viewer && isStaff(viewer) && topic.kind === "idea",
      canModerate: staff,
      lastReadNumber: read?.lastReadNumber ?? 0,
    },
    /** Staff only: the KB draft made from this topic, or whether one can be made. */
    knowledge: staff
      ? {
          draft,
          canConvert: !draft && topic.kind === "question" && !!topic.acceptedPostId,
        }
      : null,
    quote: quoted ? quoteBody(quoted.body) : null,
    editing:
      editing && canEditPost(viewer, editing, now) && canSeePost(viewer, editing)
        ? { number: editing.number, body: editing.body }
        : null,
  };
}

export type TopicPage = Awaited<ReturnType<typeof getTopicPage>>;

/** The page and anchor of post N for this viewer, or a 404 when they cannot see it. */
export async function locatePost(viewer: ForumViewer, topicId: string, number: number) {
  await findVisibleTopic(viewer, topicId);
  const where = { topicId, ...visiblePostsWhere(viewer) };
  const post = await db.post.findFirst({ where: { ...where, number }, select: { id: true } });
  if (!post) throw notFound();
  const before = await db.post.count({ where: { ...where, number: { lt: number } } });
  return { page: pageOfPost(before), anchor: `post-${number}` };
}

export function topicPostUrl(topicId: string, location: { page: number; anchor: string }) {
  const query = location.page > 1 ? `?page=${location.page}` : "";
  return `/community/t/${topicId}${query}#${location.anchor}`;
}

/**
 * Counts one view: never for staff, at most once per user (or address) and topic per window.
 * The window is a RateLimit row, so several app processes agree on it.
 */
export async function recordTopicView(
  viewer: ForumViewer,
  topicId: string,
  clientIp: string,
  now = new Date(),
): Promise<boolean> {
  if (viewer && isStaff(viewer)) return false;
  const key = `topic-view:${viewer ? `u:${viewer.id}` : `ip:${clientIp}`}:${topicId}`;
  const since = new Date(now.getTime() - TOPIC_VIEW_WINDOW_MS);
  // Most page loads are inside the window: answer those without opening a transaction.
  const recent = await db.rateLimit.findUnique({ where: { key }, select: { windowStart: true } });
  if (recent && recent.windowStart > since) return false;
  return db.$transaction(async (tx) => {
    const seen = await tx.rateLimit.findUnique({ where: { key }, select: { windowStart: true } });
    if (seen && seen.windowStart > since) return false;
    await tx.rateLimit.upsert({
      where: { key },
      create: { key, count: 1, windowStart: now },
      update: { count: 1, windowStart: now },
    });
    const current = await tx.topic.findUnique({
      where: { id: topicId },
      select: { updatedAt: true },
    });
    if (!current) return false;
    // A view is not an edit: updatedAt stays.
    await tx.topic.update({
      where: { id: topicId },
      data: { viewCount: { increment: 1 }, updatedAt: current.updatedAt },
    });
    return true;
  });
}

/** Moves the viewer's read position forward (never back, so re-reading page 1 keeps it). */
export async function recordTopicRead(
  viewer: ForumViewer,
  topicId: string,
  previous: number,
  lastShown: number,
) {
  if (!viewer || lastShown <= previous) return;
  await db.topicRead.upsert({
    where: { topicId_userId: { topicId, userId: viewer.id } },
    create: { topicId, userId: viewer.id, lastReadNumber: lastShown },
    update: { lastReadNumber: lastShown },
  });
}
