// The community's topic lists (/community) for one viewer. Only categories and topics the viewer
// may see appear: hidden topics never, held ones only to their author. Every list reads one page
// through an indexed ordering with `take`, so it stays fast with tens of thousands of topics.
import type { Locale } from "~/i18n";
import type { SessionUser } from "~/utils/auth.server";
import { db, type Prisma } from "~/utils/db.server";
import {
  canSeeCategory,
  DEFAULT_TOP_PERIOD,
  FORUM_LIMITS,
  TOP_PERIOD_DAYS,
  type ForumViewer,
  type ListTab,
  type TopicKind,
  type TopPeriod,
} from "./forum-policy";

/**
 * "Top" ranks the topics active in the period by replies + likes + views. Ranking needs the sum,
 * which no index holds, so it ranks at most this many of the most recently active topics.
 */
export const TOP_CANDIDATES_MAX = 1_000;
/** Pinned topics shown above the latest list; pinning is rare and moderator-made. */
export const PINNED_MAX = 10;
/**
 * No index covers `pinned`, and finding the few pinned topics among 50,000 costs ~30 ms, so each
 * process reads their ids at most this often. Each list still checks `pinned` and visibility on
 * those ids: an unpinned or hidden topic leaves at once, a newly pinned one shows up this late
 * (at once in the process that calls forgetPinnedTopics).
 */
export const PINNED_IDS_TTL_MS = 30_000;
let pinnedCache: { ids: string[]; readAt: number } | null = null;

/** Call after pinning a topic so this process shows it at once. */
export function forgetPinnedTopics() {
  pinnedCache = null;
}

async function pinnedTopicIds(): Promise<string[]> {
  const now = Date.now();
  if (!pinnedCache || now - pinnedCache.readAt > PINNED_IDS_TTL_MS) {
    const rows = await db.topic.findMany({
      where: { pinned: true, state: "visible" },
      orderBy: { lastPostedAt: "desc" },
      select: { id: true },
    });
    pinnedCache = { ids: rows.map((r) => r.id), readAt: now };
  }
  return pinnedCache.ids;
}
const DAY_MS = 24 * 60 * 60 * 1000;

export type ListFilters = {
  tab: ListTab;
  categorySlug?: string | null;
  tagSlug?: string | null;
  kind?: TopicKind | null;
  locale?: Locale | null;
  period?: TopPeriod;
  /** 1-based. */
  page?: number;
};

/** Everything the forum rules need to know about the person looking. */
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

const categorySelect = {
  id: true,
  slug: true,
  nameEn: true,
  nameJa: true,
  descriptionEn: true,
  descriptionJa: true,
  position: true,
  audiencePlans: true,
} as const;

/** Categories the viewer may see (and so post in), in CS's order. Categories are few. */
export async function listVisibleCategories(viewer: ForumViewer) {
  const categories = await db.forumCategory.findMany({
    select: categorySelect,
    orderBy: [{ position: "asc" }, { nameEn: "asc" }],
  });
  return categories
    .filter((c) => canSeeCategory(viewer, c))
    .map(({ audiencePlans, ...c }) => ({ ...c, restricted: audiencePlans !== "[]" }));
}
export type VisibleCategory = Awaited<ReturnType<typeof listVisibleCategories>>[number];

const rowSelect = {
  id: true,
  kind: true,
  title: true,
  locale: true,
  state: true,
  pinned: true,
  locked: true,
  ideaStatus: true,
  acceptedPostId: true,
  replyCount: true,
  viewCount: true,
  voteCount: true,
  lastPostedAt: true,
  createdAt: true,
  categoryId: true,
  author: { select: { name: true, handle: true, role: true, deletedAt: true } },
  tags: { select: { tag: { select: { slug: true, name: true } } } },
} as const satisfies Prisma.TopicSelect;

type RawRow = Prisma.TopicGetPayload<{ select: typeof rowSelect }>;

export type TopicRow = Omit<RawRow, "tags" | "acceptedPostId" | "author" | "categoryId"> & {
  solved: boolean;
  unread: boolean;
  author: { name: string; handle: string | null; staff: boolean } | null;
  category: { slug: string; nameEn: string; nameJa: string };
  tags: Array<{ slug: string; name: string }>;
};

export type TopicList = {
  tab: ListTab;
  page: number;
  hasNext: boolean;
  rows: TopicRow[];
  categories: VisibleCategory[];
  /** The category or tag filter, when it names one the viewer may see. */
  category: VisibleCategory | null;
  tag: { slug: string; name: string } | null;
  /** The filter named something that does not exist or is not the viewer's to see. */
  unknownFilter: boolean;
};

export async function getTopicList(viewer: ForumViewer, filters: ListFilters): Promise<TopicList> {
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  const categories = await listVisibleCategories(viewer);
  const category = filters.categorySlug
    ? (categories.find((c) => c.slug === filters.categorySlug) ?? null)
    : null;
  const tag = filters.tagSlug
    ? await db.tag.findUnique({
        where: { slug: filters.tagSlug },
        select: { id: true, slug: true, name: true },
      })
    : null;
  const unknownFilter = (!!filters.categorySlug && !category) || (!!filters.tagSlug && !tag);
  const empty: TopicList = {
    tab: filters.tab,
    page,
    hasNext: false,
    rows: [],
    categories,
    category,
    tag: tag ? { slug: tag.slug, name: tag.name } : null,
    unknownFilter,
  };
  if (unknownFilter || (filters.tab === "mine" && !viewer)) return empty;

  const where: Prisma.TopicWhereInput = {
    categoryId: category ? category.id : { in: categories.map((c) => c.id) },
    mergedIntoId: null,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.locale ? { locale: filters.locale } : {}),
    ...(tag ? { tags: { some: { tagId: tag.id } } } : {}),
  };
  const pageSize = FORUM_LIMITS.listPageSize;
  const skip = (page - 1) * pageSize;
  // One extra row tells whether a next page exists without counting every topic.
  const take = pageSize + 1;
  let raw: RawRow[];
  switch (filters.tab) {
    case "latest":
      raw = await latest(viewer, where, skip, take, page);
      break;
    case "top":
      raw = await top(where, filters.period ?? DEFAULT_TOP_PERIOD, skip, take);
      break;
    case "unanswered":
      raw = await db.topic.findMany({
        where: { ...where, state: "visible", kind: "question", acceptedPostId: null },
        orderBy: [{ replyCount: "asc" }, { lastPostedAt: "desc" }],
        select: rowSelect,
        skip,
        take,
      });
      break;
    case "solved":
      raw = await db.topic.findMany({
        where: { ...where, state: "visible", acceptedPostId: { not: null } },
        orderBy: [{ acceptedAt: "desc" }, { lastPostedAt: "desc" }],
        select: rowSelect,
        skip,
        take,
      });
      break;
    case "mine":
      raw = await db.topic.findMany({
        where: { ...where, authorId: viewer!.id, state: { in: ["visible", "pending"] } },
        orderBy: { lastPostedAt: "desc" },
        select: rowSelect,
        skip,
        take,
      });
      break;
  }
  const hasNext = raw.length > pageSize;
  const pageRows = raw.slice(0, pageSize);
  const unread = await unreadIds(viewer, pageRows);
  const byId = new Map(categories.map((c) => [c.id, c]));
  return {
    ...empty,
    hasNext,
    rows: pageRows.map(({ tags, acceptedPostId, author, categoryId, ...row }) => {
      const c = byId.get(categoryId)!;
      return {
        ...row,
        solved: acceptedPostId !== null,
        unread: unread.has(row.id),
        author:
          author && !author.deletedAt
            ? {
                name: author.name,
                handle: author.handle,
                staff: author.role === "cs" || author.role === "admin",
              }
            : null,
        category: { slug: c.slug, nameEn: c.nameEn, nameJa: c.nameJa },
        tags: tags.map((t) => t.tag),
      };
    }),
  };
}

/**
 * Pinned topics first (page 1 only), then the rest by last activity. The viewer's own topics held
 * for review lead page 1, so they can see that their post arrived.
 */
async function latest(
  viewer: ForumViewer,
  where: Prisma.TopicWhereInput,
  skip: number,
  take: number,
  page: number,
): Promise<RawRow[]> {
  const rest = db.topic.findMany({
    where: { ...where, state: "visible", pinned: false },
    orderBy: { lastPostedAt: "desc" },
    select: rowSelect,
    skip,
    take,
  });
  if (page > 1) return rest;
  const [pending, pinned, others] = await Promise.all([
    viewer
      ? db.topic.findMany({
          where: { ...where, state: "pending", authorId: viewer.id },
          orderBy: { lastPostedAt: "desc" },
          select: rowSelect,
          take: PINNED_MAX,
        })
      : [],
    pinnedTopicIds().then((ids) =>
      ids.length
        ? db.topic.findMany({
            where: { ...where, id: { in: ids }, state: "visible", pinned: true },
            orderBy: { lastPostedAt: "desc" },
            select: rowSelect,
            take: PINNED_MAX,
          })
        : [],
    ),
    rest,
  ]);
  return [...pending, ...pinned, ...others];
}

async function top(
  where: Prisma.TopicWhereInput,
  period: TopPeriod,
  skip: number,
  take: number,
): Promise<RawRow[]> {
  const since = new Date(Date.now() - TOP_PERIOD_DAYS[period] * DAY_MS);
  const candidates = await db.topic.findMany({
    where: { ...where, state: "visible", lastPostedAt: { gte: since } },
    orderBy: { lastPostedAt: "desc" },
    select: { id: true, replyCount: true, viewCount: true },
    take: TOP_CANDIDATES_MAX,
  });
  if (!candidates.length) return [];
  const likes = await db.post.groupBy({
    by: ["topicId"],
    where: { topicId: { in: candidates.map((c) => c.id) }, state: "visible" },
    _sum: { likeCount: true },
  });
  const likesOf = new Map(likes.map((l) => [l.topicId, l._sum.likeCount ?? 0]));
  const score = (c: (typeof candidates)[number]) =>
    c.replyCount + c.viewCount + (likesOf.get(c.id) ?? 0);
  // Stable sort: equal scores keep the most recently active first.
  const ids = [...candidates]
    .sort((a, b) => score(b) - score(a))
    .slice(skip, skip + take)
    .map((c) => c.id);
  const rows = await db.topic.findMany({ where: { id: { in: ids } }, select: rowSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Topics with posts the viewer has not read: never opened, or replies since the last read. */
async function unreadIds(viewer: ForumViewer, rows: RawRow[]): Promise<Set<string>> {
  if (!viewer || !rows.length) return new Set();
  const reads = await db.topicRead.findMany({
    where: { userId: viewer.id, topicId: { in: rows.map((r) => r.id) } },
    select: { topicId: true, lastReadNumber: true },
  });
  const lastRead = new Map(reads.map((r) => [r.topicId, r.lastReadNumber]));
  return new Set(
    rows
      .filter((r) => {
        const read = lastRead.get(r.id);
        // Post numbers start at 1 for the opening post, so the last is replyCount + 1.
        return read === undefined || read < r.replyCount + 1;
      })
      .map((r) => r.id),
  );
}
