// Why a community command refused, as an HTTP status and a message key the route translates
// (under "topic.errors"), so that every refusal is a precise 4xx and nothing was written.
export const FORUM_ERROR_STATUS = {
  /** Not signed in is handled by requireUser; these are the rest. */
  suspended: 403,
  locked: 403,
  notAllowed: 403,
  reasonRequired: 400,
  unknownMention: 422,
  notAReply: 422,
  notAQuestion: 422,
  notAnIdea: 422,
  alreadyLiked: 409,
  notLiked: 409,
  alreadyVoted: 409,
  notVoted: 409,
  notAccepted: 409,
  postNotFound: 404,
  /** New users' limits (app/models/reputation.ts POSTING_LIMITS). */
  tooManyLinks: 422,
  rateLimited: 429,
} as const;

export type ForumErrorCode = keyof typeof FORUM_ERROR_STATUS;

export class ForumError extends Error {
  readonly status: number;
  constructor(
    readonly code: ForumErrorCode,
    readonly params: Record<string, string> = {},
    /** For "rateLimited": seconds until a post is allowed again (the Retry-After header). */
    readonly retryAfter?: number,
  ) {
    super(code);
    this.name = "ForumError";
    this.status = FORUM_ERROR_STATUS[code];
  }
}

/** Prisma's unique-constraint violation: a concurrent request won a race. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/** The Retry-After header a refusal carries, if any. */
export function retryHeaders(error: ForumError): HeadersInit | undefined {
  return error.retryAfter ? { "Retry-After": String(error.retryAfter) } : undefined;
}
