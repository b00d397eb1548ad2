// Delivery states of an outbox row (shared by the worker and the admin outbox page).
export const EMAIL_STATUSES = [
  "pending",
  "sending",
  "sent",
  "logged",
  "failed",
  "bounced",
  "suppressed",
] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** States an admin may send back to the queue. */
export const RETRYABLE_STATUSES: readonly EmailStatus[] = ["failed", "bounced", "suppressed"];
