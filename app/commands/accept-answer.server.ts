// "Accept as answer": the asker or staff marks one visible reply of a question. Accepting
// another reply replaces the first; the answerer's account gets the engagement event.
import { canAcceptAnswer, isSuspended, type ForumViewer } from "~/models/forum-policy";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { findVisibleTopic, type TopicForCommand } from "~/models/topic.server";
import { markSearchChanged } from "~/search/changes.server";
import { recomputeStandings } from "~/models/standing.server";
import { db, type Prisma } from "~/utils/db.server";
import { afterCommitNotify, notifyAnswerAccepted } from "./notification-hooks.server";
import { ForumError } from "./topic-errors.server";

async function previousAnswerer(tx: Prisma.TransactionClient, postId: string | null) {
  if (!postId) return null;
  const post = await tx.post.findUnique({ where: { id: postId }, select: { authorId: true } });
  return post?.authorId ?? null;
}

function assertMayAccept(viewer: NonNullable<ForumViewer>, topic: TopicForCommand) {
  if (topic.kind !== "question") throw new ForumError("notAQuestion");
  if (!canAcceptAnswer(viewer, topic)) {
    throw new ForumError(isSuspended(viewer) ? "suspended" : "notAllowed");
  }
}

export async function acceptAnswer(input: {
  viewer: NonNullable<ForumViewer>;
  topicId: string;
  postId: string;
}) {
  const { viewer, topicId, postId } = input;
  const topic = await findVisibleTopic(viewer, topicId);
  assertMayAccept(viewer, topic);
  // Only a visible reply of this very topic: not the question itself, not another topic's post.
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, topicId: true, number: true, state: true, authorId: true, accountId: true },
  });
  if (!post || post.topicId !== topicId || post.number < 2 || post.state !== "visible") {
    throw new ForumError("notAReply");
  }
  if (topic.acceptedPostId === post.id) return { changed: false };
  await db.$transaction(async (tx) => {
    const replaced = await previousAnswerer(tx, topic.acceptedPostId);
    await tx.topic.update({
      where: { id: topicId },
      data: { acceptedPostId: post.id, acceptedAt: new Date() },
    });
    await markSearchChanged(tx, "topic", [topicId]);
    // The new answerer gains the points, a replaced one loses them (reputation.ts).
    await recomputeStandings(tx, [post.authorId, replaced]);
    await recordEvent(
      {
        type: PORTAL_EVENTS.answerAccepted,
        accountId: post.accountId,
        userId: post.authorId,
        properties: { topicId, postId: post.id, acceptedBy: viewer.id },
      },
      tx,
    );
    afterCommitNotify(() => notifyAnswerAccepted({ postId: post.id, actorId: viewer.id }));
  });
  return { changed: true };
}

export async function unacceptAnswer(input: { viewer: NonNullable<ForumViewer>; topicId: string }) {
  const { viewer, topicId } = input;
  const topic = await findVisibleTopic(viewer, topicId);
  assertMayAccept(viewer, topic);
  if (!topic.acceptedPostId) throw new ForumError("notAccepted");
  await db.$transaction(async (tx) => {
    const answerer = await previousAnswerer(tx, topic.acceptedPostId);
    await tx.topic.update({
      where: { id: topicId },
      data: { acceptedPostId: null, acceptedAt: null },
    });
    await markSearchChanged(tx, "topic", [topicId]);
    await recomputeStandings(tx, [answerer]);
  });
  return { changed: true };
}
