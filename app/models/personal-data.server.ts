// "Download my data": everything the portal holds about the signed-in person, as one JSON
// document. Scoped to the caller's own id; no other person's data (names of others, emails)
// is included, and no secrets (password hash, session tokens).
import { db } from "~/utils/db.server";

export const PERSONAL_DATA_FORMAT = "acme-portal-personal-data/1";

export async function exportUserData(userId: string, now = new Date()) {
  const [profile, topics, posts, likes, votes, feedback, events, sessions, searches, support] =
    await Promise.all([
      db.user.findUniqueOrThrow({
        where: { id: userId },
        select: {
          id: true,
          email: true,
          name: true,
          locale: true,
          role: true,
          handle: true,
          reputation: true,
          trustLevel: true,
          showAccountName: true,
          externalId: true,
          createdAt: true,
          lastSeenAt: true,
          account: { select: { name: true, externalId: true } },
          badges: { select: { badge: true, awardedAt: true } },
        },
      }),
      db.topic.findMany({
        where: { authorId: userId },
        select: { id: true, title: true, kind: true, state: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      }),
      db.post.findMany({
        where: { authorId: userId },
        select: {
          id: true,
          number: true,
          body: true,
          state: true,
          createdAt: true,
          editedAt: true,
          topic: { select: { id: true, title: true } },
        },
        orderBy: { createdAt: "asc" },
      }),
      db.postLike.findMany({
        where: { userId },
        select: { postId: true, createdAt: true },
      }),
      db.topicVote.findMany({
        where: { userId },
        select: { topicId: true, createdAt: true },
      }),
      db.articleFeedback.findMany({
        where: { userId },
        select: {
          helpful: true,
          comment: true,
          createdAt: true,
          article: { select: { slug: true, title: true } },
        },
      }),
      db.event.findMany({
        where: { userId },
        select: { type: true, properties: true, source: true, occurredAt: true },
        orderBy: { occurredAt: "asc" },
      }),
      db.session.findMany({
        where: { userId },
        select: {
          createdAt: true,
          lastUsedAt: true,
          expiresAt: true,
          revokedAt: true,
          ipAddress: true,
          userAgent: true,
        },
        orderBy: { createdAt: "desc" },
      }),
      db.searchQuery.findMany({
        where: { userId },
        select: { query: true, locale: true, source: true, resultCount: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      }),
      db.supportRequest.findMany({
        where: { userId },
        select: { subject: true, body: true, status: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      }),
    ]);
  return {
    format: PERSONAL_DATA_FORMAT,
    exportedAt: now.toISOString(),
    profile,
    topics,
    posts,
    votes: { postLikes: likes, ideaVotes: votes, articleFeedback: feedback },
    events: events.map((e) => ({ ...e, properties: safeJson(e.properties) })),
    sessions,
    searches,
    supportRequests: support,
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
