// A reply: checked against the topic's policy, idempotent by the form's submission key, with
// @mentions resolved to users. Everything is written in one transaction.
import { canReply, isSuspended, parseMentions, type ForumViewer } from "~/models/forum-policy";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { ensureHandle } from "~/models/handle.server";
import { checkPosting, recomputeStanding } from "~/models/standing.server";
import { findVisibleTopic } from "~/models/topic.server";
import { db, type Prisma } from "~/utils/db.server";
import { afterCommitNotify, notifyNewPost } from "./notification-hooks.server";
import { ForumError, isUniqueViolation } from "./topic-errors.server";

/** Two people replying at the same instant can race for the next post number; one retries. */
const NUMBER_RACE_ATTEMPTS = 3;

/** The users behind the @handles of a body; an unknown handle refuses the whole post. */
export async function resolveMentions(
  client: Pick<Prisma.TransactionClient, "user">,
  body: string,
  authorId: string,
): Promise<string[]> {
  const handles = parseMentions(body);
  if (!handles.length) return [];
  const users = await client.user.findMany({
    where: { handle: { in: handles } },
    select: { id: true, handle: true },
  });
  const known = new Set(users.map((u) => u.handle));
  const unknown = handles.filter((h) => !known.has(h));
  if (unknown.length) {
    throw new ForumError("unknownMention", { handles: unknown.map((h) => `@${h}`).join(", ") });
  }
  // Mentioning oneself notifies no one.
  return users.map((u) => u.id).filter((id) => id !== authorId);
}

export async function replyToTopic(input: {
  viewer: NonNullable<ForumViewer>;
  topicId: string;
  body: string;
  submissionKey: string;
}): Promise<{ number: number; created: boolean; state: string }> {
  const { viewer, topicId, body, submissionKey } = input;
  const topic = await findVisibleTopic(viewer, topicId);
  if (!canReply(viewer, topic)) {
    throw new ForumError(isSuspended(viewer) ? "suspended" : "locked");
  }
  const mentioned = await resolveMentions(db, body, viewer.id);

  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(async (tx) => {
        const existing = await tx.post.findUnique({
          where: { authorId_submissionKey: { authorId: viewer.id, submissionKey } },
          select: { number: true, topicId: true, state: true },
        });
        if (existing) return { number: existing.number, created: false, state: existing.state };
        await ensureHandle(tx, viewer.id);
        // New users' limits; their first posts wait for a moderator (app/models/reputation.ts).
        const { state } = await checkPosting(tx, viewer.id, body);
        const last = await tx.post.aggregate({ where: { topicId }, _max: { number: true } });
        const number = (last._max.number ?? 0) + 1;
        const now = new Date();
        const created = await tx.post.create({
          select: { id: true },
          data: {
            topicId,
            authorId: viewer.id,
            accountId: viewer.accountId,
            number,
            body,
            state,
            submissionKey,
            mentions: { create: mentioned.map((userId) => ({ userId })) },
          },
        });
        // Who replies wants to hear back.
        await tx.topicWatch.upsert({
          where: { topicId_userId: { topicId, userId: viewer.id } },
          create: { topicId, userId: viewer.id },
          update: {},
        });
        // A held reply is not counted, not bumped and not an engagement event until approved
        // (app/commands/post-review.server.ts).
        if (state === "visible") {
          await tx.topic.update({
            where: { id: topicId },
            data: { replyCount: { increment: 1 }, lastPostedAt: now },
          });
          await recomputeStanding(tx, viewer.id, now);
          await recordEvent(
            {
              type: PORTAL_EVENTS.replyPosted,
              accountId: viewer.accountId,
              userId: viewer.id,
              properties: { topicId, number, mentions: mentioned.length },
              occurredAt: now,
            },
            tx,
          );
          // Mentions, the asker and watchers hear of it once it has committed.
          afterCommitNotify(() => notifyNewPost(created.id));
        }
        return { number, created: true, state };
      });
    } catch (error) {
      // A double submission racing itself, or another reply taking the number: the next
      // attempt finds the first post by its key, or takes the next number.
      if (!isUniqueViolation(error) || attempt >= NUMBER_RACE_ATTEMPTS) throw error;
    }
  }
}
