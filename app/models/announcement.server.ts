// Announcements: what CS publishes and who sees it. The rules (status, targeting) are pure
// functions so that the home page, the dismiss action and the console agree, and unit tests
// can check them without a database.
import type { Locale } from "~/i18n";
import { parseList } from "~/models/article-policy";
import { db } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";

export const ANNOUNCEMENT_STATUSES = ["draft", "scheduled", "live", "expired"] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

/** The home page shows at most this many, newest first, so that it stays a home page. */
export const HOME_ANNOUNCEMENTS_SHOWN = 3;
/** Live announcements read per home page view before targeting; far more than CS ever runs. */
const LIVE_SCAN_LIMIT = 100;

type Timing = { publishedAt: Date | null; expiresAt: Date | null };
type Targeting = { audienceSegments: string; audiencePlans: string };
export type AudienceAccount = { plan: string; segment: string } | null;

export function announcementStatus(a: Timing, now = new Date()): AnnouncementStatus {
  if (!a.publishedAt) return "draft";
  if (a.publishedAt > now) return "scheduled";
  if (a.expiresAt && a.expiresAt <= now) return "expired";
  return "live";
}

export function isEveryone(a: Targeting): boolean {
  return parseList(a.audienceSegments).length === 0 && parseList(a.audiencePlans).length === 0;
}

/**
 * No chosen segment or plan means everyone, visitors included. Otherwise the viewer's account
 * must be in one of the chosen segments or on one of the chosen plans.
 */
export function isTargeted(a: Targeting, account: AudienceAccount): boolean {
  const segments = parseList(a.audienceSegments);
  const plans = parseList(a.audiencePlans);
  if (segments.length === 0 && plans.length === 0) return true;
  if (!account) return false;
  return segments.includes(account.segment) || plans.includes(account.plan);
}

function liveWhere(now: Date) {
  return {
    publishedAt: { lte: now },
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  };
}

const homeSelect = {
  id: true,
  kind: true,
  titleEn: true,
  titleJa: true,
  bodyEn: true,
  bodyJa: true,
  audienceSegments: true,
  audiencePlans: true,
  publishedAt: true,
  expiresAt: true,
} as const;

type HomeRow = {
  id: string;
  kind: string;
  titleEn: string;
  titleJa: string;
  bodyEn: string;
  bodyJa: string;
  publishedAt: Date | null;
};

export type HomeAnnouncement = {
  id: string;
  kind: string;
  title: string;
  html: string;
  publishedAt: string;
};

function toHome(row: HomeRow, locale: Locale): HomeAnnouncement {
  return {
    id: row.id,
    kind: row.kind,
    title: locale === "ja" ? row.titleJa : row.titleEn,
    html: renderMarkdown(locale === "ja" ? row.bodyJa : row.bodyEn).html,
    publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
  };
}

export type HomeViewer = {
  id: string;
  role: string;
  accountId: string | null;
} | null;

/** The viewer's account plan and segment, which decide what is targeted at them. */
export async function audienceAccountOf(viewer: HomeViewer): Promise<AudienceAccount> {
  if (!viewer?.accountId) return null;
  return db.account.findUnique({
    where: { id: viewer.accountId },
    select: { plan: true, segment: true },
  });
}

/**
 * The live announcements a customer or visitor sees on the home page: targeted at them, not
 * dismissed by them, in their language, newest first.
 */
export async function listHomeAnnouncements(input: {
  viewer: HomeViewer;
  locale: Locale;
  now?: Date;
}): Promise<HomeAnnouncement[]> {
  const now = input.now ?? new Date();
  const { viewer } = input;
  const account = await audienceAccountOf(viewer);
  const rows = await db.announcement.findMany({
    where: {
      ...liveWhere(now),
      ...(viewer ? { dismissals: { none: { userId: viewer.id } } } : {}),
    },
    select: homeSelect,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: LIVE_SCAN_LIMIT,
  });
  return rows
    .filter((row) => isTargeted(row, account))
    .slice(0, HOME_ANNOUNCEMENTS_SHOWN)
    .map((row) => toHome(row, input.locale));
}

/** What staff see on the home page: everything live, whoever it targets. */
export async function listLiveAnnouncementsForStaff(input: {
  locale: Locale;
  now?: Date;
}): Promise<{ items: HomeAnnouncement[]; total: number }> {
  const now = input.now ?? new Date();
  const [rows, total] = await Promise.all([
    db.announcement.findMany({
      where: liveWhere(now),
      select: homeSelect,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take: HOME_ANNOUNCEMENTS_SHOWN,
    }),
    db.announcement.count({ where: liveWhere(now) }),
  ]);
  return { items: rows.map((row) => toHome(row, input.locale)), total };
}

/** The announcement if this user may see it right now (live and targeted at them), else null. */
export async function findVisibleAnnouncement(
  id: string,
  viewer: NonNullable<HomeViewer>,
  now = new Date(),
) {
  const row = await db.announcement.findFirst({
    where: { id, ...liveWhere(now) },
    select: { id: true, audienceSegments: true, audiencePlans: true },
  });
  if (!row) return null;
  return isTargeted(row, await audienceAccountOf(viewer)) ? row : null;
}

/** The console's list, newest first, with how many users dismissed each. */
export async function listAnnouncementsForConsole(now = new Date()) {
  const rows = await db.announcement.findMany({
    select: {
      id: true,
      kind: true,
      titleEn: true,
      titleJa: true,
      audienceSegments: true,
      audiencePlans: true,
      publishedAt: true,
      expiresAt: true,
      updatedAt: true,
      _count: { select: { dismissals: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(({ _count, audienceSegments, audiencePlans, ...row }) => ({
    ...row,
    segments: parseList(audienceSegments),
    plans: parseList(audiencePlans),
    status: announcementStatus(row, now),
    dismissals: _count.dismissals,
  }));
}

/** One announcement for the console's edit form. */
export async function getAnnouncementForEdit(id: string, now = new Date()) {
  const row = await db.announcement.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      titleEn: true,
      titleJa: true,
      bodyEn: true,
      bodyJa: true,
      audienceSegments: true,
      audiencePlans: true,
      publishedAt: true,
      expiresAt: true,
      createdAt: true,
      updatedAt: true,
      _count: { select: { dismissals: true } },
    },
  });
  if (!row) return null;
  const { _count, audienceSegments, audiencePlans, ...rest } = row;
  return {
    ...rest,
    segments: parseList(audienceSegments),
    plans: parseList(audiencePlans),
    status: announcementStatus(row, now),
    dismissals: _count.dismissals,
  };
}
