// Flags: a customer reports a post; enough open flags from different people hide it until a
// moderator upholds them (the post stays hidden) or dismisses them (an auto-hidden post returns).
import {
  canSeePost,
  isSuspended,
  type FLAG_REASONS,
  type ForumViewer,
} from "~/models/forum-policy";
import { canFlag, FLAG_HIDE_THRESHOLD, MODERATION_AUDIT } from "~/models/moderation-policy";
import { findVisibleTopic } from "~/models/topic.server";
import { db } from "~/utils/db.server";
import { afterCommitNotify, notifyPostFlagged } from "./notification-hooks.server";
import { isUniqueViolation } from "./topic-errors.server";
import {
  changePostState,
  logModeration,
  ModerationError,
  requireModerator,
  type Moderator,
  type Tx,
} from "./moderation-common.server";

export type FlagReason = (typeof FLAG_REASONS)[number];

export async function flagPost(input: {
  viewer: NonNullable<ForumViewer>;
  topicId: string;
  postId: string;
  reason: FlagReason;
  note: string;
}): Promise<{ autoHidden: boolean }> {
  const { viewer, topicId, postId } = input;
  await findVisibleTopic(viewer, topicId);
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, topicId: true, number: true, authorId: true, state: true },
  });
  if (!post || post.topicId !== topicId || !canSeePost(viewer, post)) {
    throw new ModerationError("postNotFound");
  }
  if (!canFlag(viewer, post)) {
    throw new ModerationError(isSuspended(viewer) ? "suspended" : "notAllowed");
  }
  try {
    return await db.$transaction(async (tx) => {
      await tx.flag.create({
        data: { postId, reporterId: viewer.id, reason: input.reason, note: input.note.trim() },
      });
      afterCommitNotify(() =>
        notifyPostFlagged({ postId, reporterId: viewer.id, reason: input.reason }),
      );
      // One flag per person and post (a unique key), so open flags are distinct reporters.
      const open = await tx.flag.count({ where: { postId, status: "open" } });
      if (open < FLAG_HIDE_THRESHOLD) return { autoHidden: false };
      const hidden = await changePostState(tx, postId, ["visible"], "hidden");
      if (!hidden) return { autoHidden: false };
      await logModeration(
        tx,
        { actorId: null },
        MODERATION_AUDIT.postAutoHidden,
        { type: "post", id: postId },
        { topicId, number: post.number, openFlags: open, threshold: FLAG_HIDE_THRESHOLD },
      );
      return { autoHidden: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ModerationError("alreadyFlagged");
    throw error;
  }
}

/** The flags were right: the post is hidden (it may be already, by the threshold). */
export async function upholdFlags(
  moderator: Moderator & { postId: string; reason: string },
): Promise<void> {
  const viewer = requireModerator(moderator);
  await db.$transaction(async (tx) => {
    const { count } = await tx.flag.updateMany({
      where: { postId: moderator.postId, status: "open" },
      data: { status: "upheld", resolvedById: viewer.id, resolvedAt: new Date() },
    });
    if (count === 0) await refuseNoFlags(tx, moderator.postId);
    const post = await changePostState(tx, moderator.postId, ["visible", "pending"], "hidden");
    const row = post ?? (await tx.post.findUniqueOrThrow({ where: { id: moderator.postId } }));
    await logModeration(
      tx,
      { actorId: viewer.id, ipAddress: moderator.ipAddress },
      MODERATION_AUDIT.postHidden,
      { type: "post", id: row.id },
      { topicId: row.topicId, number: row.number, upheldFlags: count, reason: moderator.reason },
    );
  });
}

/** The flags were wrong: they are closed, and a post the threshold hid becomes visible again. */
export async function dismissFlags(
  moderator: Moderator & { postId: string; reason: string },
): Promise<{ restored: boolean }> {
  const viewer = requireModerator(moderator);
  return db.$transaction(async (tx) => {
    const { count } = await tx.flag.updateMany({
      where: { postId: moderator.postId, status: "open" },
      data: { status: "dismissed", resolvedById: viewer.id, resolvedAt: new Date() },
    });
    if (count === 0) await refuseNoFlags(tx, moderator.postId);
    // A moderator's hide resolves the open flags, so a hidden post with open flags was hidden
    // by the threshold alone.
    const restored = await changePostState(tx, moderator.postId, ["hidden"], "visible");
    const row = await tx.post.findUniqueOrThrow({
      where: { id: moderator.postId },
      select: { id: true, topicId: true, number: true },
    });
    await logModeration(
      tx,
      { actorId: viewer.id, ipAddress: moderator.ipAddress },
      MODERATION_AUDIT.flagsDismissed,
      { type: "post", id: row.id },
      {
        topicId: row.topicId,
        number: row.number,
        dismissedFlags: count,
        restored: !!restored,
        reason: moderator.reason,
      },
    );
    return { restored: !!restored };
  });
}

async function refuseNoFlags(tx: Tx, postId: string): Promise<never> {
  const post = await tx.post.findUnique({ where: { id: postId }, select: { id: true } });
  throw new ModerationError(post ? "noOpenFlags" : "postNotFound");
}
