// Articles as the CS team sees them in /admin/content: every locale and status, with the content
// health numbers that tell which pieces fail their readers. Callers check requireStaff.
import { db, type Prisma } from "~/utils/db.server";
import { ARTICLE_STATUSES, ARTICLE_TYPES, parseList } from "./article-policy";
import { PLANS } from "~/models/segment";

/** Fewer votes than this and the helpful ratio means nothing: the list shows "—". */
export const MIN_VOTES_FOR_RATIO = 5;
/** An article not updated for this many days counts as stale. */
export const STALE_AFTER_DAYS = 180;
/**
 * How much each problem adds to the "needs attention" score (0–100). A low helpful ratio weighs
 * most: readers told us it fails. Support requests after reading count per request up to a cap.
 */
export const ATTENTION_WEIGHTS = {
  /** Multiplied by (1 − helpful ratio), so an article nobody found helpful gets all of it. */
  unhelpful: 50,
  stale: 20,
  perSupportRequest: 6,
  supportRequestsMax: 30,
} as const;
/** Articles per page of the content list. */
export const CONTENT_PAGE_SIZE = 50;
/** Longer search text is cut, not refused: it comes from a GET form and shared links. */
export const CONTENT_SEARCH_MAX_LENGTH = 100;
/** Unhelpful comments shown on the article's editor page, newest first. */
export const COMMENTS_SHOWN = 50;

export { PLANS };
export const AUDIENCE_SEGMENTS = ["high_touch", "low_touch", "tech_touch"] as const;
export const CONTENT_SORTS = ["updated", "attention", "views", "title"] as const;
export type ContentSort = (typeof CONTENT_SORTS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** helpful / (helpful + unhelpful), or null while there are too few votes to tell. */
export function helpfulRatio(helpful: number, unhelpful: number): number | null {
  const votes = helpful + unhelpful;
  return votes < MIN_VOTES_FOR_RATIO ? null : helpful / votes;
}

export function isStale(updatedAt: Date, now: Date): boolean {
  return now.getTime() - updatedAt.getTime() >= STALE_AFTER_DAYS * DAY_MS;
}

/** 0–100: the higher, the sooner CS should look at the article. */
export function needsAttentionScore(
  input: { helpful: number; unhelpful: number; supportRequests: number; updatedAt: Date },
  now = new Date(),
): number {
  const ratio = helpfulRatio(input.helpful, input.unhelpful);
  const unhelpful = ratio === null ? 0 : ATTENTION_WEIGHTS.unhelpful * (1 - ratio);
  const stale = isStale(input.updatedAt, now) ? ATTENTION_WEIGHTS.stale : 0;
  const requests = Math.min(
    ATTENTION_WEIGHTS.supportRequestsMax,
    input.supportRequests * ATTENTION_WEIGHTS.perSupportRequest,
  );
  return Math.round(unhelpful + stale + requests);
}

/** How search text and titles are compared, the same on SQLite and PostgreSQL (see account.server.ts). */
export function searchKey(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

export type ContentFilters = {
  q: string;
  status: (typeof ARTICLE_STATUSES)[number] | null;
  locale: "ja" | "en" | null;
  type: (typeof ARTICLE_TYPES)[number] | null;
  categoryId: string | null;
  sort: ContentSort;
  page: number;
};

/** Unknown filter values come from edited links: they mean "no filter", not an error page. */
export function parseContentFilters(params: URLSearchParams): ContentFilters {
  const status = params.get("status");
  const locale = params.get("locale");
  const type = params.get("type");
  const sort = params.get("sort");
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q: (params.get("q") ?? "").trim().slice(0, CONTENT_SEARCH_MAX_LENGTH),
    status: isOneOf(ARTICLE_STATUSES, status) ? status : null,
    locale: isOneOf(["ja", "en"] as const, locale) ? locale : null,
    type: isOneOf(ARTICLE_TYPES, type) ? type : null,
    categoryId: params.get("category") || null,
    sort: isOneOf(CONTENT_SORTS, sort) ? sort : "updated",
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export type ArticleHealth = {
  views: number;
  helpful: number;
  unhelpful: number;
  ratio: number | null;
  unhelpfulComments: number;
  supportRequests: number;
  stale: boolean;
  attention: number;
};

/** Votes, comments and support requests per article, counted from the rows themselves. */
export async function healthCounts(articleIds: string[]) {
  const where = { articleId: { in: articleIds } };
  const [votes, comments, requests] = await Promise.all([
    db.articleFeedback.groupBy({ by: ["articleId", "helpful"], where, _count: { _all: true } }),
    db.articleFeedback.groupBy({
      by: ["articleId"],
      where: {
        ...where,
        helpful: false,
        AND: [{ comment: { not: null } }, { comment: { not: "" } }],
      },
      _count: { _all: true },
    }),
    db.supportRequest.groupBy({ by: ["articleId"], where, _count: { _all: true } }),
  ]);
  const counts = new Map<
    string,
    { helpful: number; unhelpful: number; comments: number; requests: number }
  >();
  const entry = (id: string) => {
    let e = counts.get(id);
    if (!e) {
      e = { helpful: 0, unhelpful: 0, comments: 0, requests: 0 };
      counts.set(id, e);
    }
    return e;
  };
  for (const v of votes) entry(v.articleId)[v.helpful ? "helpful" : "unhelpful"] = v._count._all;
  for (const c of comments) entry(c.articleId).comments = c._count._all;
  for (const r of requests) if (r.articleId) entry(r.articleId).requests = r._count._all;
  return (id: string) => counts.get(id) ?? { helpful: 0, unhelpful: 0, comments: 0, requests: 0 };
}

function toHealth(
  views: number,
  c: { helpful: number; unhelpful: number; comments: number; requests: number },
  updatedAt: Date,
  now: Date,
): ArticleHealth {
  return {
    views,
    helpful: c.helpful,
    unhelpful: c.unhelpful,
    ratio: helpfulRatio(c.helpful, c.unhelpful),
    unhelpfulComments: c.comments,
    supportRequests: c.requests,
    stale: isStale(updatedAt, now),
    attention: needsAttentionScore(
      { helpful: c.helpful, unhelpful: c.unhelpful, supportRequests: c.requests, updatedAt },
      now,
    ),
  };
}

const listSelect = {
  id: true,
  slug: true,
  title: true,
  locale: true,
  type: true,
  status: true,
  publishAt: true,
  viewCount: true,
  updatedAt: true,
  category: { select: { id: true, nameEn: true, nameJa: true } },
  author: { select: { name: true } },
} satisfies Prisma.ArticleSelect;

/**
 * The content list with health numbers. Filtering by text and sorting by health happen in code:
 * Prisma's `contains` is case-sensitive on PostgreSQL and treats % and _ as wildcards, and the
 * score is not a column. A few thousand short rows stay cheap.
 */
export async function listContent(filters: ContentFilters, now = new Date()) {
  const where: Prisma.ArticleWhereInput = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.locale ? { locale: filters.locale } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
  };
  const [rows, categories] = await Promise.all([
    db.article.findMany({
      where,
      select: listSelect,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    }),
    listCategories(),
  ]);
  const key = searchKey(filters.q);
  const matches = key ? rows.filter((r) => searchKey(r.title).includes(key)) : rows;
  const counts = await healthCounts(matches.map((r) => r.id));
  const articles = matches.map((r) => ({
    ...r,
    health: toHealth(r.viewCount, counts(r.id), r.updatedAt, now),
  }));
  const bySort: Record<
    ContentSort,
    (a: (typeof articles)[number], b: (typeof articles)[number]) => number
  > = {
    updated: () => 0, // already in that order
    attention: (a, b) => b.health.attention - a.health.attention,
    views: (a, b) => b.health.views - a.health.views,
    title: (a, b) => a.title.localeCompare(b.title),
  };
  articles.sort(bySort[filters.sort]); // stable: ties keep the most recently updated first
  const total = articles.length;
  const pageCount = Math.max(1, Math.ceil(total / CONTENT_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  return {
    articles: articles.slice((page - 1) * CONTENT_PAGE_SIZE, page * CONTENT_PAGE_SIZE),
    total,
    page,
    pageCount,
    categories,
  };
}

export function listCategories() {
  return db.category.findMany({
    select: { id: true, slug: true, nameEn: true, nameJa: true },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
  });
}

/** Everything the editor page shows for one article, or null. */
export async function getArticleForEditor(id: string, now = new Date()) {
  const article = await db.article.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      locale: true,
      translationKey: true,
      type: true,
      categoryId: true,
      title: true,
      summary: true,
      body: true,
      status: true,
      publishAt: true,
      publishedAt: true,
      audience: true,
      audiencePlans: true,
      audienceSegments: true,
      revisionNumber: true,
      viewCount: true,
      updatedAt: true,
      author: { select: { name: true } },
      reviewer: { select: { name: true } },
      tags: { select: { tag: { select: { name: true } } } },
    },
  });
  if (!article) return null;
  const [lastRevision, comments, counts] = await Promise.all([
    db.articleRevision.findFirst({
      where: { articleId: id },
      orderBy: { number: "desc" },
      select: { number: true, createdAt: true, authorId: true, author: { select: { name: true } } },
    }),
    db.articleFeedback.findMany({
      where: {
        articleId: id,
        helpful: false,
        AND: [{ comment: { not: null } }, { comment: { not: "" } }],
      },
      select: { id: true, comment: true, updatedAt: true, account: { select: { name: true } } },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: COMMENTS_SHOWN,
    }),
    healthCounts([id]),
  ]);
  const { tags, audiencePlans, audienceSegments, ...rest } = article;
  return {
    article: {
      ...rest,
      tags: tags.map((t) => t.tag.name),
      audiencePlans: parseList(audiencePlans),
      audienceSegments: parseList(audienceSegments),
    },
    lastRevision,
    comments,
    health: toHealth(article.viewCount, counts(id), article.updatedAt, now),
  };
}

/** The latest revision with its author, for the conflict message. */
export function getLatestRevision(articleId: string) {
  return db.articleRevision.findFirst({
    where: { articleId },
    orderBy: { number: "desc" },
    select: {
      number: true,
      title: true,
      summary: true,
      body: true,
      createdAt: true,
      author: { select: { name: true } },
    },
  });
}

/** Revisions of an article, newest first, and the two chosen for comparison. */
export async function getHistory(articleId: string, from: number | null, to: number | null) {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: { id: true, title: true, slug: true, revisionNumber: true },
  });
  if (!article) return null;
  const revisions = await db.articleRevision.findMany({
    where: { articleId },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      source: true,
      createdAt: true,
      title: true,
      author: { select: { name: true } },
    },
  });
  // By default: the newest against the one before it.
  const toNumber = to ?? revisions[0]?.number ?? null;
  const fromNumber =
    from ?? revisions.find((r) => toNumber !== null && r.number < toNumber)?.number ?? null;
  const pick = (number: number | null) =>
    number === null
      ? Promise.resolve(null)
      : db.articleRevision.findUnique({
          where: { articleId_number: { articleId, number } },
          select: { number: true, title: true, summary: true, body: true },
        });
  const [fromRevision, toRevision] = await Promise.all([pick(fromNumber), pick(toNumber)]);
  return { article, revisions, from: fromRevision, to: toRevision };
}

/** Categories with their article counts and tags with theirs, for the taxonomy page. */
export async function getTaxonomy() {
  const [categories, tags] = await Promise.all([
    db.category.findMany({
      select: {
        id: true,
        slug: true,
        nameEn: true,
        nameJa: true,
        descriptionEn: true,
        descriptionJa: true,
        position: true,
        _count: { select: { articles: true } },
      },
      orderBy: [{ position: "asc" }, { slug: "asc" }],
    }),
    db.tag.findMany({
      select: { id: true, slug: true, name: true, _count: { select: { articles: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  return { categories, tags };
}

/** The community topic a draft was made from (app/commands/convert-topic.server.ts), if any. */
export function sourceTopicOf(articleId: string) {
  return db.topic.findFirst({ where: { articleId }, select: { id: true, title: true } });
}
