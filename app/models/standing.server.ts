// A user's community standing (reputation, badges, trust level) recounted from the rows, inside
// the transaction that changed them, and the posting limits that follow from the trust level.
// Recounting instead of +/- increments means a number can never drift from the facts.
import { ForumError } from "~/commands/topic-errors.server";
import { db, type Prisma } from "~/utils/db.server";
import {
  computeReputation,
  computeTrustLevel,
  countLinks,
  earnedBadges,
  HELPFUL_POST_LIKES,
  postingLimits,
  RATE_WINDOW_MS,
  retryAfterSeconds,
  type CommunityFacts,
} from "./reputation";
import { isStaff } from "./roles";

type Tx = Prisma.TransactionClient;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Only visible posts in visible topics count for anything. */
const countedPost = (authorId: string) =>
  ({ authorId, state: "visible", topic: { state: "visible" } }) as const;

export async function countFacts(
  tx: Tx,
  user: { id: string; createdAt: Date },
  now = new Date(),
): Promise<CommunityFacts> {
  const id = user.id;
  const [
    postsMade,
    likesReceived,
    helpfulPosts,
    acceptedAnswers,
    ideaVotesReceived,
    ideasShipped,
    topicsRead,
  ] = await Promise.all([
    tx.post.count({ where: countedPost(id) }),
    tx.postLike.count({ where: { userId: { not: id }, post: countedPost(id) } }),
    tx.post.count({ where: { ...countedPost(id), likeCount: { gte: HELPFUL_POST_LIKES } } }),
    // Answering one's own question earns nothing. (`not` alone would skip authorless topics.)
    tx.topic.count({
      where: {
        state: "visible",
        acceptedPost: { authorId: id, state: "visible" },
        OR: [{ authorId: null }, { authorId: { not: id } }],
      },
    }),
    tx.topicVote.count({
      where: { userId: { not: id }, topic: { authorId: id, kind: "idea", state: "visible" } },
    }),
    tx.topic.count({
      where: { authorId: id, kind: "idea", state: "visible", ideaStatus: "shipped" },
    }),
    tx.topicRead.count({ where: { userId: id } }),
  ]);
  return {
    postsMade,
    likesReceived,
    helpfulPosts,
    acceptedAnswers,
    ideaVotesReceived,
    ideasShipped,
    topicsRead,
    daysSinceJoined: Math.max(0, Math.floor((now.getTime() - user.createdAt.getTime()) / DAY_MS)),
  };
}

export type Standing = { reputation: number; trustLevel: number; facts: CommunityFacts };

/**
 * Recounts one user's reputation and trust level, and awards the badges the facts earn (never
 * twice). Takes the user's row lock first, so two transactions recounting the same user run one
 * after the other and the second counts what the first wrote.
 */
export async function recomputeStanding(tx: Tx, userId: string, now = new Date()) {
  const locked = await tx.user.update({
    where: { id: userId },
    data: { reputation: { increment: 0 } },
    select: { id: true, role: true, createdAt: true, trustLevel: true, reputation: true },
  });
  const facts = await countFacts(tx, locked, now);
  const reputation = computeReputation(facts);
  const trustLevel = computeTrustLevel(facts, locked.trustLevel, isStaff(locked));
  if (reputation !== locked.reputation || trustLevel !== locked.trustLevel) {
    await tx.user.update({ where: { id: userId }, data: { reputation, trustLevel } });
  }
  const earned = earnedBadges(facts);
  if (earned.length) {
    const have = await tx.userBadge.findMany({
      where: { userId, badge: { in: earned } },
      select: { badge: true },
    });
    const had = new Set(have.map((b) => b.badge));
    const missing = earned.filter((b) => !had.has(b));
    if (missing.length) {
      await tx.userBadge.createMany({
        data: missing.map((badge) => ({ userId, badge, awardedAt: now })),
      });
    }
  }
  return { reputation, trustLevel, facts } satisfies Standing;
}

/** Several users, in a fixed order so that two transactions never wait on each other's locks. */
export async function recomputeStandings(
  tx: Tx,
  userIds: Array<string | null | undefined>,
  now = new Date(),
) {
  const ids = [...new Set(userIds.filter((id): id is string => !!id))].sort();
  for (const id of ids) await recomputeStanding(tx, id, now);
}

/**
 * Before a post is written, inside the posting transaction: refreshes the author's standing (time
 * and reading may have promoted them), refuses a post over their hourly or link limit, and says
 * whether the post is held for review. A double submission never gets here (its key finds the
 * first post), so it does not count against the limit.
 */
export async function checkPosting(
  tx: Tx,
  authorId: string,
  body: string,
  now = new Date(),
): Promise<{ state: "visible" | "pending" }> {
  const standing = await recomputeStanding(tx, authorId, now);
  const limits = postingLimits(standing.trustLevel);
  if (countLinks(body) > limits.linksPerPost) {
    throw new ForumError("tooManyLinks", { max: String(limits.linksPerPost) });
  }
  if (Number.isFinite(limits.postsPerHour)) {
    const recent = await tx.post.findMany({
      where: { authorId, createdAt: { gt: new Date(now.getTime() - RATE_WINDOW_MS) } },
      select: { createdAt: true },
    });
    const wait = retryAfterSeconds(
      recent.map((p) => p.createdAt),
      limits.postsPerHour,
      now,
    );
    if (wait !== null) {
      throw new ForumError(
        "rateLimited",
        { max: String(limits.postsPerHour), minutes: String(Math.ceil(wait / 60)) },
        wait,
      );
    }
  }
  return { state: standing.facts.postsMade < limits.heldUntilApproved ? "pending" : "visible" };
}

/**
 * Whether the user's next post would be held, for a hint on the posting forms (a promotion at
 * posting time may still let it through). One query, two for new users.
 */
export async function willHoldPosts(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { role: true, trustLevel: true },
  });
  if (!user || isStaff(user)) return false;
  const { heldUntilApproved } = postingLimits(user.trustLevel);
  if (!heldUntilApproved) return false;
  return (await db.post.count({ where: countedPost(userId) })) < heldUntilApproved;
}
