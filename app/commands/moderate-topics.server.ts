// Topic-level moderation: hide/restore, approve/reject a held topic, lock, pin, move to another
// category and merge a duplicate into another topic. One transaction each, claimed by a
// conditional update first, so a double click (or two moderators) applies a change once.
import { parseList } from "~/models/article-policy";
import { forgetPinnedTopics } from "~/models/community-list.server";
import {
  audienceCovers,
  MODERATION_AUDIT,
  type ModerationAuditAction,
} from "~/models/moderation-policy";
import { markSearchChanged } from "~/search/changes.server";
import { db } from "~/utils/db.server";
import { isUniqueViolation } from "./topic-errors.server";
import {
  changeTopicState,
  logModeration,
  ModerationError,
  recountTopic,
  refuseUnchanged,
  requireModerator,
  type Moderator,
} from "./moderation-common.server";

type TopicInput = Moderator & { topicId: string; reason: string };
type State = "visible" | "pending" | "hidden";

const STATE_TRANSITIONS = {
  hide: { from: ["visible", "pending"], to: "hidden", action: MODERATION_AUDIT.topicHidden },
  restore: { from: ["hidden"], to: "visible", action: MODERATION_AUDIT.topicRestored },
  approve: { from: ["pending"], to: "visible", action: MODERATION_AUDIT.topicApproved },
  reject: { from: ["pending"], to: "hidden", action: MODERATION_AUDIT.topicRejected },
} as const satisfies Record<string, { from: State[]; to: State; action: ModerationAuditAction }>;

const SWITCHES = {
  lock: { field: "locked", value: true, action: MODERATION_AUDIT.topicLocked },
  unlock: { field: "locked", value: false, action: MODERATION_AUDIT.topicUnlocked },
  pin: { field: "pinned", value: true, action: MODERATION_AUDIT.topicPinned },
  unpin: { field: "pinned", value: false, action: MODERATION_AUDIT.topicUnpinned },
} as const;

export type TopicTransition = keyof typeof STATE_TRANSITIONS | keyof typeof SWITCHES;
export const TOPIC_TRANSITIONS = [
  ...Object.keys(STATE_TRANSITIONS),
  ...Object.keys(SWITCHES),
] as TopicTransition[];

function actorOf(input: Moderator, id: string) {
  return { actorId: id, ipAddress: input.ipAddress };
}

export async function moderateTopic(input: TopicInput & { transition: TopicTransition }) {
  const viewer = requireModerator(input);
  const { topicId, transition } = input;
  await db.$transaction(async (tx) => {
    let action: ModerationAuditAction;
    if (transition in STATE_TRANSITIONS) {
      const t = STATE_TRANSITIONS[transition as keyof typeof STATE_TRANSITIONS];
      if (!(await changeTopicState(tx, topicId, [...t.from], t.to))) {
        return refuseUnchanged(tx, "topic", topicId);
      }
      action = t.action;
    } else {
      const s = SWITCHES[transition as keyof typeof SWITCHES];
      const { count } = await tx.topic.updateMany({
        where: { id: topicId, mergedIntoId: null, [s.field]: !s.value },
        data: { [s.field]: s.value },
      });
      if (count === 0) return refuseUnchanged(tx, "topic", topicId);
      action = s.action;
    }
    await logModeration(
      tx,
      actorOf(input, viewer.id),
      action,
      { type: "topic", id: topicId },
      {
        reason: input.reason,
      },
    );
  });
  forgetPinnedTopics();
}

export async function moveTopic(input: TopicInput & { categoryId: string }) {
  const viewer = requireModerator(input);
  const { topicId, categoryId } = input;
  await db.$transaction(async (tx) => {
    const [topic, category] = await Promise.all([
      tx.topic.findUnique({
        where: { id: topicId },
        select: { categoryId: true, mergedIntoId: true },
      }),
      tx.forumCategory.findUnique({ where: { id: categoryId }, select: { id: true, slug: true } }),
    ]);
    if (!topic) throw new ModerationError("topicNotFound");
    if (topic.mergedIntoId) throw new ModerationError("topicMerged");
    if (!category) throw new ModerationError("unknownCategory");
    if (topic.categoryId === categoryId) throw new ModerationError("sameCategory");
    const { count } = await tx.topic.updateMany({
      where: { id: topicId, categoryId: topic.categoryId, mergedIntoId: null },
      data: { categoryId },
    });
    if (count === 0) throw new ModerationError("stale");
    // The category decides who may find the topic, so the search document changes too.
    await markSearchChanged(tx, "topic", [topicId]);
    await logModeration(
      tx,
      actorOf(input, viewer.id),
      MODERATION_AUDIT.topicMoved,
      {
        type: "topic",
        id: topicId,
      },
      { from: topic.categoryId, to: categoryId, reason: input.reason },
    );
  });
  forgetPinnedTopics();
}

/** Two writers can race for the target's post numbers; the loser tries again. */
const MERGE_ATTEMPTS = 3;

/**
 * Merges a duplicate into another topic (docs/decisions/0008-moderation.md): the source's posts
 * are appended to the target in their order, numbered old number + the target's last number
 * (so the target's own permalinks never change), the source is hidden and points at the target,
 * and its watchers watch the target. The offset is kept in the audit entry for old permalinks.
 */
export async function mergeTopic(input: TopicInput & { targetId: string }) {
  const viewer = requireModerator(input);
  const { topicId: sourceId, targetId } = input;
  if (sourceId === targetId) throw new ModerationError("mergeIntoSelf");
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await db.$transaction(async (tx) => {
        const [source, target] = await Promise.all(
          [sourceId, targetId].map((id) =>
            tx.topic.findUnique({
              where: { id },
              select: {
                id: true,
                title: true,
                state: true,
                mergedIntoId: true,
                category: { select: { audiencePlans: true } },
              },
            }),
          ),
        );
        if (!source) throw new ModerationError("topicNotFound");
        if (source.mergedIntoId) throw new ModerationError("topicMerged");
        if (!target) throw new ModerationError("unknownTarget");
        if (target.mergedIntoId || target.state !== "visible") {
          throw new ModerationError("targetNotVisible");
        }
        const covers = audienceCovers(
          parseList(target.category.audiencePlans),
          parseList(source.category.audiencePlans),
        );
        if (!covers) throw new ModerationError("mergeNarrowsAudience");

        const last = await tx.post.aggregate({
          where: { topicId: targetId },
          _max: { number: true },
        });
        const offset = last._max.number ?? 0;
        // The claim: only one merge of this source gets past this line.
        const { count } = await tx.topic.updateMany({
          where: { id: sourceId, mergedIntoId: null },
          data: {
            mergedIntoId: targetId,
            state: "hidden",
            pinned: false,
            acceptedPostId: null,
            acceptedAt: null,
          },
        });
        if (count === 0) throw new ModerationError("topicMerged");
        const moved = await tx.post.updateMany({
          where: { topicId: sourceId },
          data: { topicId: targetId, number: { increment: offset } },
        });
        const [watchers, watching] = await Promise.all([
          tx.topicWatch.findMany({ where: { topicId: sourceId }, select: { userId: true } }),
          tx.topicWatch.findMany({ where: { topicId: targetId }, select: { userId: true } }),
        ]);
        const already = new Set(watching.map((w) => w.userId));
        const newWatchers = watchers.filter((w) => !already.has(w.userId));
        if (newWatchers.length) {
          await tx.topicWatch.createMany({
            data: newWatchers.map((w) => ({ topicId: targetId, userId: w.userId })),
          });
        }
        await recountTopic(tx, targetId);
        await tx.topic.update({ where: { id: sourceId }, data: { replyCount: 0 } });
        await markSearchChanged(tx, "topic", [sourceId, targetId]);
        await logModeration(
          tx,
          actorOf(input, viewer.id),
          MODERATION_AUDIT.topicMerged,
          {
            type: "topic",
            id: sourceId,
          },
          {
            targetId,
            offset,
            movedPosts: moved.count,
            title: source.title,
            reason: input.reason,
          },
        );
        return { targetId, offset, movedPosts: moved.count };
      });
      forgetPinnedTopics();
      return result;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MERGE_ATTEMPTS) throw error;
    }
  }
}
