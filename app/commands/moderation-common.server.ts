// What every moderation command shares: the moderator check, refusals as HTTP statuses with a
// message key (under "moderation.errors"), the audit entry, and the rules that keep a topic's
// state, its opening post's state, its counts and the search index in step.
import { canModerate, type ForumViewer } from "~/models/forum-policy";
import { audit } from "~/models/audit.server";
import type { ModerationAuditAction } from "~/models/moderation-policy";
import type { Prisma } from "~/utils/db.server";
import { onPostApproved, onPostHidden, recountTopic } from "./post-review.server";

export { recountTopic };

export const MODERATION_ERROR_STATUS = {
  forbidden: 403,
  suspended: 403,
  notAllowed: 403,
  postNotFound: 404,
  topicNotFound: 404,
  userNotFound: 404,
  alreadyFlagged: 409,
  /** A double click or another moderator got there first: nothing left to do. */
  stale: 409,
  noOpenFlags: 409,
  notSuspended: 409,
  topicMerged: 409,
  unknownCategory: 422,
  sameCategory: 422,
  mergeIntoSelf: 422,
  unknownTarget: 422,
  targetNotVisible: 422,
  mergeNarrowsAudience: 422,
  cannotSuspendSelf: 422,
  cannotSuspendStaff: 422,
  untilInPast: 422,
  untilTooFar: 422,
  reasonRequired: 422,
} as const;
export type ModerationErrorCode = keyof typeof MODERATION_ERROR_STATUS;

export class ModerationError extends Error {
  readonly status: number;
  constructor(
    readonly code: ModerationErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "ModerationError";
    this.status = MODERATION_ERROR_STATUS[code];
  }
}

export type Tx = Prisma.TransactionClient;

/** The moderator acting, and where from (for the audit log). */
export type Moderator = { viewer: ForumViewer; ipAddress?: string };

/** Authorization lives here, not only in the console's loader. */
export function requireModerator(moderator: Moderator): NonNullable<ForumViewer> {
  if (!canModerate(moderator.viewer)) throw new ModerationError("forbidden");
  return moderator.viewer!;
}

export async function logModeration(
  tx: Tx,
  actor: { actorId: string | null; ipAddress?: string },
  action: ModerationAuditAction,
  target: { type: "post" | "topic" | "user"; id: string },
  data: Record<string, unknown>,
) {
  await audit(
    {
      actorId: actor.actorId,
      action,
      targetType: target.type,
      targetId: target.id,
      data,
      ipAddress: actor.ipAddress,
    },
    tx,
  );
}

type State = "visible" | "pending" | "hidden";

/**
 * Moves a post from one of `from` to `to`, and only then (a second click finds nothing to move).
 * The opening post and its topic share one state: hiding post 1 hides the topic and restoring
 * it restores the topic. Returns the post, or null when nothing changed.
 */
export async function changePostState(tx: Tx, postId: string, from: State[], to: State) {
  const post = await tx.post.findUnique({
    where: { id: postId },
    select: { id: true, topicId: true, number: true, authorId: true, body: true },
  });
  if (!post) throw new ModerationError("postNotFound");
  const { count } = await tx.post.updateMany({
    where: { id: postId, state: { in: from } },
    data: { state: to },
  });
  if (count === 0) return null;
  if (post.number === 1) {
    await tx.topic.updateMany({
      where: { id: post.topicId, state: { in: from }, mergedIntoId: null },
      data: { state: to },
    });
  }
  await afterStateChange(tx, post.id, from, to);
  return post;
}

/**
 * Counters, search, and the author's reputation follow the new state (post-review.server.ts);
 * letting a held post through also records the engagement event it held back.
 */
async function afterStateChange(tx: Tx, postId: string, from: State[], to: State) {
  if (to === "visible" && from.includes("pending")) await onPostApproved(tx, postId);
  else await onPostHidden(tx, postId);
}

/** The topic-level twin of changePostState; merged topics stay as they are. */
export async function changeTopicState(tx: Tx, topicId: string, from: State[], to: State) {
  const { count } = await tx.topic.updateMany({
    where: { id: topicId, state: { in: from }, mergedIntoId: null },
    data: { state: to },
  });
  if (count === 0) return false;
  await tx.post.updateMany({
    where: { topicId, number: 1, state: { in: from } },
    data: { state: to },
  });
  const opening = await tx.post.findFirst({ where: { topicId, number: 1 }, select: { id: true } });
  if (opening) await afterStateChange(tx, opening.id, from, to);
  else await recountTopic(tx, topicId);
  return true;
}

/** Tells "no such thing" (404) from "already done" (409) after a claim found nothing to change. */
export async function refuseUnchanged(tx: Tx, kind: "post" | "topic", id: string): Promise<never> {
  const exists =
    kind === "post"
      ? await tx.post.findUnique({ where: { id }, select: { id: true } })
      : await tx.topic.findUnique({ where: { id }, select: { mergedIntoId: true } });
  if (!exists) throw new ModerationError(kind === "post" ? "postNotFound" : "topicNotFound");
  if (kind === "topic" && (exists as { mergedIntoId: string | null }).mergedIntoId) {
    throw new ModerationError("topicMerged");
  }
  throw new ModerationError("stale");
}
