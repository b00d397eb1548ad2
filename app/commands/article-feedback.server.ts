// "Was this helpful?": one vote per user and article. Voting again changes the vote; the
// article's counters are recounted in the same transaction, so they always match the rows.
import { FEEDBACK_COMMENT_MAX_LENGTH } from "~/components/kb/feedback-schema";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { db } from "~/utils/db.server";
import { markSearchChanged } from "~/search/changes.server";

export { FEEDBACK_COMMENT_MAX_LENGTH };

export async function voteOnArticle(input: {
  article: { id: string; slug: string };
  user: { id: string; accountId: string | null };
  helpful: boolean;
  /** Kept only with a "no": it says what was missing. */
  comment?: string | null;
}) {
  const { article, user, helpful } = input;
  const comment = helpful ? null : input.comment?.trim() || null;
  const counts = await db.$transaction(async (tx) => {
    await tx.articleFeedback.upsert({
      where: { articleId_userId: { articleId: article.id, userId: user.id } },
      create: {
        articleId: article.id,
        userId: user.id,
        accountId: user.accountId,
        helpful,
        comment,
      },
      update: { helpful, comment, accountId: user.accountId },
    });
    const [helpfulCount, unhelpfulCount, current] = await Promise.all([
      tx.articleFeedback.count({ where: { articleId: article.id, helpful: true } }),
      tx.articleFeedback.count({ where: { articleId: article.id, helpful: false } }),
      tx.article.findUniqueOrThrow({ where: { id: article.id }, select: { updatedAt: true } }),
    ]);
    // A vote is not an edit of the article: updatedAt stays.
    await tx.article.update({
      where: { id: article.id },
      data: { helpfulCount, unhelpfulCount, updatedAt: current.updatedAt },
    });
    // Helpfulness is a ranking signal.
    await markSearchChanged(tx, "article", [article.id]);
    return { helpfulCount, unhelpfulCount };
  });
  await recordEvent({
    type: PORTAL_EVENTS.articleVoted,
    accountId: user.accountId,
    userId: user.id,
    properties: { articleId: article.id, slug: article.slug, helpful, commented: !!comment },
  });
  return counts;
}
