// The outbox worker: claims due rows (each with a conditional update, so two processes never send
// the same row), sends them over SMTP when SMTP_URL is set and logs them otherwise, and records
// the outcome: sent, retried later with back-off, bounced (5xx, the address is suppressed) or
// failed after the last attempt. See docs/decisions/0017-notifications.md.
import nodemailer, { type Transporter } from "nodemailer";
import { onEmailQueued } from "~/models/email.server";
import { afterFailure, CLAIM_TIMEOUT_MS, describeError } from "~/models/email-retry";
import { db } from "~/utils/db.server";
import { backgroundJob } from "~/utils/background-job.server";
import { getEnv } from "~/utils/env.server";

/** Rows one worker takes per round. */
export const DELIVERY_BATCH = 20;
/** How often each process looks for due rows (it is also woken when a row is queued). */
export const DELIVERY_POLL_MS = 10_000;

let transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/** Closes cached SMTP connections (tests, shutdown). */
export function closeTransports() {
  for (const t of transports.values()) t.close();
  transports = new Map();
}

/** Takes up to `limit` due rows for this worker; a row another worker took is skipped. */
async function claimDue(now: Date, limit: number) {
  const candidates = await db.emailOutbox.findMany({
    where: {
      OR: [
        { status: "pending", nextAttemptAt: { lte: now } },
        // A worker that died while sending: its claim has expired.
        { status: "sending", lockedUntil: { lt: now } },
      ],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, status: true, lockedUntil: true },
  });
  const claimed: string[] = [];
  for (const c of candidates) {
    const { count } = await db.emailOutbox.updateMany({
      // The same condition again, atomically: only one worker's update matches.
      where:
        c.status === "pending"
          ? { id: c.id, status: "pending", nextAttemptAt: { lte: now } }
          : { id: c.id, status: "sending", lockedUntil: c.lockedUntil },
      data: {
        status: "sending",
        lockedUntil: new Date(now.getTime() + CLAIM_TIMEOUT_MS),
        attempts: { increment: 1 },
      },
    });
    if (count === 1) claimed.push(c.id);
  }
  return claimed;
}

export type DeliveryReport = {
  sent: number;
  logged: number;
  retried: number;
  bounced: number;
  failed: number;
  suppressed: number;
};

/** One round of delivery. `smtpUrl` overrides SMTP_URL (tests point it at their sink). */
export async function deliverPendingEmails(
  options: { now?: Date; limit?: number; smtpUrl?: string | null } = {},
): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const smtpUrl = options.smtpUrl === undefined ? getEnv().SMTP_URL : options.smtpUrl;
  const report: DeliveryReport = {
    sent: 0,
    logged: 0,
    retried: 0,
    bounced: 0,
    failed: 0,
    suppressed: 0,
  };
  const ids = await claimDue(now, options.limit ?? DELIVERY_BATCH);
  for (const id of ids) {
    const row = await db.emailOutbox.findUniqueOrThrow({ where: { id } });
    const suppression = await db.emailSuppression.findUnique({
      where: { email: row.to },
      select: { reason: true },
    });
    if (suppression) {
      await db.emailOutbox.update({
        where: { id },
        data: { status: "suppressed", lockedUntil: null, lastError: suppression.reason },
      });
      report.suppressed += 1;
      continue;
    }
    if (!smtpUrl) {
      if (process.env.NODE_ENV !== "test") {
        console.log(
          `[email ${row.id}] to=${row.to} subject=${JSON.stringify(row.subject)}\n${row.text}`,
        );
      }
      await db.emailOutbox.update({
        where: { id },
        data: { status: "logged", sentAt: new Date(), lockedUntil: null, lastError: null },
      });
      report.logged += 1;
      continue;
    }
    try {
      await transportFor(smtpUrl).sendMail({
        from: getEnv().MAIL_FROM,
        to: row.to,
        subject: row.subject,
        text: row.text,
        ...(row.html ? { html: row.html } : {}),
        headers: JSON.parse(row.headers) as Record<string, string>,
      });
      await db.emailOutbox.update({
        where: { id },
        data: { status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null },
      });
      report.sent += 1;
    } catch (error) {
      const outcome = afterFailure(error, row.attempts, now);
      const lastError = describeError(error);
      if (outcome.status === "bounced") {
        await db.$transaction(async (tx) => {
          await tx.emailOutbox.update({
            where: { id },
            data: { status: "bounced", lockedUntil: null, lastError },
          });
          await tx.emailSuppression.upsert({
            where: { email: row.to },
            create: { email: row.to, reason: lastError },
            update: {},
          });
        });
        report.bounced += 1;
      } else {
        await db.emailOutbox.update({
          where: { id },
          data: {
            status: outcome.status,
            lockedUntil: null,
            lastError,
            ...(outcome.status === "pending" ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
          },
        });
        if (outcome.status === "pending") report.retried += 1;
        else report.failed += 1;
      }
    }
  }
  return report;
}

/** The worker of this server process: a poll, plus a wake-up whenever an e-mail is queued. */
const emailWorker = backgroundJob(
  "E-mail delivery",
  async ({ stopping }) => {
    let handled = 0;
    do {
      const report = await deliverPendingEmails();
      handled = Object.values(report).reduce((a, b) => a + b, 0);
      // A full batch means more may be due now.
    } while (handled >= DELIVERY_BATCH && !stopping());
  },
  { everyMs: DELIVERY_POLL_MS, firstRunAfterMs: 0 },
);

/** Started once per server process (scheduler.server.ts); tests call deliverPendingEmails(). */
export function startEmailWorker() {
  emailWorker.start();
  onEmailQueued(emailWorker.wake);
}

/** Shutdown: no new deliveries; the batch under way finishes. */
export async function stopEmailWorker() {
  onEmailQueued(null);
  await emailWorker.stop();
}
