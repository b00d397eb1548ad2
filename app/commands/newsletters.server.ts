// CS newsletters: save (unsafe Markdown refused), test to oneself, send now or on schedule. Sending
// claims the newsletter (draft/scheduled -> sending) so two processes never send it twice, stores
// who received it (they may read it in the portal) and queues one outbox row per reader with
// links that go through the tracking redirect (/newsletters/:id/l/:n).
import { getT } from "~/i18n";
import { audit } from "~/models/audit.server";
import {
  emailLocale,
  portalUrl,
  renderEmail,
  unsubscribeHeaders,
} from "~/models/email-content.server";
import { enqueueEmail } from "~/models/email.server";
import {
  countAudience,
  extractLinks,
  findUnsafeMarkdown,
  listAudience,
  parseAudience,
  type Audience,
} from "~/models/newsletter.server";
import { enqueueEmailsBulk } from "~/models/outbox-bulk.server";
import { signUnsubscribe, unsubscribeUrlFor } from "~/models/unsubscribe.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { markdownToText, renderMarkdown } from "~/utils/markdown.server";
import { signValues, tokenSecret } from "~/utils/signed-token.server";

export const NEWSLETTER_AUDIT = {
  created: "newsletter.created",
  updated: "newsletter.updated",
  scheduled: "newsletter.scheduled",
  unscheduled: "newsletter.unscheduled",
  sent: "newsletter.sent",
} as const;

export class NewsletterError extends Error {
  constructor(
    public code: "emptyAudience" | "unsafe" | "alreadySent" | "notFound" | "scheduleInPast",
    public detail = "",
  ) {
    super(code);
    this.name = "NewsletterError";
  }
}

export type NewsletterInput = { subject: string; body: string; audience: Audience };

/** Refuses unsafe Markdown and an audience nobody is in; returns the exact recipient count. */
export async function checkNewsletter(input: NewsletterInput): Promise<number> {
  const unsafe = findUnsafeMarkdown(input.body);
  if (unsafe.length) throw new NewsletterError("unsafe", unsafe.join(", "));
  const count = await countAudience(input.audience);
  if (count === 0) throw new NewsletterError("emptyAudience");
  return count;
}

export async function saveNewsletter(input: {
  actorId: string;
  id?: string;
  values: NewsletterInput;
}): Promise<{ id: string; recipients: number }> {
  const recipients = await checkNewsletter(input.values);
  const data = {
    subject: input.values.subject,
    body: input.values.body,
    audience: JSON.stringify(input.values.audience),
    links: JSON.stringify(extractLinks(input.values.body, getEnv().APP_URL)),
  };
  return db.$transaction(async (tx) => {
    let id = input.id;
    if (id) {
      // Only unsent newsletters change.
      const { count } = await tx.newsletter.updateMany({
        where: { id, status: { in: ["draft", "scheduled"] } },
        data,
      });
      if (count === 0) {
        const exists = await tx.newsletter.findUnique({ where: { id }, select: { id: true } });
        throw new NewsletterError(exists ? "alreadySent" : "notFound");
      }
    } else {
      id = (
        await tx.newsletter.create({
          data: { ...data, createdById: input.actorId },
          select: { id: true },
        })
      ).id;
    }
    await audit(
      {
        actorId: input.actorId,
        action: input.id ? NEWSLETTER_AUDIT.updated : NEWSLETTER_AUDIT.created,
        targetType: "newsletter",
        targetId: id,
        data: { subject: data.subject, audience: input.values.audience, recipients },
      },
      tx,
    );
    return { id, recipients };
  });
}

/** The link a reader follows for link `index`: signed for them in e-mail, plain in the portal. */
export function trackedLink(secret: string, newsletterId: string, index: number, userId?: string) {
  const path = `/newsletters/${newsletterId}/l/${index}`;
  if (!userId) return path;
  const sig = signValues(secret, newsletterId, String(index), userId);
  return portalUrl(`${path}?u=${encodeURIComponent(userId)}&s=${sig}`);
}

/** The body as safe HTML with every link sent through the tracking redirect. */
export function renderNewsletterBody(
  newsletter: { id: string; body: string; links: string[] },
  link: (index: number) => string,
): { html: string; text: string } {
  const appUrl = getEnv().APP_URL;
  const { html } = renderMarkdown(newsletter.body);
  const tracked = html.replace(/href="([^"]*)"/g, (whole, raw: string) => {
    const href = raw.replace(/&amp;/g, "&");
    let target: string;
    try {
      target = new URL(href, appUrl).toString();
    } catch {
      return whole;
    }
    const index = newsletter.links.indexOf(target);
    return index < 0 ? whole : `href="${link(index).replace(/&/g, "&amp;")}"`;
  });
  const text = [
    markdownToText(newsletter.body),
    ...newsletter.links.map((target, i) => `[${i + 1}] ${link(i)}`),
  ].join("\n");
  return { html: tracked, text };
}

function parseLinks(raw: string): string[] {
  try {
    const value = JSON.parse(raw) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function newsletterEmail(input: {
  newsletter: { id: string; subject: string; body: string; links: string[] };
  user: { id: string; name: string; locale: string | null };
  secret: string;
  unsubscribe: string | null;
  test?: boolean;
}) {
  const locale = emailLocale(input.user.locale);
  const t = getT(locale);
  const rich = renderNewsletterBody(input.newsletter, (i) =>
    trackedLink(input.secret, input.newsletter.id, i, input.user.id),
  );
  const body = renderEmail({
    locale,
    name: input.user.name,
    intro: [],
    rich,
    action: {
      text: t("notifications.newsletters.readTitle"),
      url: portalUrl(`/newsletters/${input.newsletter.id}`),
    },
    unsubscribeUrl: input.unsubscribe,
  });
  return {
    subject: `${input.test ? "[TEST] " : ""}${input.newsletter.subject}`,
    text: body.text,
    html: body.html,
    locale,
  };
}

/** A copy to the CS person themselves, marked [TEST]; nothing is recorded as sent. */
export async function sendTestNewsletter(input: {
  actor: { id: string; name: string; email: string; locale: string | null };
  id: string;
}) {
  const row = await db.newsletter.findUnique({
    where: { id: input.id },
    select: { id: true, subject: true, body: true, links: true },
  });
  if (!row) throw new NewsletterError("notFound");
  const newsletter = { ...row, links: parseLinks(row.links) };
  const mail = newsletterEmail({
    newsletter,
    user: input.actor,
    secret: await tokenSecret(),
    unsubscribe: null,
    test: true,
  });
  await enqueueEmail({
    to: input.actor.email,
    ...mail,
    kind: "newsletter:test",
    userId: input.actor.id,
  });
  return { email: input.actor.email };
}

export async function scheduleNewsletter(input: {
  actorId: string;
  id: string;
  at: Date;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  if (input.at <= now) throw new NewsletterError("scheduleInPast");
  const row = await db.newsletter.findUnique({
    where: { id: input.id },
    select: { body: true, subject: true, audience: true },
  });
  if (!row) throw new NewsletterError("notFound");
  await checkNewsletter({
    subject: row.subject,
    body: row.body,
    audience: parseAudience(row.audience),
  });
  const { count } = await db.newsletter.updateMany({
    where: { id: input.id, status: { in: ["draft", "scheduled"] } },
    data: { status: "scheduled", scheduledAt: input.at },
  });
  if (count === 0) throw new NewsletterError("alreadySent");
  await audit({
    actorId: input.actorId,
    action: NEWSLETTER_AUDIT.scheduled,
    targetType: "newsletter",
    targetId: input.id,
    data: { at: input.at.toISOString() },
  });
}

export async function unscheduleNewsletter(input: { actorId: string; id: string }) {
  const { count } = await db.newsletter.updateMany({
    where: { id: input.id, status: "scheduled" },
    data: { status: "draft", scheduledAt: null },
  });
  if (count === 0) throw new NewsletterError("alreadySent");
  await audit({
    actorId: input.actorId,
    action: NEWSLETTER_AUDIT.unscheduled,
    targetType: "newsletter",
    targetId: input.id,
  });
}

/**
 * A newsletter left "sending" for this long was cut short (the server stopped mid-send); the
 * scheduler sends it again. A send of 50,000 readers takes well under a minute.
 */
export const STALLED_SEND_MS = 10 * 60 * 1000;

const NEWSLETTER_SEND_FIELDS = {
  id: true,
  subject: true,
  body: true,
  links: true,
  audience: true,
  status: true,
  updatedAt: true,
} as const;

/**
 * Sends to the audience as it is now. The claim (status -> sending) makes a second call, another
 * process or the scheduler racing a "send now" a no-op; the outbox dedupe keys make a resumed
 * send queue nobody twice. A send that fails puts the newsletter back as it was.
 */
export async function sendNewsletter(input: { actorId: string | null; id: string; now?: Date }) {
  const now = input.now ?? new Date();
  const row = await db.newsletter.findUnique({
    where: { id: input.id },
    select: NEWSLETTER_SEND_FIELDS,
  });
  if (!row) throw new NewsletterError("notFound");
  if (row.status === "sent" || row.status === "sending") throw new NewsletterError("alreadySent");
  await checkNewsletter({
    subject: row.subject,
    body: row.body,
    audience: parseAudience(row.audience),
  });
  const claim = await db.newsletter.updateMany({
    where: { id: row.id, status: { in: ["draft", "scheduled"] } },
    data: { status: "sending" },
  });
  if (claim.count !== 1) throw new NewsletterError("alreadySent");
  try {
    return await deliverNewsletter(row, input.actorId, now);
  } catch (error) {
    await db.newsletter.updateMany({
      where: { id: row.id, status: "sending" },
      data: { status: row.status },
    });
    throw error;
  }
}

/** Queues one e-mail per reader and marks the newsletter sent; the caller holds the claim. */
async function deliverNewsletter(
  row: { id: string; subject: string; body: string; links: string; audience: string },
  actorId: string | null,
  now: Date,
) {
  const readers = await listAudience(parseAudience(row.audience));
  const secret = await tokenSecret();
  const newsletter = { ...row, links: parseLinks(row.links) };
  const messages = readers.map((user) => {
    const unsubscribe = unsubscribeUrlFor(signUnsubscribe(secret, user.id, "newsletter", now));
    const mail = newsletterEmail({ newsletter, user, secret, unsubscribe });
    return {
      to: user.email,
      ...mail,
      kind: "newsletter",
      userId: user.id,
      headers: unsubscribeHeaders(unsubscribe),
      dedupeKey: `newsletter:${row.id}:${user.id}`,
    };
  });
  // A resumed send lists its readers again, as they are now.
  await db.newsletterRecipient.deleteMany({ where: { newsletterId: row.id } });
  await db.newsletterRecipient.createMany({
    data: readers.map((u) => ({ newsletterId: row.id, userId: u.id })),
  });
  await enqueueEmailsBulk(messages, now);
  await db.newsletter.update({
    where: { id: row.id },
    data: { status: "sent", sentAt: now, recipientCount: readers.length },
  });
  await audit({
    actorId,
    action: NEWSLETTER_AUDIT.sent,
    targetType: "newsletter",
    targetId: row.id,
    data: { recipients: readers.length },
  });
  return { recipients: readers.length };
}

/**
 * The scheduler's part for sends the server stopped in the middle of: each is claimed again
 * (only if it has not moved since it was read) and finished. Readers already queued are not
 * queued twice (outbox dedupe keys).
 */
export async function resumeStalledNewsletters(now = new Date()) {
  const stalled = await db.newsletter.findMany({
    where: { status: "sending", updatedAt: { lt: new Date(now.getTime() - STALLED_SEND_MS) } },
    select: NEWSLETTER_SEND_FIELDS,
  });
  let resumed = 0;
  for (const row of stalled) {
    const claim = await db.newsletter.updateMany({
      where: { id: row.id, status: "sending", updatedAt: row.updatedAt },
      data: { updatedAt: now },
    });
    if (claim.count !== 1) continue;
    try {
      await deliverNewsletter(row, null, now);
      resumed += 1;
    } catch (error) {
      console.error(`Newsletter ${row.id} could not be resumed`, error);
    }
  }
  return resumed;
}

/** The scheduler's part: scheduled newsletters whose time has come. */
export async function sendDueNewsletters(now = new Date()) {
  const due = await db.newsletter.findMany({
    where: { status: "scheduled", scheduledAt: { lte: now } },
    select: { id: true },
  });
  let sent = 0;
  for (const n of due) {
    try {
      await sendNewsletter({ actorId: null, id: n.id, now });
      sent += 1;
    } catch (error) {
      if (error instanceof NewsletterError && error.code === "alreadySent") continue;
      if (error instanceof NewsletterError) {
        // Its audience emptied (or it cannot be sent as written): back to draft for CS to fix.
        await db.newsletter.updateMany({
          where: { id: n.id, status: "scheduled" },
          data: { status: "draft", scheduledAt: null },
        });
      }
      console.error(`Scheduled newsletter ${n.id} could not be sent`, error);
    }
  }
  return sent;
}
