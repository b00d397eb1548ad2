// What must follow when a moderator lets a held post through, or hides a post: the post and (for
// an opening post) its topic become visible, the topic's counters are recounted, search is told,
// the engagement event that was held back is recorded, and the author's reputation, badges and
// trust level are recounted. The moderation queue (/admin/moderation) calls these inside its own
// transaction; both are idempotent, so calling one twice changes nothing the second time.
import { PORTAL_EVENTS } from "~/models/event.server";
import { recomputeStandings } from "~/models/standing.server";
import { markSearchChanged } from "~/search/changes.server";
import type { Prisma } from "~/utils/db.server";
import { afterCommitNotify, notifyNewPost } from "./notification-hooks.server";

type Tx = Prisma.TransactionClient;

const postSelect = {
  id: true,
  topicId: true,
  number: true,
  authorId: true,
  accountId: true,
  state: true,
  createdAt: true,
  topic: { select: { state: true, authorId: true, kind: true, categoryId: true } },
} as const;

/** Replies and the last visible post, from the rows: held and hidden posts do not count. */
export async function recountTopic(tx: Tx, topicId: string) {
  const [replyCount, last, current] = await Promise.all([
    tx.post.count({ where: { topicId, state: "visible", number: { gt: 1 } } }),
    tx.post.findFirst({
      where: { topicId, state: "visible" },
      orderBy: { number: "desc" },
      select: { createdAt: true },
    }),
    tx.topic.findUniqueOrThrow({ where: { id: topicId }, select: { updatedAt: true } }),
  ]);
  await tx.topic.update({
    where: { id: topicId },
    // Counting is not editing the topic.
    data: {
      replyCount,
      ...(last ? { lastPostedAt: last.createdAt } : {}),
      updatedAt: current.updatedAt,
    },
  });
}

/**
 * A held post approved: it (and its topic, when it is the opening post of a held topic) becomes
 * visible. Works whether or not the caller already set the state. Returns false for an unknown
 * post or one that is hidden (hidden is restored by the moderation code, not by approval).
 */
export async function onPostApproved(tx: Tx, postId: string, now = new Date()): Promise<boolean> {
  const post = await tx.post.findUnique({ where: { id: postId }, select: postSelect });
  if (!post || post.state === "hidden") return false;
  if (post.state === "pending") {
    await tx.post.update({ where: { id: post.id }, data: { state: "visible" } });
  }
  const opening = post.number === 1;
  if (opening && post.topic.state === "pending") {
    await tx.topic.update({ where: { id: post.topicId }, data: { state: "visible" } });
  }
  await recountTopic(tx, post.topicId);
  await markSearchChanged(tx, "topic", [post.topicId]);
  // The event the held post did not record; its key makes a second approval record nothing.
  const idempotencyKey = `post-approved:${post.id}`;
  const recorded = await tx.event.findUnique({ where: { idempotencyKey }, select: { id: true } });
  if (!recorded && post.accountId) {
    await tx.event.create({
      data: {
        type: opening ? PORTAL_EVENTS.topicCreated : PORTAL_EVENTS.replyPosted,
        accountId: post.accountId,
        userId: post.authorId,
        properties: JSON.stringify(
          opening
            ? { topicId: post.topicId, kind: post.topic.kind, categoryId: post.topic.categoryId }
            : { topicId: post.topicId, number: post.number },
        ),
        idempotencyKey,
        occurredAt: now,
      },
    });
  }
  await recomputeStandings(tx, [post.authorId], now);
  // The notifications a held post did not send; dedupe keys make a second approval send none.
  afterCommitNotify(() => notifyNewPost(post.id));
  return true;
}

/**
 * A post hidden (or a hidden post's topic changed): its likes, an accepted answer and, for an
 * opening post, the idea votes stop counting for the author. Call after setting the state.
 */
export async function onPostHidden(tx: Tx, postId: string, now = new Date()): Promise<boolean> {
  const post = await tx.post.findUnique({ where: { id: postId }, select: postSelect });
  if (!post) return false;
  await recountTopic(tx, post.topicId);
  await markSearchChanged(tx, "topic", [post.topicId]);
  await recomputeStandings(tx, [post.authorId, post.topic.authorId], now);
  return true;
}
