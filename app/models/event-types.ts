// Event type names, importable by browser code too (event.server.ts records them).
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
  /** properties: templateId, stepId, source ("manual" | "event"). */
  onboardingStepDone: "portal.onboarding_step_done",
  /** properties: templateId, scope ("user": one member's list | "account": every step reached). */
  onboardingCompleted: "portal.onboarding_completed",
  /**
   * The answer bot (properties: conversationId, questions, answered). Resolved: the customer said
   * it solved their question (a deflected request); escalated: it did not, and they were offered
   * the community and support (properties.via says which they used, once known); abandoned: no
   * message for CHAT_LIMITS.abandonAfterMs while open.
   */
  chatResolved: "chat.resolved",
  chatEscalated: "chat.escalated",
  chatAbandoned: "chat.abandoned",
  /** properties: newsletterId, link (the target), from ("email" | "portal"). */
  newsletterClicked: "portal.newsletter_clicked",
} as const;

export const PORTAL_EVENT_TYPES: readonly string[] = Object.values(PORTAL_EVENTS);
