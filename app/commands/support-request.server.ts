// "Still need help?": the request a customer files after self-service did not answer them.
// Linked to the article and search that led there, so CS sees which content failed.
import { SUPPORT_LIMITS } from "~/components/kb/support-limits";
import { canReadArticle } from "~/models/article-policy";
import type { KbViewer } from "~/models/article.server";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { db } from "~/utils/db.server";

export { SUPPORT_LIMITS };

export async function createSupportRequest(input: {
  viewer: NonNullable<KbViewer>;
  subject: string;
  body: string;
  articleSlug?: string | null;
  searchQuery?: string | null;
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
  const request = await db.supportRequest.create({
    data: {
      accountId: viewer.accountId,
      userId: viewer.id,
      articleId: linked?.id ?? null,
      searchQuery,
      subject: input.subject,
      body: input.body,
    },
    select: { id: true },
  });
  await recordEvent({
    type: PORTAL_EVENTS.supportRequested,
    accountId: viewer.accountId,
    userId: viewer.id,
    properties: {
      supportRequestId: request.id,
      articleId: linked?.id ?? null,
      slug: linked?.slug ?? null,
      searchQuery,
    },
    occurredAt: now,
  });
  return { id: request.id, articleLinked: !!linked };
}
