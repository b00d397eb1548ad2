// Moderation rules that need no database: who may flag, who may be suspended, the auto-hide
// threshold and the audit action names. Pure, so they are unit-tested beside this file.
import { isSuspended, type ForumViewer, type PostAccess } from "./forum-policy";
import { isStaff } from "./roles";

/**
 * Open flags from this many different people hide a post until a moderator reviews it
 * (docs/decisions/0008-moderation.md). Three: one person cannot silence anyone, and a post that
 * several customers report as spam leaves the page before CS is at work.
 */
export const FLAG_HIDE_THRESHOLD = 3;

export const MODERATION_LIMITS = {
  noteMax: 500,
  reasonMax: 300,
  /** The furthest a suspension may reach. */
  suspensionDaysMax: 3650,
  /** Rows per page of the audit log tab. */
  auditPageSize: 50,
  /** Items per queue tab; the oldest come first so nothing waits forever. */
  queueMax: 100,
  excerptLength: 240,
} as const;

/** Every moderator action's audit action name (AuditLog.action). */
export const MODERATION_AUDIT = {
  postHidden: "moderation.post_hidden",
  postAutoHidden: "moderation.post_auto_hidden",
  postRestored: "moderation.post_restored",
  postApproved: "moderation.post_approved",
  postRejected: "moderation.post_rejected",
  postEdited: "moderation.post_edited",
  flagsDismissed: "moderation.flags_dismissed",
  topicHidden: "moderation.topic_hidden",
  topicRestored: "moderation.topic_restored",
  topicApproved: "moderation.topic_approved",
  topicRejected: "moderation.topic_rejected",
  topicLocked: "moderation.topic_locked",
  topicUnlocked: "moderation.topic_unlocked",
  topicPinned: "moderation.topic_pinned",
  topicUnpinned: "moderation.topic_unpinned",
  topicMoved: "moderation.topic_moved",
  topicMerged: "moderation.topic_merged",
  userSuspended: "moderation.user_suspended",
  userUnsuspended: "moderation.user_unsuspended",
} as const;
export type ModerationAuditAction = (typeof MODERATION_AUDIT)[keyof typeof MODERATION_AUDIT];
export const MODERATION_AUDIT_PREFIX = "moderation.";

/** Signed-in customers flag other people's visible posts; suspended users cannot. */
export function canFlag(viewer: ForumViewer, post: PostAccess, now = new Date()): boolean {
  if (!viewer || isStaff(viewer) || isSuspended(viewer, now)) return false;
  return post.state === "visible" && post.authorId !== null && post.authorId !== viewer.id;
}

export type SuspensionRefusal = "cannotSuspendSelf" | "cannotSuspendStaff";

/** Staff suspend customers; never themselves or another member of staff. */
export function suspensionRefusal(
  actor: { id: string },
  target: { id: string; role: string },
): SuspensionRefusal | null {
  if (actor.id === target.id) return "cannotSuspendSelf";
  if (isStaff(target)) return "cannotSuspendStaff";
  return null;
}

/** A suspension ends at the end of the chosen day (UTC). */
export function suspensionEnd(day: string): Date {
  return new Date(`${day}T23:59:59.999Z`);
}

/** Merging must not take posts away from anyone who could read them: see the decision record. */
export function audienceCovers(targetPlans: string[], sourcePlans: string[]): boolean {
  if (!targetPlans.length) return true;
  if (!sourcePlans.length) return false;
  return sourcePlans.every((plan) => targetPlans.includes(plan));
}

/** Plain text for queue excerpts: Markdown marks dropped, whitespace folded, cut at a word. */
export function excerpt(text: string, max: number = MODERATION_LIMITS.excerptLength): string {
  const plain = text.replace(/\s+/g, " ").trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
