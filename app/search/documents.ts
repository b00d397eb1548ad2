// How content becomes a SearchDocument. Pure, so the search service, the benchmarks and the tests
// index exactly the same text.
import type { SearchDocument, SearchLocale } from "./types";

/** Votes count only after a few; until then helpfulness leans to neutral (a Bayesian average). */
export const HELPFULNESS_PRIOR_VOTES = 4;
export const NEUTRAL_HELPFULNESS = 0.5;

export function helpfulness(helpful: number, unhelpful: number): number {
  return (
    (helpful + NEUTRAL_HELPFULNESS * HELPFULNESS_PRIOR_VOTES) /
    (helpful + unhelpful + HELPFULNESS_PRIOR_VOTES)
  );
}

export type ArticleForSearch = {
  id: string;
  slug: string;
  locale: string;
  title: string;
  summary: string;
  /** Plain text of the body (Markdown stripped by the caller). */
  text: string;
  categorySlug: string;
  tags: string[];
  audience: string;
  audiencePlans: string[];
  audienceSegments: string[];
  publishAt: Date | null;
  helpfulCount: number;
  unhelpfulCount: number;
  viewCount: number;
  updatedAt: Date;
};

export function articleDocumentId(articleId: string) {
  return `article:${articleId}`;
}

export function articleDocument(a: ArticleForSearch): SearchDocument {
  return {
    id: articleDocumentId(a.id),
    type: "article",
    locale: (a.locale === "ja" ? "ja" : "en") satisfies SearchLocale,
    title: a.title,
    body: a.text,
    extra: [a.summary, ...a.tags].filter(Boolean).join(" · "),
    url: `/kb/${a.slug}`,
    category: a.categorySlug,
    tags: a.tags,
    audience: a.audience === "customers" || a.audience === "restricted" ? a.audience : "all",
    plans: a.audiencePlans,
    segments: a.audienceSegments,
    visibleFrom: a.publishAt ? a.publishAt.getTime() : 0,
    helpfulness: helpfulness(a.helpfulCount, a.unhelpfulCount),
    hasAcceptedAnswer: false,
    popularity: a.viewCount,
    updatedAt: a.updatedAt.getTime(),
  };
}

export type TopicForSearch = {
  id: string;
  locale: string;
  title: string;
  /** Plain text of the opening post. */
  text: string;
  /** Plain text of the accepted answer, if any. */
  answerText: string | null;
  categorySlug: string;
  /** The category's plans; empty = everyone who sees the community. */
  audiencePlans: string[];
  tags: string[];
  /** Likes on the opening post and the accepted answer. */
  likeCount: number;
  viewCount: number;
  updatedAt: Date;
};

export function topicDocumentId(topicId: string) {
  return `topic:${topicId}`;
}

/** Likes are all positive votes: each one moves helpfulness up from neutral, as for articles. */
export function topicDocument(t: TopicForSearch): SearchDocument {
  return {
    id: topicDocumentId(t.id),
    type: "topic",
    locale: (t.locale === "ja" ? "ja" : "en") satisfies SearchLocale,
    title: t.title,
    body: t.text,
    extra: [t.answerText ?? "", ...t.tags].filter(Boolean).join(" · "),
    url: `/community/t/${t.id}`,
    category: t.categorySlug,
    tags: t.tags,
    audience: t.audiencePlans.length ? "restricted" : "all",
    plans: t.audiencePlans,
    segments: [],
    visibleFrom: 0,
    helpfulness: helpfulness(t.likeCount, 0),
    hasAcceptedAnswer: t.answerText !== null,
    popularity: t.viewCount,
    updatedAt: t.updatedAt.getTime(),
  };
}
