// What CS does to announcements (save, publish, unpublish, delete; each audited in the same
// transaction) and what a customer does to one (dismiss it, an engagement signal).
import {
  ANNOUNCEMENT_KINDS,
  ANNOUNCEMENT_PLANS,
  ANNOUNCEMENT_SEGMENTS,
  type AnnouncementInput,
} from "~/components/Announcements";
import { announcementStatus, findVisibleAnnouncement } from "~/models/announcement.server";
import { audit } from "~/models/audit.server";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { db } from "~/utils/db.server";
import { afterCommitNotify, notifyLiveAnnouncements } from "./notification-hooks.server";

export const ANNOUNCEMENT_AUDIT = {
  created: "announcement.created",
  updated: "announcement.updated",
  published: "announcement.published",
  unpublished: "announcement.unpublished",
  deleted: "announcement.deleted",
} as const;

/**
 * The route validated with localized messages already; this guards every other caller
 * (scripts, seeds) against storing an announcement the home page could not show sensibly.
 */
export function assertValidAnnouncement(input: AnnouncementInput) {
  if (!(ANNOUNCEMENT_KINDS as readonly string[]).includes(input.kind)) {
    throw new Error(`Unknown announcement kind: ${input.kind}`);
  }
  for (const text of [input.titleEn, input.titleJa, input.bodyEn, input.bodyJa]) {
    if (!text.trim()) throw new Error("Announcements need a title and body in both languages");
  }
  if (input.segments.some((s) => !(ANNOUNCEMENT_SEGMENTS as readonly string[]).includes(s))) {
    throw new Error("Unknown segment in the audience");
  }
  if (input.plans.some((p) => !(ANNOUNCEMENT_PLANS as readonly string[]).includes(p))) {
    throw new Error("Unknown plan in the audience");
  }
  if (input.expiresAt && input.publishedAt && input.expiresAt <= input.publishedAt) {
    throw new Error("An announcement must expire after it is published");
  }
}

function toRow(input: AnnouncementInput) {
  return {
    kind: input.kind,
    titleEn: input.titleEn,
    titleJa: input.titleJa,
    bodyEn: input.bodyEn,
    bodyJa: input.bodyJa,
    audienceSegments: JSON.stringify(input.segments),
    audiencePlans: JSON.stringify(input.plans),
    publishedAt: input.publishedAt,
    expiresAt: input.expiresAt,
  };
}

function auditData(input: AnnouncementInput) {
  return {
    kind: input.kind,
    titleEn: input.titleEn,
    segments: input.segments,
    plans: input.plans,
    publishedAt: input.publishedAt?.toISOString() ?? null,
    expiresAt: input.expiresAt?.toISOString() ?? null,
  };
}

export async function createAnnouncement(input: {
  actorId: string;
  values: AnnouncementInput;
  ipAddress?: string;
}): Promise<{ id: string }> {
  assertValidAnnouncement(input.values);
  return db.$transaction(async (tx) => {
    const row = await tx.announcement.create({
      data: { ...toRow(input.values), createdById: input.actorId },
      select: { id: true },
    });
    await audit(
      {
        actorId: input.actorId,
        action: ANNOUNCEMENT_AUDIT.created,
        targetType: "announcement",
        targetId: row.id,
        data: auditData(input.values),
        ipAddress: input.ipAddress,
      },
      tx,
    );
    // Live at once (or already past its publish time): its audience hears of it after commit.
    afterCommitNotify(() => notifyLiveAnnouncements());
    return row;
  });
}

/** Saves the whole form over the stored announcement; null when it no longer exists. */
export async function updateAnnouncement(input: {
  actorId: string;
  id: string;
  values: AnnouncementInput;
  ipAddress?: string;
}): Promise<{ id: string } | null> {
  assertValidAnnouncement(input.values);
  return db.$transaction(async (tx) => {
    const found = await tx.announcement.findUnique({
      where: { id: input.id },
      select: { id: true },
    });
    if (!found) return null;
    await tx.announcement.update({ where: { id: input.id }, data: toRow(input.values) });
    await audit(
      {
        actorId: input.actorId,
        action: ANNOUNCEMENT_AUDIT.updated,
        targetType: "announcement",
        targetId: input.id,
        data: auditData(input.values),
        ipAddress: input.ipAddress,
      },
      tx,
    );
    afterCommitNotify(() => notifyLiveAnnouncements());
    return found;
  });
}

export type PublishResult = "published" | "expired" | "not_found";

/** Makes a draft or scheduled announcement live now, unless its expiry has already passed. */
export async function publishAnnouncementNow(input: {
  actorId: string;
  id: string;
  now?: Date;
  ipAddress?: string;
}): Promise<PublishResult> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const row = await tx.announcement.findUnique({
      where: { id: input.id },
      select: { publishedAt: true, expiresAt: true },
    });
    if (!row) return "not_found";
    if (row.expiresAt && row.expiresAt <= now) return "expired";
    if (announcementStatus(row, now) === "live") return "published";
    await tx.announcement.update({ where: { id: input.id }, data: { publishedAt: now } });
    await audit(
      {
        actorId: input.actorId,
        action: ANNOUNCEMENT_AUDIT.published,
        targetType: "announcement",
        targetId: input.id,
        data: { publishedAt: now.toISOString() },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    afterCommitNotify(() => notifyLiveAnnouncements(now));
    return "published";
  });
}

/** Back to draft: it leaves every home page at once; dismissals are kept for a re-publish. */
export async function unpublishAnnouncement(input: {
  actorId: string;
  id: string;
  ipAddress?: string;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.announcement.findUnique({
      where: { id: input.id },
      select: { publishedAt: true },
    });
    if (!row) return false;
    if (!row.publishedAt) return true;
    await tx.announcement.update({ where: { id: input.id }, data: { publishedAt: null } });
    await audit(
      {
        actorId: input.actorId,
        action: ANNOUNCEMENT_AUDIT.unpublished,
        targetType: "announcement",
        targetId: input.id,
        data: { publishedAt: row.publishedAt.toISOString() },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return true;
  });
}

export async function deleteAnnouncement(input: {
  actorId: string;
  id: string;
  ipAddress?: string;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.announcement.findUnique({
      where: { id: input.id },
      select: { titleEn: true, _count: { select: { dismissals: true } } },
    });
    if (!row) return false;
    // Dismissals go with it (onDelete: Cascade).
    await tx.announcement.delete({ where: { id: input.id } });
    await audit(
      {
        actorId: input.actorId,
        action: ANNOUNCEMENT_AUDIT.deleted,
        targetType: "announcement",
        targetId: input.id,
        data: { titleEn: row.titleEn, dismissals: row._count.dismissals },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return true;
  });
}

export type DismissResult = "dismissed" | "already_dismissed" | "not_found";

/**
 * The user hides an announcement for good. Only one they can see now can be dismissed, so an
 * id guessed or taken from another audience answers "not found". The event is recorded once.
 */
export async function dismissAnnouncement(input: {
  user: { id: string; role: string; accountId: string | null };
  id: string;
  now?: Date;
}): Promise<DismissResult> {
  const visible = await findVisibleAnnouncement(input.id, input.user, input.now);
  if (!visible) return "not_found";
  const key = { userId: input.user.id, announcementId: visible.id };
  const existing = await db.announcementDismissal.findUnique({
    where: { userId_announcementId: key },
    select: { userId: true },
  });
  if (existing) return "already_dismissed";
  try {
    await db.announcementDismissal.create({ data: key });
  } catch (error) {
    // A double click sends two requests; the second loses the race on the primary key.
    if ((error as { code?: string }).code === "P2002") return "already_dismissed";
    throw error;
  }
  await recordEvent({
    type: PORTAL_EVENTS.announcementDismissed,
    accountId: input.user.accountId,
    userId: input.user.id,
    properties: { announcementId: visible.id },
  });
  return "dismissed";
}
