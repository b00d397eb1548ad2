// Starting a topic: the topic and its opening post in one transaction, tags attached, search told
// to index it, and an engagement event for the author's account. A form submitted twice (double
// click, retry after a timeout) carries the same submission key and gets the first topic back.
// New users' limits throw a ForumError (rateLimited, tooManyLinks) that the route translates.
import type { Locale } from "~/i18n";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import {
  canSeeCategory,
  canStartTopic,
  FORUM_LIMITS,
  isSuspended,
  type ForumViewer,
  type TopicKind,
} from "~/models/forum-policy";
import { ensureHandle } from "~/models/handle.server";
import { checkPosting, recomputeStanding } from "~/models/standing.server";
import { markSearchChanged } from "~/search/changes.server";
import { db, type Db } from "~/utils/db.server";
import { afterCommitNotify, notifyNewPost } from "./notification-hooks.server";
import { tagSlug } from "./save-article.server";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type CreateTopicInput = {
  viewer: NonNullable<ForumViewer>;
  categoryId: string;
  kind: TopicKind;
  title: string;
  body: string;
  tags: string[];
  locale: Locale;
  /** Sent once by the form; the same key from the same author never makes a second topic. */
  submissionKey: string;
};

export type CreateTopicResult =
  | { ok: true; id: string; created: boolean }
  | { ok: false; error: "notFound" | "suspended" | "invalid" };

export async function createTopic(input: CreateTopicInput): Promise<CreateTopicResult> {
  const { viewer } = input;
  const earlier = await findBySubmission(viewer.id, input.submissionKey);
  if (earlier) return { ok: true, id: earlier, created: false };

  const category = await db.forumCategory.findUnique({
    where: { id: input.categoryId },
    select: { id: true, audiencePlans: true },
  });
  // A category the viewer may not see answers as if it did not exist.
  if (!category || !canSeeCategory(viewer, category)) return { ok: false, error: "notFound" };
  if (isSuspended(viewer)) return { ok: false, error: "suspended" };
  if (!canStartTopic(viewer, category)) return { ok: false, error: "notFound" };
  const title = input.title.trim();
  const body = input.body.trim();
  // The route's schema gives field messages; this guards every other caller.
  if (
    title.length < FORUM_LIMITS.titleMin ||
    title.length > FORUM_LIMITS.titleMax ||
    body.length < FORUM_LIMITS.bodyMin ||
    body.length > FORUM_LIMITS.bodyMax ||
    input.tags.length > FORUM_LIMITS.tagsMax
  ) {
    return { ok: false, error: "invalid" };
  }

  let id: string;
  try {
    id = await db.$transaction(async (tx) => {
      const now = new Date();
      // Posting makes the author someone others can @mention. First, so that a double submission
      // waits here for the first one (on the user row) instead of deadlocking against it later.
      await ensureHandle(tx, viewer.id);
      // New users' limits (a ForumError: rateLimited or tooManyLinks); their first posts are held.
      const { state } = await checkPosting(tx, viewer.id, body, now);
      const topic = await tx.topic.create({
        data: {
          categoryId: category.id,
          authorId: viewer.id,
          accountId: viewer.accountId,
          kind: input.kind,
          title,
          locale: input.locale,
          state,
          lastPostedAt: now,
          posts: {
            create: {
              authorId: viewer.id,
              accountId: viewer.accountId,
              number: 1,
              body,
              state,
              submissionKey: input.submissionKey,
            },
          },
          // The author has read their own opening post.
          reads: { create: { userId: viewer.id, lastReadNumber: 1 } },
        },
        select: { id: true, posts: { select: { id: true } } },
      });
      await attachTags(tx, topic.id, input.tags);
      await markSearchChanged(tx, "topic", [topic.id]);
      // Written in the transaction: a topic and its engagement event exist together or not at all.
      // A held topic becomes an event (and counts for standing) when a moderator approves it.
      if (state === "visible") await recomputeStanding(tx, viewer.id, now);
      if (state === "visible") {
        await recordEvent(
          {
            type: PORTAL_EVENTS.topicCreated,
            accountId: viewer.accountId,
            userId: viewer.id,
            properties: { topicId: topic.id, kind: input.kind, categoryId: category.id },
            occurredAt: now,
          },
          tx,
        );
        const opening = topic.posts[0]!.id;
        afterCommitNotify(() => notifyNewPost(opening));
      }
      return topic.id;
    });
  } catch (error) {
    // Two submissions raced past the first check: the unique key let one through.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const winner = await findBySubmission(viewer.id, input.submissionKey);
    if (!winner) throw error;
    return { ok: true, id: winner, created: false };
  }
  return { ok: true, id, created: true };
}

async function findBySubmission(authorId: string, submissionKey: string) {
  const post = await db.post.findUnique({
    where: { authorId_submissionKey: { authorId, submissionKey } },
    select: { topicId: true, number: true },
  });
  return post && post.number === 1 ? post.topicId : null;
}

/** Tags are shared with the help center: an existing tag is reused, a new name creates one. */
async function attachTags(tx: Tx, topicId: string, names: string[]) {
  const seen = new Set<string>();
  for (const name of names) {
    const slug = tagSlug(name);
    if (seen.has(slug)) continue;
    seen.add(slug);
    const tag = await tx.tag.upsert({
      where: { slug },
      create: { slug, name },
      update: {},
      select: { id: true },
    });
    await tx.topicTag.create({ data: { topicId, tagId: tag.id } });
  }
}
