// Newsletters: the audience rule (who receives one), the refusal of unsafe Markdown, link
// extraction for click tracking, and the reads for the console and for readers.
import MarkdownIt from "markdown-it";
import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES } from "~/i18n";
import { db, type Prisma } from "~/utils/db.server";
import { LIFECYCLE_STAGES } from "./newsletter-audience";
import { CUSTOMER_ROLES, isStaff } from "./roles";
import { PLANS, SEGMENTS } from "./segment";

export const NEWSLETTER_STATUSES = ["draft", "scheduled", "sending", "sent"] as const;
export type NewsletterStatus = (typeof NEWSLETTER_STATUSES)[number];
export const NEWSLETTER_SUBJECT_MAX = 150;
export const NEWSLETTER_BODY_MAX = 50_000;

export const audienceSchema = z.object({
  segments: z.array(z.enum(SEGMENTS)).default([]),
  plans: z.array(z.enum(PLANS)).default([]),
  stages: z.array(z.enum(LIFECYCLE_STAGES)).default([]),
  locales: z.array(z.enum(LOCALES)).default([]),
});
export type Audience = z.infer<typeof audienceSchema>;

export function parseAudience(raw: string): Audience {
  try {
    const parsed = audienceSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { segments: [], plans: [], stages: [], locales: [] };
}

/**
 * Customers of active accounts; within a list any value matches, every non-empty list must match.
 * Users without a language of their own count as the default language. Anyone who turned
 * newsletters off is left out.
 */
export function audienceWhere(a: Audience): Prisma.UserWhereInput {
  const localeFilter: Prisma.UserWhereInput = a.locales.length
    ? a.locales.includes(DEFAULT_LOCALE)
      ? { OR: [{ locale: { in: a.locales } }, { locale: null }] }
      : { locale: { in: a.locales } }
    : {};
  return {
    role: { in: [...CUSTOMER_ROLES] },
    account: {
      status: "active",
      ...(a.segments.length ? { segment: { in: a.segments } } : {}),
      ...(a.plans.length ? { plan: { in: a.plans } } : {}),
      ...(a.stages.length ? { lifecycleStage: { in: a.stages } } : {}),
    },
    ...localeFilter,
    notifyPrefs: { none: { kind: "newsletter", email: "never" } },
  };
}

export async function countAudience(a: Audience): Promise<number> {
  return db.user.count({ where: audienceWhere(a) });
}

export async function listAudience(a: Audience) {
  return db.user.findMany({
    where: audienceWhere(a),
    orderBy: { id: "asc" },
    select: { id: true, name: true, email: true, locale: true },
  });
}

const parser = new MarkdownIt({ html: true, linkify: true });
const DANGEROUS_TAG =
  /<\s*\/?\s*(script|iframe|object|embed|style|form|input|button|textarea|select|link|meta|base|frame|frameset|svg|math|applet)\b/i;
const EVENT_HANDLER = /<[^>]*\son[a-z]+\s*=/i;
const BAD_SCHEME = /^\s*(javascript|vbscript|data|file):/i;
const BAD_LINK_SOURCE = /\]\(\s*<?\s*(javascript|vbscript|data|file):/i;

type MdToken = ReturnType<MarkdownIt["parse"]>[number];

function walk(tokens: MdToken[], visit: (t: MdToken) => void) {
  for (const t of tokens) {
    visit(t);
    if (t.children) walk(t.children, visit);
  }
}

/**
 * What in the Markdown a newsletter must not carry (the safe renderer would drop it silently; for
 * mail that goes to thousands we refuse instead, so CS sees what they wrote is not what is sent).
 */
export function findUnsafeMarkdown(source: string): string[] {
  const found = new Set<string>();
  walk(parser.parse(source, {}), (t) => {
    if (t.type === "html_block" || t.type === "html_inline") {
      const tag = DANGEROUS_TAG.exec(t.content);
      if (tag) found.add(`<${tag[1]!.toLowerCase()}>`);
      if (EVENT_HANDLER.test(t.content)) found.add("on…= event attributes");
      if (/\b(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i.test(t.content)) {
        found.add("javascript: links");
      }
    }
    if (t.type === "link_open" || t.type === "image") {
      const href = t.attrGet("href") ?? t.attrGet("src") ?? "";
      if (BAD_SCHEME.test(href)) found.add("javascript: links");
    }
  });
  if (BAD_LINK_SOURCE.test(source)) found.add("javascript: links");
  return [...found];
}

/** The absolute (http/https) link targets of the Markdown, in order, each once. */
export function extractLinks(source: string, appUrl: string): string[] {
  const links: string[] = [];
  walk(parser.parse(source, {}), (t) => {
    if (t.type !== "link_open") return;
    const href = t.attrGet("href");
    if (!href) return;
    let url: URL;
    try {
      url = new URL(href, appUrl);
    } catch {
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return;
    if (!links.includes(url.toString())) links.push(url.toString());
  });
  return links;
}

const listSelect = {
  id: true,
  subject: true,
  status: true,
  scheduledAt: true,
  sentAt: true,
  recipientCount: true,
  createdAt: true,
  audience: true,
} as const;

export async function listNewsletters() {
  return db.newsletter.findMany({
    orderBy: [{ createdAt: "desc" }],
    select: listSelect,
    take: 200,
  });
}

export async function getNewsletter(id: string) {
  return db.newsletter.findUnique({
    where: { id },
    select: { ...listSelect, body: true, links: true, createdById: true },
  });
}

/** A sent newsletter for a reader: staff see any, customers only those sent to them (else null). */
export async function findReadableNewsletter(viewer: { id: string; role: string }, id: string) {
  const row = await db.newsletter.findUnique({
    where: { id },
    select: { id: true, subject: true, body: true, sentAt: true, status: true },
  });
  if (!row || row.status !== "sent") return null;
  if (isStaff(viewer)) return row;
  const received = await db.newsletterRecipient.findUnique({
    where: { newsletterId_userId: { newsletterId: id, userId: viewer.id } },
    select: { userId: true },
  });
  return received ? row : null;
}

export async function listNewslettersForReader(userId: string) {
  return db.newsletter.findMany({
    where: { status: "sent", recipients: { some: { userId } } },
    orderBy: { sentAt: "desc" },
    select: { id: true, subject: true, sentAt: true },
    take: 100,
  });
}
