// A moderator hides, restores, approves or rejects one post, or edits it with a reason. Each is
// one transaction that claims the change first, so a double click applies it once.
import { MODERATION_AUDIT, type ModerationAuditAction } from "~/models/moderation-policy";
import { db } from "~/utils/db.server";
import { editPost } from "./edit-post.server";
import { ForumError } from "./topic-errors.server";
import {
  changePostState,
  logModeration,
  ModerationError,
  refuseUnchanged,
  requireModerator,
  type Moderator,
} from "./moderation-common.server";

type PostInput = Moderator & { postId: string; reason: string };
type State = "visible" | "pending" | "hidden";

const TRANSITIONS = {
  hide: { from: ["visible", "pending"], to: "hidden", action: MODERATION_AUDIT.postHidden },
  restore: { from: ["hidden"], to: "visible", action: MODERATION_AUDIT.postRestored },
  approve: { from: ["pending"], to: "visible", action: MODERATION_AUDIT.postApproved },
  reject: { from: ["pending"], to: "hidden", action: MODERATION_AUDIT.postRejected },
} as const satisfies Record<string, { from: State[]; to: State; action: ModerationAuditAction }>;
export type PostTransition = keyof typeof TRANSITIONS;

export async function moderatePost(input: PostInput & { transition: PostTransition }) {
  const viewer = requireModerator(input);
  const { from, to, action } = TRANSITIONS[input.transition];
  await db.$transaction(async (tx) => {
    const post = await changePostState(tx, input.postId, [...from], to);
    if (!post) return refuseUnchanged(tx, "post", input.postId);
    // Hiding settles the post's open flags: the moderator agreed with them.
    const upheld =
      to === "hidden"
        ? await tx.flag.updateMany({
            where: { postId: post.id, status: "open" },
            data: { status: "upheld", resolvedById: viewer.id, resolvedAt: new Date() },
          })
        : { count: 0 };
    await logModeration(
      tx,
      { actorId: viewer.id, ipAddress: input.ipAddress },
      action,
      { type: "post", id: post.id },
      {
        topicId: post.topicId,
        number: post.number,
        reason: input.reason,
        ...(upheld.count ? { upheldFlags: upheld.count } : {}),
      },
    );
  });
}

/**
 * A moderator's edit of someone's post: the reason is required and shown in the post's history;
 * edit-post.server.ts writes the revision and the audit entry in one transaction.
 */
export async function moderatorEditPost(input: PostInput & { body: string }) {
  const viewer = requireModerator(input);
  if (!input.reason.trim()) throw new ModerationError("reasonRequired");
  const post = await db.post.findUnique({
    where: { id: input.postId },
    select: { topicId: true, number: true },
  });
  if (!post) throw new ModerationError("postNotFound");
  try {
    return await editPost({
      viewer,
      topicId: post.topicId,
      number: post.number,
      body: input.body,
      reason: input.reason,
      ipAddress: input.ipAddress,
    });
  } catch (error) {
    if (error instanceof ForumError && error.code === "postNotFound") {
      throw new ModerationError("postNotFound");
    }
    throw error;
  }
}
