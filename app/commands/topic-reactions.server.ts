// Likes, watches, idea votes and idea status: small writes on one topic, each checked against
// the policy; counters are recounted from the rows in the same transaction so they always match.
import {
  canLike,
  canModerate,
  canSeePost,
  canVoteIdea,
  isSuspended,
  type ForumViewer,
  type IdeaStatus,
} from "~/models/forum-policy";
import { audit } from "~/models/audit.server";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { recomputeStandings } from "~/models/standing.server";
import { findVisibleTopic } from "~/models/topic.server";
import { markSearchChanged } from "~/search/changes.server";
import { db } from "~/utils/db.server";
import { notifyLike } from "./notification-hooks.server";
import { notifyLater } from "./notify.server";
import { ForumError, isUniqueViolation } from "./topic-errors.server";

type Viewer = NonNullable<ForumViewer>;

export const IDEA_STATUS_AUDIT_ACTION = "community.idea_status_set";

async function findLikablePost(viewer: Viewer, topicId: string, postId: string) {
  await findVisibleTopic(viewer, topicId);
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, topicId: true, number: true, authorId: true, accountId: true, state: true },
  });
  if (!post || post.topicId !== topicId || !canSeePost(viewer, post)) {
    throw new ForumError("postNotFound");
  }
  return post;
}

/**
 * Likes count toward the topic's helpfulness in search, so the topic is reindexed, and toward the
 * post author's reputation, recounted in the same transaction.
 */
async function recountLikes(
  post: { id: string; authorId: string | null },
  topicId: string,
  liked: boolean,
  userId: string,
) {
  const postId = post.id;
  return db.$transaction(async (tx) => {
    if (liked) await tx.postLike.create({ data: { postId, userId } });
    else await tx.postLike.delete({ where: { postId_userId: { postId, userId } } });
    const likeCount = await tx.postLike.count({ where: { postId } });
    const current = await tx.post.findUniqueOrThrow({
      where: { id: postId },
      select: { updatedAt: true },
    });
    // A like is not an edit of the post.
    await tx.post.update({
      where: { id: postId },
      data: { likeCount, updatedAt: current.updatedAt },
    });
    await markSearchChanged(tx, "topic", [topicId]);
    await recomputeStandings(tx, [post.authorId]);
    return likeCount;
  });
}

export async function likePost(input: { viewer: Viewer; topicId: string; postId: string }) {
  const { viewer, topicId, postId } = input;
  const post = await findLikablePost(viewer, topicId, postId);
  if (!canLike(viewer, post)) {
    throw new ForumError(isSuspended(viewer) ? "suspended" : "notAllowed");
  }
  let likeCount: number;
  try {
    likeCount = await recountLikes(post, topicId, true, viewer.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ForumError("alreadyLiked");
    throw error;
  }
  await recordEvent({
    type: PORTAL_EVENTS.postLiked,
    accountId: viewer.accountId,
    userId: viewer.id,
    properties: { topicId, postId: post.id },
  });
  await recordEvent({
    type: PORTAL_EVENTS.likeReceived,
    accountId: post.accountId,
    userId: post.authorId,
    properties: { topicId, postId: post.id, likedBy: viewer.id },
  });
  notifyLater(() => notifyLike({ postId: post.id, actorId: viewer.id }));
  return { likeCount };
}

export async function unlikePost(input: { viewer: Viewer; topicId: string; postId: string }) {
  const { viewer, topicId, postId } = input;
  const post = await findLikablePost(viewer, topicId, postId);
  const like = await db.postLike.findUnique({
    where: { postId_userId: { postId: post.id, userId: viewer.id } },
    select: { postId: true },
  });
  if (!like) throw new ForumError("notLiked");
  return { likeCount: await recountLikes(post, topicId, false, viewer.id) };
}

export async function setWatching(input: { viewer: Viewer; topicId: string; watch: boolean }) {
  const { viewer, topicId, watch } = input;
  await findVisibleTopic(viewer, topicId);
  const key = { topicId_userId: { topicId, userId: viewer.id } };
  if (watch) {
    await db.topicWatch.upsert({ where: key, create: { topicId, userId: viewer.id }, update: {} });
  } else {
    await db.topicWatch.deleteMany({ where: { topicId, userId: viewer.id } });
  }
  return { watching: watch };
}

async function assertMayVote(viewer: Viewer, topicId: string) {
  const topic = await findVisibleTopic(viewer, topicId);
  if (topic.kind !== "idea") throw new ForumError("notAnIdea");
  if (!canVoteIdea(viewer, topic)) {
    throw new ForumError(isSuspended(viewer) ? "suspended" : "notAllowed");
  }
  return topic;
}

/** Votes are points for the idea's author, recounted in the same transaction. */
async function recountVotes(
  topic: { id: string; authorId: string | null },
  voted: boolean,
  userId: string,
) {
  const topicId = topic.id;
  return db.$transaction(async (tx) => {
    if (voted) await tx.topicVote.create({ data: { topicId, userId } });
    else await tx.topicVote.delete({ where: { topicId_userId: { topicId, userId } } });
    const voteCount = await tx.topicVote.count({ where: { topicId } });
    const current = await tx.topic.findUniqueOrThrow({
      where: { id: topicId },
      select: { updatedAt: true },
    });
    await tx.topic.update({
      where: { id: topicId },
      data: { voteCount, updatedAt: current.updatedAt },
    });
    await markSearchChanged(tx, "topic", [topicId]);
    await recomputeStandings(tx, [topic.authorId]);
    return voteCount;
  });
}

export async function voteIdea(input: { viewer: Viewer; topicId: string }) {
  const { viewer, topicId } = input;
  const topic = await assertMayVote(viewer, topicId);
  let voteCount: number;
  try {
    voteCount = await recountVotes(topic, true, viewer.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ForumError("alreadyVoted");
    throw error;
  }
  await recordEvent({
    type: PORTAL_EVENTS.ideaVoted,
    accountId: viewer.accountId,
    userId: viewer.id,
    properties: { topicId },
  });
  return { voteCount };
}

export async function unvoteIdea(input: { viewer: Viewer; topicId: string }) {
  const { viewer, topicId } = input;
  const topic = await assertMayVote(viewer, topicId);
  const vote = await db.topicVote.findUnique({
    where: { topicId_userId: { topicId, userId: viewer.id } },
    select: { topicId: true },
  });
  if (!vote) throw new ForumError("notVoted");
  return { voteCount: await recountVotes(topic, false, viewer.id) };
}

/** Staff only; null takes the idea back to "new". */
export async function setIdeaStatus(input: {
  viewer: Viewer;
  topicId: string;
  status: IdeaStatus | null;
}) {
  const { viewer, topicId, status } = input;
  const topic = await findVisibleTopic(viewer, topicId);
  if (!canModerate(viewer)) throw new ForumError("notAllowed");
  if (topic.kind !== "idea") throw new ForumError("notAnIdea");
  await db.$transaction(async (tx) => {
    const before = await tx.topic.findUniqueOrThrow({
      where: { id: topicId },
      select: { ideaStatus: true },
    });
    if (before.ideaStatus === status) return;
    await tx.topic.update({ where: { id: topicId }, data: { ideaStatus: status } });
    // "Shipped" earns the author a badge.
    await recomputeStandings(tx, [topic.authorId]);
    // Customers ask CS why an idea was declined or when it moved: the change is on record.
    await audit(
      {
        actorId: viewer.id,
        action: IDEA_STATUS_AUDIT_ACTION,
        targetType: "topic",
        targetId: topicId,
        data: { from: before.ideaStatus, to: status },
      },
      tx,
    );
  });
  return { ideaStatus: status };
}
