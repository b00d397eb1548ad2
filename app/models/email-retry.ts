// How the delivery worker treats a failed attempt. Pure, unit-tested.

/** Attempts before a message that keeps failing temporarily is given up ("failed"). */
export const MAX_EMAIL_ATTEMPTS = 8;
/** The first retry waits this long; each further one twice as long, up to the cap. */
export const RETRY_BASE_MS = 60_000;
export const RETRY_CAP_MS = 6 * 60 * 60 * 1000;
/** A worker that claimed a row and died frees it after this long. */
export const CLAIM_TIMEOUT_MS = 5 * 60 * 1000;

/** Delay after the given (1-based) failed attempt: 1 min, 2 min, 4 min … capped at 6 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

export type FailureKind = "permanent" | "temporary";

/**
 * SMTP 5xx is the server saying "never": the address is marked bouncing. 4xx, timeouts and
 * connection errors are worth another try.
 */
export function classifySmtpError(error: unknown): FailureKind {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600 ? "permanent" : "temporary";
}

export type AttemptOutcome =
  { status: "bounced" } | { status: "failed" } | { status: "pending"; nextAttemptAt: Date };

export function afterFailure(error: unknown, attempts: number, now: Date): AttemptOutcome {
  if (classifySmtpError(error) === "permanent") return { status: "bounced" };
  if (attempts >= MAX_EMAIL_ATTEMPTS) return { status: "failed" };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

export function describeError(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; message?: string } | null;
  const text = e?.response ?? e?.message ?? String(error);
  return text.slice(0, 500);
}
