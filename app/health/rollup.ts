// The names under which EventDaily counts events. Most events count under their own type; the
// few whose outcome matters to health count under a variant ("<type>:<outcome>"), because the
// daily rollup keeps counts, not properties. Both the rollup SQL and the scoring read these.
import { PORTAL_EVENTS } from "~/models/event-types";

export const ROLLUP_TYPES = {
  searchFound: `${PORTAL_EVENTS.searched}:found`,
  searchNone: `${PORTAL_EVENTS.searched}:none`,
  searchClicked: PORTAL_EVENTS.searchClicked,
  votedHelpful: `${PORTAL_EVENTS.articleVoted}:helpful`,
  votedUnhelpful: `${PORTAL_EVENTS.articleVoted}:unhelpful`,
  /** A support request sent from an article (the reader still needed help). */
  supportAfterReading: `${PORTAL_EVENTS.supportRequested}:after_reading`,
  supportRequested: PORTAL_EVENTS.supportRequested,
  topicCreated: PORTAL_EVENTS.topicCreated,
  replyPosted: PORTAL_EVENTS.replyPosted,
  answerAccepted: PORTAL_EVENTS.answerAccepted,
  likeReceived: PORTAL_EVENTS.likeReceived,
} as const;

/** The prefix of the portal's own event types; every other type is the product's. */
export const PORTAL_TYPE_PREFIX = "portal.";

/**
 * The rollup type of one event, in plain code (the SQL in rollup-events.server.ts does the same
 * with CASE; rollup.test.ts keeps the two in step through the integration test).
 */
export function rollupType(type: string, properties: Record<string, unknown>): string {
  if (type === PORTAL_EVENTS.searched) {
    return properties.outcome === "none" ? ROLLUP_TYPES.searchNone : ROLLUP_TYPES.searchFound;
  }
  if (type === PORTAL_EVENTS.articleVoted) {
    return properties.helpful === false ? ROLLUP_TYPES.votedUnhelpful : ROLLUP_TYPES.votedHelpful;
  }
  if (type === PORTAL_EVENTS.supportRequested && properties.articleId) {
    return ROLLUP_TYPES.supportAfterReading;
  }
  return type;
}

const VARIANT_BASES = new Map<string, string>(
  Object.values(ROLLUP_TYPES)
    .filter((t) => t.includes(":"))
    .map((t) => [t, t.slice(0, t.lastIndexOf(":"))]),
);

/** The event type an EventDaily type counts (a variant's own type; any other type as it is). */
export function baseType(rolledType: string): string {
  return VARIANT_BASES.get(rolledType) ?? rolledType;
}
