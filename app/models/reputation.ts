// Community reputation, badges and trust levels as pure rules over counted facts, so every number
// is unit-tested here and the server code (standing.server.ts) only counts rows and applies them.
// Reputation is derived from the facts each time they change, never kept by +/- increments.

/** Points per fact (docs/decisions/0009-reputation-and-trust.md explains the choice). */
export const REPUTATION_WEIGHTS = {
  /** A reply of theirs was accepted as the answer to someone else's question. */
  acceptedAnswer: 15,
  /** A like on one of their visible posts (one's own posts cannot be liked). */
  likeReceived: 2,
  /** A visible post of theirs that reached HELPFUL_POST_LIKES likes: a bonus on top of its likes. */
  helpfulPost: 10,
  /** A vote for an idea they proposed. */
  ideaVoteReceived: 1,
} as const;

/** Likes that make a post "helpful". */
export const HELPFUL_POST_LIKES = 5;

/**
 * What reputation, badges and trust are computed from. Only visible posts in visible topics
 * count: held and hidden content earns nothing until a moderator lets it through.
 */
export type CommunityFacts = {
  /** Visible posts (opening posts and replies). */
  postsMade: number;
  likesReceived: number;
  /** Visible posts with at least HELPFUL_POST_LIKES likes. */
  helpfulPosts: number;
  /** Accepted answers to questions asked by someone else. */
  acceptedAnswers: number;
  ideaVotesReceived: number;
  /** Their ideas that CS marked as shipped. */
  ideasShipped: number;
  /** Topics they opened and read (TopicRead rows). */
  topicsRead: number;
  daysSinceJoined: number;
};

export function computeReputation(facts: CommunityFacts): number {
  const w = REPUTATION_WEIGHTS;
  return (
    facts.acceptedAnswers * w.acceptedAnswer +
    facts.likesReceived * w.likeReceived +
    facts.helpfulPosts * w.helpfulPost +
    facts.ideaVotesReceived * w.ideaVoteReceived
  );
}

// ---------------------------------------------------------------------------------------------
// Badges: earned once, kept for good (a later unlike does not take a badge back).

/** Badge keys in display order; names and descriptions are in app/i18n/reputation.ts. */
export const BADGES = {
  first_post: (f: CommunityFacts) => f.postsMade >= 1,
  first_like: (f: CommunityFacts) => f.likesReceived >= 1,
  first_answer: (f: CommunityFacts) => f.acceptedAnswers >= 1,
  helpful_post: (f: CommunityFacts) => f.helpfulPosts >= 1,
  helped_10: (f: CommunityFacts) => f.acceptedAnswers >= 10,
  liked_50: (f: CommunityFacts) => f.likesReceived >= 50,
  idea_shipped: (f: CommunityFacts) => f.ideasShipped >= 1,
} as const satisfies Record<string, (facts: CommunityFacts) => boolean>;

export type BadgeKey = keyof typeof BADGES;
export const BADGE_KEYS = Object.keys(BADGES) as BadgeKey[];

export function isBadgeKey(value: string): value is BadgeKey {
  return (BADGE_KEYS as string[]).includes(value);
}

export function earnedBadges(facts: CommunityFacts): BadgeKey[] {
  return BADGE_KEYS.filter((key) => BADGES[key](facts));
}

// ---------------------------------------------------------------------------------------------
// Trust levels

export const TRUST_LEVELS = ["new", "member", "regular", "leader"] as const;
export type TrustLevelName = (typeof TRUST_LEVELS)[number];
export const MAX_TRUST_LEVEL = TRUST_LEVELS.length - 1;

type Threshold = Pick<
  CommunityFacts,
  "daysSinceJoined" | "topicsRead" | "postsMade" | "likesReceived" | "acceptedAnswers"
>;

/** Every figure must be reached for the level (index 1 = member, 2 = regular, 3 = leader). */
export const TRUST_THRESHOLDS: Record<1 | 2 | 3, Threshold> = {
  1: { daysSinceJoined: 1, topicsRead: 5, postsMade: 2, likesReceived: 0, acceptedAnswers: 0 },
  2: { daysSinceJoined: 14, topicsRead: 20, postsMade: 10, likesReceived: 5, acceptedAnswers: 0 },
  3: { daysSinceJoined: 60, topicsRead: 50, postsMade: 30, likesReceived: 30, acceptedAnswers: 5 },
};

function meets(facts: CommunityFacts, threshold: Threshold): boolean {
  return (Object.keys(threshold) as (keyof Threshold)[]).every((k) => facts[k] >= threshold[k]);
}

/**
 * The level the facts earn, never below the current one (promotion only: a quiet month does not
 * demote anyone; moderators can suspend). Staff are always fully trusted.
 */
export function computeTrustLevel(facts: CommunityFacts, current: number, staff: boolean): number {
  if (staff) return MAX_TRUST_LEVEL;
  let earned = 0;
  for (const level of [1, 2, 3] as const) {
    if (!meets(facts, TRUST_THRESHOLDS[level])) break;
    earned = level;
  }
  return Math.min(MAX_TRUST_LEVEL, Math.max(earned, current));
}

export function trustLevelName(level: number): TrustLevelName {
  return TRUST_LEVELS[Math.min(MAX_TRUST_LEVEL, Math.max(0, Math.trunc(level)))]!;
}

// ---------------------------------------------------------------------------------------------
// Posting limits per trust level

export type PostingLimits = {
  /** Topics and replies together, in any rolling hour. */
  postsPerHour: number;
  linksPerPost: number;
  /** Posts are held for review while fewer than this many of theirs were approved. */
  heldUntilApproved: number;
};

export const RATE_WINDOW_MS = 60 * 60 * 1000;
const UNLIMITED = Number.POSITIVE_INFINITY;

export const POSTING_LIMITS: Record<0 | 1 | 2 | 3, PostingLimits> = {
  0: { postsPerHour: 3, linksPerPost: 2, heldUntilApproved: 2 },
  1: { postsPerHour: 20, linksPerPost: 10, heldUntilApproved: 0 },
  2: { postsPerHour: UNLIMITED, linksPerPost: UNLIMITED, heldUntilApproved: 0 },
  3: { postsPerHour: UNLIMITED, linksPerPost: UNLIMITED, heldUntilApproved: 0 },
};

export function postingLimits(trustLevel: number): PostingLimits {
  const level = Math.min(MAX_TRUST_LEVEL, Math.max(0, Math.trunc(trustLevel))) as 0 | 1 | 2 | 3;
  return POSTING_LIMITS[level];
}

/**
 * When the next post is allowed: null if now, else the seconds until the oldest post of the
 * window leaves it. `recent` are the creation times of the author's posts in the last hour.
 */
export function retryAfterSeconds(recent: Date[], limit: number, now: Date): number | null {
  if (recent.length < limit) return null;
  const sorted = [...recent].sort((a, b) => a.getTime() - b.getTime());
  // After this one leaves the window, exactly limit - 1 remain.
  const leaving = sorted[sorted.length - limit]!;
  const ms = leaving.getTime() + RATE_WINDOW_MS - now.getTime();
  return Math.max(1, Math.ceil(ms / 1000));
}

const FENCED_CODE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;
/** [text](url) and ![alt](url) */
const MARKDOWN_LINK = /!?\[[^\]\n]*\]\(\s*<?[^)\s>]+>?(?:\s+"[^"]*")?\s*\)/g;
/** [label]: url (a reference definition) */
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s*\S+/gm;
/** <https://...> and <mailto:...> */
const AUTOLINK = /<(?:https?|ftp|mailto):[^>\s]+>/gi;
/** https://... and www.example.com as the renderer's linkify would find them. */
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>()]+/gi;

/** Links a post would show: Markdown links and images, references, autolinks and bare URLs. */
export function countLinks(body: string): number {
  let text = body.replace(FENCED_CODE, " ").replace(INLINE_CODE, " ");
  let count = 0;
  for (const pattern of [MARKDOWN_LINK, REFERENCE_DEFINITION, AUTOLINK]) {
    text = text.replace(pattern, () => {
      count += 1;
      return " ";
    });
  }
  return count + (text.match(BARE_URL)?.length ?? 0);
}
