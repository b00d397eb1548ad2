import { db, type Prisma } from "~/utils/db.server";

/** Event types the portal records about itself; the product's own types arrive over the API. */
export const PORTAL_EVENTS = {
  signedIn: "portal.signed_in",
  invitationSent: "portal.invitation_sent",
  invitationAccepted: "portal.invitation_accepted",
  articleViewed: "portal.article_viewed",
  articleVoted: "portal.article_voted",
  supportRequested: "portal.support_requested",
  tutorialStepDone: "portal.tutorial_step_done",
  announcementDismissed: "portal.announcement_dismissed",
  /** properties.outcome: "found" | "none"; a later searchClicked names the result opened. */
  searched: "portal.searched",
  searchClicked: "portal.search_clicked",
  /** Began a support request or forum question and left without sending it. */
  requestDeflected: "portal.request_deflected",
  /** Community, on the account of the person who acted (or, for "received", who was liked). */
  replyPosted: "portal.reply_posted",
  postLiked: "portal.post_liked",
  likeReceived: "portal.like_received",
  answerAccepted: "portal.answer_accepted",
  ideaVoted: "portal.idea_voted",
  /** properties: topicId, kind, categoryId. */
  topicCreated: "portal.topic_created",
} as const;

/**
 * Records an engagement signal for the user's account; staff (no account) are not counted. Pass
 * the transaction as `client` when the event must exist together with what it reports.
 */
export async function recordEvent(
  input: {
    type: string;
    accountId: string | null;
    userId?: string | null;
    properties?: Record<string, unknown>;
    occurredAt?: Date;
  },
  client: Pick<Prisma.TransactionClient, "event"> = db,
) {
  if (!input.accountId) return;
  await client.event.create({
    data: {
      type: input.type,
      accountId: input.accountId,
      userId: input.userId ?? null,
      properties: JSON.stringify(input.properties ?? {}),
      occurredAt: input.occurredAt ?? new Date(),
    },
  });
}
