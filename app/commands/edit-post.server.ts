// Editing a post: the author, or staff with a reason when it is someone else's post. The text
// before the edit is kept as a PostRevision, so the page can show the history.
import {
  canEditPost,
  canSeePost,
  editNeedsReason,
  isSuspended,
  type ForumViewer,
} from "~/models/forum-policy";
import { countLinks, postingLimits } from "~/models/reputation";
import { isStaff } from "~/models/roles";
import { MODERATION_AUDIT } from "~/models/moderation-policy";
import { findVisibleTopic } from "~/models/topic.server";
import { markSearchChanged } from "~/search/changes.server";
import { db } from "~/utils/db.server";
import { resolveMentions } from "./reply-to-topic.server";
import { logModeration } from "./moderation-common.server";
import { ForumError } from "./topic-errors.server";

export async function editPost(input: {
  viewer: NonNullable<ForumViewer>;
  topicId: string;
  number: number;
  body: string;
  reason: string;
  ipAddress?: string;
}) {
  const { viewer, topicId, number, body } = input;
  const reason = input.reason.trim();
  const topic = await findVisibleTopic(viewer, topicId);
  const post = await db.post.findUnique({
    where: { topicId_number: { topicId, number } },
    select: { id: true, authorId: true, state: true, body: true, editCount: true },
  });
  if (!post || !canSeePost(viewer, post)) throw new ForumError("postNotFound");
  if (!canEditPost(viewer, post)) {
    throw new ForumError(isSuspended(viewer) ? "suspended" : "notAllowed");
  }
  const moderatorEdit = editNeedsReason(viewer, post);
  if (moderatorEdit && !reason) throw new ForumError("reasonRequired");
  if (post.body === body) return { number, changed: false };
  await checkEditLinks(viewer, body);
  const mentioned = await resolveMentions(db, body, post.authorId ?? viewer.id);

  await db.$transaction(async (tx) => {
    const revision = post.editCount + 1;
    await tx.postRevision.create({
      data: { postId: post.id, number: revision, body: post.body, editorId: viewer.id, reason },
    });
    await tx.post.update({
      where: { id: post.id },
      data: { body, editCount: revision, editedAt: new Date() },
    });
    await tx.mention.deleteMany({ where: { postId: post.id } });
    if (mentioned.length) {
      await tx.mention.createMany({
        data: mentioned.map((userId) => ({ postId: post.id, userId })),
      });
    }
    if (moderatorEdit) {
      const actor = { actorId: viewer.id, ipAddress: input.ipAddress };
      const target = { type: "post" as const, id: post.id };
      await logModeration(tx, actor, MODERATION_AUDIT.postEdited, target, {
        topicId,
        number,
        reason,
      });
    }
    // The opening post and the accepted answer are the topic's searchable text.
    if (number === 1 || topic.acceptedPostId === post.id) {
      await markSearchChanged(tx, "topic", [topicId]);
    }
  });
  return { number, changed: true };
}

/** A new user's link limit holds for edits too, or a clean post could gain links afterwards. */
async function checkEditLinks(viewer: NonNullable<ForumViewer>, body: string) {
  if (isStaff(viewer)) return;
  const { trustLevel } = await db.user.findUniqueOrThrow({
    where: { id: viewer.id },
    select: { trustLevel: true },
  });
  const { linksPerPost } = postingLimits(trustLevel);
  if (countLinks(body) > linksPerPost) {
    throw new ForumError("tooManyLinks", { max: String(linksPerPost) });
  }
}
