// Who may do what in the community. Pure, so every rule is unit-tested and shared by the topic
// page, the lists, search and moderation.
import { parseList } from "./article-policy";
import { isStaff } from "./roles";

export const TOPIC_KINDS = ["question", "discussion", "idea"] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];
export const IDEA_STATUSES = ["under_review", "planned", "shipped", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
/** visible | pending (held for review) | hidden (by a moderator); for topics and posts alike. */
export const CONTENT_STATES = ["visible", "pending", "hidden"] as const;
export const FLAG_REASONS = ["spam", "off_topic", "abusive", "other"] as const;

export const FORUM_LIMITS = {
  titleMin: 8,
  titleMax: 150,
  bodyMin: 2,
  bodyMax: 20_000,
  editReasonMax: 200,
  tagsMax: 5,
  /** Posts per page of a topic. */
  pageSize: 30,
  /** Topics per page of a list. */
  listPageSize: 30,
} as const;

/** The topic lists of /community. */
export const LIST_TABS = ["latest", "top", "unanswered", "solved", "mine"] as const;
export type ListTab = (typeof LIST_TABS)[number];

/** How far back the "top" list looks; the key is shown in its period filter. */
export const TOP_PERIOD_DAYS = { week: 7, month: 30, year: 365 } as const;
export type TopPeriod = keyof typeof TOP_PERIOD_DAYS;
export const DEFAULT_TOP_PERIOD: TopPeriod = "month";

export type ForumViewer = {
  id: string;
  role: string;
  accountId: string | null;
  account: { plan: string } | null;
  suspendedUntil: Date | null;
} | null;

export type CategoryAccess = { audiencePlans: string };
export type TopicAccess = {
  authorId: string | null;
  state: string;
  locked: boolean;
  category: CategoryAccess;
};
export type PostAccess = { authorId: string | null; state: string };

export function isTopicKind(value: unknown): value is TopicKind {
  return typeof value === "string" && (TOPIC_KINDS as readonly string[]).includes(value);
}

export function isSuspended(viewer: ForumViewer, now = new Date()): boolean {
  return !!viewer?.suspendedUntil && viewer.suspendedUntil > now;
}

/** A category with plans listed is for customers on those plans (and staff). */
export function canSeeCategory(viewer: ForumViewer, category: CategoryAccess): boolean {
  const plans = parseList(category.audiencePlans);
  if (!plans.length) return true;
  if (viewer && isStaff(viewer)) return true;
  return !!viewer?.account && plans.includes(viewer.account.plan);
}

/** Hidden topics only for staff; held ones for staff and their author. */
export function canSeeTopic(viewer: ForumViewer, topic: TopicAccess): boolean {
  if (!canSeeCategory(viewer, topic.category)) return false;
  if (topic.state === "visible") return true;
  if (viewer && isStaff(viewer)) return true;
  return topic.state === "pending" && !!viewer && viewer.id === topic.authorId;
}

export function canSeePost(viewer: ForumViewer, post: PostAccess): boolean {
  if (post.state === "visible") return true;
  if (viewer && isStaff(viewer)) return true;
  return post.state === "pending" && !!viewer && viewer.id === post.authorId;
}

/** Signed in, not suspended, and the category is theirs to see. */
export function canStartTopic(viewer: ForumViewer, category: CategoryAccess, now = new Date()) {
  return !!viewer && !isSuspended(viewer, now) && canSeeCategory(viewer, category);
}

/** Locked topics take replies from staff only. */
export function canReply(viewer: ForumViewer, topic: TopicAccess, now = new Date()): boolean {
  if (!viewer || isSuspended(viewer, now) || !canSeeTopic(viewer, topic)) return false;
  return !topic.locked || isStaff(viewer);
}

/** Authors edit their own posts (unless suspended); staff edit any, with a reason. */
export function canEditPost(viewer: ForumViewer, post: PostAccess, now = new Date()): boolean {
  if (!viewer || isSuspended(viewer, now)) return false;
  return isStaff(viewer) || (post.authorId !== null && post.authorId === viewer.id);
}

/** The asker or CS marks the answer of a question. */
export function canAcceptAnswer(
  viewer: ForumViewer,
  topic: TopicAccess & { kind: string },
  now = new Date(),
): boolean {
  if (!viewer || topic.kind !== "question" || isSuspended(viewer, now)) return false;
  return isStaff(viewer) || (topic.authorId !== null && topic.authorId === viewer.id);
}

/** Likes and idea votes: signed-in, not on one's own post, not suspended. */
export function canLike(viewer: ForumViewer, post: PostAccess, now = new Date()): boolean {
  if (!viewer || isSuspended(viewer, now)) return false;
  return post.authorId !== viewer.id && post.state === "visible";
}

export function canModerate(viewer: ForumViewer): boolean {
  return !!viewer && isStaff(viewer);
}

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === "string" && (IDEA_STATUSES as readonly string[]).includes(value);
}

/** Idea votes: the same rule as likes, on the idea's opening post; ideas only. */
export function canVoteIdea(
  viewer: ForumViewer,
  topic: TopicAccess & { kind: string },
  now = new Date(),
): boolean {
  if (topic.kind !== "idea" || !canSeeTopic(viewer, topic)) return false;
  return canLike(viewer, { authorId: topic.authorId, state: topic.state }, now);
}

/** A moderator changing someone else's words says why, so the author can see it in the history. */
export function editNeedsReason(viewer: ForumViewer, post: PostAccess): boolean {
  return !!viewer && isStaff(viewer) && post.authorId !== viewer.id;
}

/** Handles are lower-case ASCII letters, digits and "_" (app/models/handle.server.ts makes them). */
export const HANDLE_MAX_LENGTH = 24;
// Not after a word character, so e-mail addresses (taro@example.com) are not mentions.
export const MENTION_PATTERN = /(?<![\w@])@([a-z0-9_]{1,24})(?![\w@])/gi;
const FENCED_CODE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;

/** The distinct @handles a post mentions, lower-cased, in order; code is not searched. */
export function parseMentions(body: string): string[] {
  const prose = body.replace(FENCED_CODE, " ").replace(INLINE_CODE, " ");
  const handles = [...prose.matchAll(MENTION_PATTERN)].map((m) => m[1]!.toLowerCase());
  return [...new Set(handles)];
}

/** Where a mention links: the person's community profile. */
export function profilePath(handle: string): string {
  return `/community/u/${encodeURIComponent(handle)}`;
}

/** The reply form's text when quoting a post: every line as a Markdown quote, then a blank line. */
export function quoteBody(body: string): string {
  const quoted = body
    .trim()
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
  return `${quoted}\n\n`;
}

/** Which page of a topic shows the post that has `before` visible posts ahead of it. */
export function pageOfPost(before: number, pageSize: number = FORUM_LIMITS.pageSize): number {
  return Math.floor(Math.max(0, before) / pageSize) + 1;
}

export function pageCount(total: number, pageSize: number = FORUM_LIMITS.pageSize): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
