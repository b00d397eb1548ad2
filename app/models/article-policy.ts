// Who may read which article. Pure, so the rule is unit-tested and shared by the help center,
// search and the answer bot.
import { isStaff } from "./roles";

export const ARTICLE_TYPES = ["faq", "tutorial", "guide"] as const;
export const ARTICLE_STATUSES = ["draft", "in_review", "published", "archived"] as const;
export const AUDIENCES = ["all", "customers", "restricted"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export type Viewer = {
  role: string;
  account: { plan: string; segment: string } | null;
} | null;

export type ArticleAccess = {
  status: string;
  publishAt: Date | null;
  audience: string;
  audiencePlans: string; // JSON array
  audienceSegments: string; // JSON array
};

export function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** Published and past its scheduled time. */
export function isLive(
  article: Pick<ArticleAccess, "status" | "publishAt">,
  now = new Date(),
): boolean {
  return article.status === "published" && (!article.publishAt || article.publishAt <= now);
}

/**
 * Staff see everything (drafts included, for review). Customers and visitors see live articles
 * whose audience includes them: everyone, signed-in customers, or chosen plans or segments.
 */
export function canReadArticle(viewer: Viewer, article: ArticleAccess, now = new Date()): boolean {
  if (viewer && isStaff(viewer)) return true;
  if (!isLive(article, now)) return false;
  if (article.audience === "all") return true;
  if (!viewer?.account) return false;
  if (article.audience === "customers") return true;
  const plans = parseList(article.audiencePlans);
  const segments = parseList(article.audienceSegments);
  return plans.includes(viewer.account.plan) || segments.includes(viewer.account.segment);
}
