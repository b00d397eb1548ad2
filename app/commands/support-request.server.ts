// "Still need help?": the request a customer files after self-service did not answer them.
// Linked to the article and search that led there, so CS sees which content failed.
import { SUPPORT_LIMITS } from "~/components/kb/support-limits";
import { canReadArticle } from "~/models/article-policy";
import type { KbViewer } from "~/models/article.server";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { db } from "~/utils/db.server";
import { escalateConversation } from "./chat.server";

export { SUPPORT_LIMITS };

export async function createSupportRequest(input: {
  viewer: NonNullable<KbViewer>;
  subject: string;
  body: string;
  articleSlug?: string | null;
  searchQuery?: string | null;
  /** The answer-bot conversation this request escalates; its transcript goes with it. */
  chatConversationId?: string | null;
  now?: Date;
}) {
  const { viewer } = input;
  const now = input.now ?? new Date();
  // An unknown or unreadable article does not stop the request; it is just not linked.
  const article = input.articleSlug
    ? await db.article.findUnique({
        where: { slug: input.articleSlug },
        select: {
          id: true,
          slug: true,
          status: true,
          publishAt: true,
          audience: true,
          audiencePlans: true,
          audienceSegments: true,
        },
      })
    : null;
  const linked = article && canReadArticle(viewer, article, now) ? article : null;
  const searchQuery = input.searchQuery?.trim().slice(0, SUPPORT_LIMITS.searchQuery) || null;
  const accountId = viewer.accountId;
  return db.$transaction(async (tx) => {
    // Someone else's (or an unknown) conversation is not attached; the request still goes out.
    const chatConversationId =
      input.chatConversationId && accountId
        ? await escalateConversation(tx, {
            viewer: { id: viewer.id, accountId },
            conversationId: input.chatConversationId,
            to: "support",
            now,
          })
        : null;
    const request = await tx.supportRequest.create({
      data: {
        accountId,
        userId: viewer.id,
        articleId: linked?.id ?? null,
        searchQuery,
        chatConversationId,
        subject: input.subject,
        body: input.body,
      },
      select: { id: true },
    });
    await recordEvent(
      {
        type: PORTAL_EVENTS.supportRequested,
        accountId,
        userId: viewer.id,
        properties: {
          supportRequestId: request.id,
          articleId: linked?.id ?? null,
          slug: linked?.slug ?? null,
          searchQuery,
          chatConversationId,
        },
        occurredAt: now,
      },
      tx,
    );
    return { id: request.id, articleLinked: !!linked, chatLinked: !!chatConversationId };
  });
}
