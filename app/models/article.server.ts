// Reading the help center: lists, one article page, and the view counter. Every list is filtered
// by canReadArticle for the viewer, so drafts, scheduled and restricted articles never leak.
import { isLocale, type Locale } from "~/i18n";
import { canReadArticle, isLive, type Viewer } from "~/models/article-policy";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { isStaff } from "~/models/roles";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { renderMarkdown, type Heading } from "~/utils/markdown.server";
import { notFound } from "~/utils/request.server";

/** The signed-in user (or nobody) with what the audience rules need: the account's plan and segment. */
export type KbViewer = {
  id: string;
  role: string;
  accountId: string | null;
  account: { plan: string; segment: string } | null;
} | null;

export const KB_LIST_LIMITS = { mostViewed: 5, recentlyUpdated: 5, related: 5 } as const;
/** A TOC helps from this many headings on; shorter articles read fine without one. */
export const TOC_MIN_HEADINGS = 3;
/** One view per user (or per address for visitors) and article in this window. */
export const VIEW_WINDOW_MS = 30 * 60 * 1000;
/** Rendered articles kept in memory; an entry is used only while the body is unchanged. */
// About 10 KB of HTML each: the whole help center of a typical vendor stays rendered in ~20 MB.
export const RENDER_CACHE_SIZE = 2_000;

export async function loadViewer(user: SessionUser | null): Promise<KbViewer> {
  if (!user) return null;
  const account = user.accountId
    ? await db.account.findUnique({
        where: { id: user.accountId },
        select: { plan: true, segment: true },
      })
    : null;
  return { id: user.id, role: user.role, accountId: user.accountId, account };
}

const accessSelect = {
  status: true,
  publishAt: true,
  audience: true,
  audiencePlans: true,
  audienceSegments: true,
} as const;

const listSelect = {
  id: true,
  slug: true,
  locale: true,
  type: true,
  title: true,
  summary: true,
  categoryId: true,
  position: true,
  viewCount: true,
  ...accessSelect,
} as const;

export type ArticleListItem = {
  slug: string;
  locale: string;
  type: string;
  title: string;
  summary: string;
};

function toListItem(a: ArticleListItem): ArticleListItem {
  return { slug: a.slug, locale: a.locale, type: a.type, title: a.title, summary: a.summary };
}

/** Lists show live articles only, even to staff, who preview drafts from the editor instead. */
function listable(viewer: Viewer, now: Date) {
  return (a: Parameters<typeof canReadArticle>[1]) =>
    isLive(a, now) && canReadArticle(viewer, a, now);
}

function otherLocale(locale: Locale): Locale {
  return locale === "ja" ? "en" : "ja";
}

export type CategorySummary = {
  slug: string;
  name: string;
  description: string;
  articles: ArticleListItem[];
  /** Set when nothing exists in the viewer's language and the other language is shown instead. */
  fallbackLocale: Locale | null;
};

function localizeCategory(
  c: { slug: string; nameEn: string; nameJa: string; descriptionEn: string; descriptionJa: string },
  locale: Locale,
) {
  return {
    slug: c.slug,
    name: locale === "ja" ? c.nameJa : c.nameEn,
    description: locale === "ja" ? c.descriptionJa : c.descriptionEn,
  };
}

const categorySelect = {
  id: true,
  slug: true,
  nameEn: true,
  nameJa: true,
  descriptionEn: true,
  descriptionJa: true,
} as const;

async function readableArticles(viewer: KbViewer, now: Date, categoryId?: string) {
  const rows = await db.article.findMany({
    where: { status: "published", ...(categoryId ? { categoryId } : {}) },
    select: listSelect,
    orderBy: [{ position: "asc" }, { title: "asc" }],
  });
  return rows.filter(listable(viewer, now));
}

function groupCategory(
  category: { id: string } & Parameters<typeof localizeCategory>[0],
  articles: Awaited<ReturnType<typeof readableArticles>>,
  locale: Locale,
): CategorySummary {
  const inCategory = articles.filter((a) => a.categoryId === category.id);
  const own = inCategory.filter((a) => a.locale === locale);
  const fallback = own.length ? [] : inCategory.filter((a) => a.locale === otherLocale(locale));
  return {
    ...localizeCategory(category, locale),
    articles: (own.length ? own : fallback).map(toListItem),
    fallbackLocale: !own.length && fallback.length ? otherLocale(locale) : null,
  };
}

export async function getHelpCenter(viewer: KbViewer, locale: Locale, now = new Date()) {
  const [categories, articles] = await Promise.all([
    db.category.findMany({
      select: categorySelect,
      orderBy: [{ position: "asc" }, { slug: "asc" }],
    }),
    readableArticles(viewer, now),
  ]);
  const inLocale = articles.filter((a) => a.locale === locale);
  const mostViewed = [...inLocale]
    .filter((a) => a.viewCount > 0)
    .sort((a, b) => b.viewCount - a.viewCount)
    .slice(0, KB_LIST_LIMITS.mostViewed)
    .map(toListItem);
  return {
    categories: categories.map((c) => groupCategory(c, articles, locale)),
    mostViewed,
    recentlyUpdated: await recentlyUpdated(inLocale),
  };
}

/** "Recently updated" goes by the newest revision: counters (views, votes) are not updates. */
async function recentlyUpdated(readable: Awaited<ReturnType<typeof readableArticles>>) {
  const byId = new Map(readable.map((a) => [a.id, a]));
  if (!byId.size) return [];
  const revisions = await db.articleRevision.groupBy({
    by: ["articleId"],
    where: { articleId: { in: [...byId.keys()] } },
    _max: { createdAt: true },
  });
  return revisions
    .flatMap((r) => {
      const article = byId.get(r.articleId);
      return article && r._max.createdAt ? [{ article, at: r._max.createdAt }] : [];
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, KB_LIST_LIMITS.recentlyUpdated)
    .map(({ article, at }) => ({ ...toListItem(article), updatedAt: at }));
}

export async function getCategoryPage(
  viewer: KbViewer,
  locale: Locale,
  slug: string,
  now = new Date(),
) {
  const category = await db.category.findUnique({ where: { slug }, select: categorySelect });
  if (!category) throw notFound();
  const articles = await readableArticles(viewer, now, category.id);
  return groupCategory(category, articles, locale);
}

// ---------------------------------------------------------------------------------------------
// One article

export type TutorialStep = { number: number; id: string; title: string; html: string };
type RenderedArticle = {
  html: string;
  headings: Heading[];
  /** Tutorials only: what comes before the first step, then one section per h2. */
  intro: string;
  steps: TutorialStep[];
};

const renderCache = new Map<string, { body: string; rendered: RenderedArticle }>();

/** Splits sanitized HTML at its h2 tags; the sanitizer leaves no other "<h2" in the markup. */
export function splitIntoSteps(html: string, headings: Heading[]) {
  const parts = html.split(/(?=<h2[\s>])/);
  const h2s = headings.filter((h) => h.level === 2);
  const intro = parts[0]?.startsWith("<h2") ? "" : (parts.shift() ?? "");
  const steps = parts.map((part, index) => ({
    number: index + 1,
    id: h2s[index]?.id ?? `step-${index + 1}`,
    title: h2s[index]?.text ?? "",
    html: part,
  }));
  return { intro, steps };
}

export function renderArticle(article: { id: string; body: string }): RenderedArticle {
  const cached = renderCache.get(article.id);
  if (cached && cached.body === article.body) {
    // Re-insert so that the Map's order is least- to most-recently used.
    renderCache.delete(article.id);
    renderCache.set(article.id, cached);
    return cached.rendered;
  }
  const { html, headings } = renderMarkdown(article.body);
  const rendered = { html, headings, ...splitIntoSteps(html, headings) };
  renderCache.set(article.id, { body: article.body, rendered });
  while (renderCache.size > RENDER_CACHE_SIZE) {
    const oldest = renderCache.keys().next().value;
    if (oldest === undefined) break;
    renderCache.delete(oldest);
  }
  return rendered;
}

const articleSelect = {
  id: true,
  slug: true,
  locale: true,
  translationKey: true,
  type: true,
  title: true,
  summary: true,
  body: true,
  categoryId: true,
  publishedAt: true,
  updatedAt: true,
  ...accessSelect,
  category: { select: categorySelect },
  tags: { select: { tagId: true, tag: { select: { slug: true, name: true } } } },
  revisions: { select: { createdAt: true }, orderBy: { number: "desc" }, take: 1 },
} as const;

/** The article the viewer may read, or a 404 (never 403, so that hidden articles stay unknown). */
export async function findReadableArticle(viewer: KbViewer, slug: string, now = new Date()) {
  const article = await db.article.findUnique({ where: { slug }, select: articleSelect });
  if (!article || !canReadArticle(viewer, article, now)) throw notFound();
  return article;
}

/** Slug and title of an article the viewer may read, or null (for links back to it). */
export async function findArticleTitle(viewer: KbViewer, slug: string, now = new Date()) {
  const article = await db.article.findUnique({
    where: { slug },
    select: { slug: true, title: true, ...accessSelect },
  });
  return article && canReadArticle(viewer, article, now)
    ? { slug: article.slug, title: article.title }
    : null;
}

async function findTranslation(
  viewer: KbViewer,
  article: { translationKey: string; locale: string },
  now: Date,
) {
  const locale = isLocale(article.locale) ? otherLocale(article.locale) : null;
  if (!locale) return null;
  const other = await db.article.findUnique({
    where: { translationKey_locale: { translationKey: article.translationKey, locale } },
    select: { slug: true, locale: true, title: true, ...accessSelect },
  });
  if (!other || !isLive(other, now) || !canReadArticle(viewer, other, now)) return null;
  return { slug: other.slug, locale: other.locale, title: other.title };
}

async function findRelated(
  viewer: KbViewer,
  article: { id: string; locale: string; categoryId: string; tags: { tagId: string }[] },
  now: Date,
) {
  const tagIds = article.tags.map((t) => t.tagId);
  const candidates = await db.article.findMany({
    where: {
      id: { not: article.id },
      locale: article.locale,
      status: "published",
      OR: [
        { categoryId: article.categoryId },
        ...(tagIds.length ? [{ tags: { some: { tagId: { in: tagIds } } } }] : []),
      ],
    },
    select: { ...listSelect, tags: { select: { tagId: true } } },
  });
  const score = (c: (typeof candidates)[number]) =>
    c.tags.filter((t) => tagIds.includes(t.tagId)).length * 2 +
    (c.categoryId === article.categoryId ? 1 : 0);
  return candidates
    .filter(listable(viewer, now))
    .map((c) => ({ c, score: score(c) }))
    .sort(
      (a, b) =>
        b.score - a.score || a.c.position - b.c.position || a.c.title.localeCompare(b.c.title),
    )
    .slice(0, KB_LIST_LIMITS.related)
    .map(({ c }) => toListItem(c));
}

export async function getArticlePage(viewer: KbViewer, slug: string, now = new Date()) {
  const article = await findReadableArticle(viewer, slug, now);
  const rendered = renderArticle(article);
  const isTutorial = article.type === "tutorial";
  const [translation, related, feedback, doneSteps] = await Promise.all([
    findTranslation(viewer, article, now),
    findRelated(viewer, article, now),
    viewer
      ? db.articleFeedback.findUnique({
          where: { articleId_userId: { articleId: article.id, userId: viewer.id } },
          select: { helpful: true, comment: true },
        })
      : null,
    viewer && isTutorial
      ? db.tutorialStepDone.findMany({
          where: { articleId: article.id, userId: viewer.id },
          select: { step: true },
        })
      : [],
  ]);
  const locale: Locale = isLocale(article.locale) ? article.locale : "en";
  const category = localizeCategory(article.category, locale);
  return {
    article: {
      id: article.id,
      slug: article.slug,
      locale,
      type: article.type,
      title: article.title,
      summary: article.summary,
      // Staff may open drafts; the page says so instead of looking published.
      status: isLive(article, now) ? "published" : article.status,
      updatedAt: article.revisions[0]?.createdAt ?? article.publishedAt ?? article.updatedAt,
      tags: article.tags.map((t) => t.tag),
    },
    category,
    html: isTutorial ? null : rendered.html,
    intro: isTutorial ? rendered.intro : null,
    steps: isTutorial ? rendered.steps : [],
    toc: rendered.headings.length >= TOC_MIN_HEADINGS ? rendered.headings : [],
    doneSteps: doneSteps.map((d) => d.step).sort((a, b) => a - b),
    translation,
    related,
    feedback,
  };
}

/**
 * Counts one view: never for staff, at most once per user (or address, for visitors) and article
 * per VIEW_WINDOW_MS, with an engagement event for a signed-in customer's account. The window is
 * a row in RateLimit, so several app processes agree on it.
 */
export async function recordArticleView(
  viewer: KbViewer,
  article: { id: string; slug: string },
  clientIp: string,
  now = new Date(),
): Promise<boolean> {
  if (viewer && isStaff(viewer)) return false;
  const key = `kb-view:${viewer ? `u:${viewer.id}` : `ip:${clientIp}`}:${article.id}`;
  const since = new Date(now.getTime() - VIEW_WINDOW_MS);
  const counted = await db.$transaction(async (tx) => {
    const seen = await tx.rateLimit.findUnique({ where: { key }, select: { windowStart: true } });
    if (seen && seen.windowStart > since) return false;
    await tx.rateLimit.upsert({
      where: { key },
      create: { key, count: 1, windowStart: now },
      update: { count: 1, windowStart: now },
    });
    const current = await tx.article.findUnique({
      where: { id: article.id },
      select: { updatedAt: true },
    });
    if (!current) return false;
    // A view is not an edit: keep updatedAt as it was.
    await tx.article.update({
      where: { id: article.id },
      data: { viewCount: { increment: 1 }, updatedAt: current.updatedAt },
    });
    return true;
  });
  if (counted && viewer?.accountId) {
    await recordEvent({
      type: PORTAL_EVENTS.articleViewed,
      accountId: viewer.accountId,
      userId: viewer.id,
      properties: { articleId: article.id, slug: article.slug },
      occurredAt: now,
    });
  }
  return counted;
}
