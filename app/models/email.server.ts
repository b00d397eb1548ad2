// The outbox: every e-mail the portal sends is a row here first. The worker in
// app/commands/deliver-email.server.ts delivers pending rows over SMTP (or logs them when
// SMTP_URL is unset); see docs/decisions/0017-notifications.md.
import { db, type Prisma } from "~/utils/db.server";
import { afterCommit } from "~/utils/transaction-context.server";
import { EMAIL_STATUSES, type EmailStatus } from "./email-status";

export { EMAIL_STATUSES, type EmailStatus };

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  kind: string;
  locale: string;
  userId?: string | null;
  headers?: Record<string, string>;
  /** Queues the message at most once (a digest of a period, a newsletter to a person). */
  dedupeKey?: string | null;
};

type OutboxClient = Pick<Prisma.TransactionClient, "emailOutbox" | "emailSuppression">;

/** Called when a row is queued, so an in-process worker can deliver it without waiting to poll. */
let wake: (() => void) | null = null;
export function onEmailQueued(listener: (() => void) | null) {
  wake = listener;
}
export function onEmailQueuedListener() {
  return wake;
}

export function normalizeAddress(address: string) {
  return address.trim().toLowerCase();
}

/**
 * Queues an e-mail; returns its row (the existing one when the dedupe key was queued before).
 * An address that bounced earlier gets a "suppressed" row: visible to admins, never sent.
 */
export async function enqueueEmail(input: OutgoingEmail, client: OutboxClient = db) {
  const to = normalizeAddress(input.to);
  const suppressed = await client.emailSuppression.findUnique({
    where: { email: to },
    select: { reason: true },
  });
  const data = {
    to,
    subject: input.subject,
    text: input.text,
    html: input.html ?? null,
    kind: input.kind,
    locale: input.locale,
    userId: input.userId ?? null,
    headers: JSON.stringify(input.headers ?? {}),
    dedupeKey: input.dedupeKey ?? null,
    ...(suppressed ? { status: "suppressed", lastError: suppressed.reason } : {}),
  };
  if (data.dedupeKey) {
    const earlier = await client.emailOutbox.findUnique({
      where: { dedupeKey: data.dedupeKey },
      select: { id: true, status: true },
    });
    if (earlier) return { ...earlier, created: false };
  }
  const row = await client.emailOutbox.create({ data, select: { id: true, status: true } });
  if (!suppressed) afterCommit(() => wake?.());
  return { ...row, created: true };
}

export type OutboxFilter = { status?: EmailStatus; page: number };
export const OUTBOX_PAGE_SIZE = 50;

/** Admins' view of the outbox: newest first, with delivery state. */
export async function listOutbox(filter: OutboxFilter) {
  const where = filter.status ? { status: filter.status } : {};
  const [rows, total, byStatus] = await Promise.all([
    db.emailOutbox.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        to: true,
        subject: true,
        kind: true,
        status: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        createdAt: true,
        sentAt: true,
      },
    }),
    db.emailOutbox.count({ where }),
    db.emailOutbox.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Partial<
    Record<EmailStatus, number>
  >;
  return { rows, total, counts };
}

/**
 * An admin asks for another attempt: failed, bounced or suppressed rows go back to pending now.
 * Retrying a bounced address lifts its suppression (the admin says it is fixed).
 */
export async function retryEmail(id: string): Promise<"retried" | "not_found" | "not_retryable"> {
  return db.$transaction(async (tx) => {
    const row = await tx.emailOutbox.findUnique({
      where: { id },
      select: { status: true, to: true },
    });
    if (!row) return "not_found";
    if (!["failed", "bounced", "suppressed"].includes(row.status)) return "not_retryable";
    await tx.emailSuppression.deleteMany({ where: { email: row.to } });
    await tx.emailOutbox.update({
      where: { id },
      data: { status: "pending", nextAttemptAt: new Date(), lockedUntil: null, lastError: null },
    });
    afterCommit(() => wake?.());
    return "retried";
  });
}
