// Notifications under the bell, a user's e-mail preferences and category watches. Every query is
// scoped to the signed-in user: nobody reads or marks another person's notifications.
import type { TFunction } from "i18next";
import type { Locale } from "~/i18n";
import { db } from "~/utils/db.server";
import {
  BELL_COUNT_CAP,
  effectiveChoice,
  kindsFor,
  NOTIFICATIONS_PAGE_SIZE,
  type EmailChoice,
  type PreferenceKind,
} from "./notification-kinds";

export type NotificationParams = Record<string, string | number>;

/** Values stored as xEn / xJa pairs become x in the reader's language. */
export function localizeParams(params: NotificationParams, locale: Locale): NotificationParams {
  const out: NotificationParams = {};
  const suffix = locale === "ja" ? "Ja" : "En";
  for (const [key, value] of Object.entries(params)) {
    const pair = /^(.*)(En|Ja)$/.exec(key);
    if (pair) {
      if (pair[2] === suffix || !(pair[1]! in out)) out[pair[1]!] = value;
    } else out[key] = value;
  }
  return out;
}

export function parseParams(raw: string): NotificationParams {
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === "object" ? (value as NotificationParams) : {};
  } catch {
    return {};
  }
}

/** The one-line message of a notification in the reader's language. */
export function notificationMessage(
  t: TFunction,
  locale: Locale,
  n: { kind: string; params: string; actorName: string | null },
): string {
  const params = localizeParams(parseParams(n.params), locale);
  if (n.kind === "post_flagged" && typeof params.reason === "string") {
    params.reason = t(`moderation.reasons.${params.reason}`, { defaultValue: params.reason });
  }
  return t(`notifications.messages.${n.kind}`, {
    ...params,
    actor: n.actorName ?? t("notifications.someone"),
  });
}

export async function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null }, take: BELL_COUNT_CAP + 1 });
}

export async function listNotifications(userId: string, page: number, unreadOnly: boolean) {
  const where = { userId, ...(unreadOnly ? { readAt: null } : {}) };
  const [rows, total] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
      take: NOTIFICATIONS_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        link: true,
        params: true,
        readAt: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
    db.notification.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)) };
}

/** Marks one of the user's notifications read; another user's id matches nothing. */
export async function markRead(userId: string, id: string, now = new Date()) {
  const { count } = await db.notification.updateMany({
    where: { id, userId },
    data: { readAt: now },
  });
  // Already-read ones keep their first readAt.
  return count > 0;
}

export async function findOwnNotification(userId: string, id: string) {
  return db.notification.findFirst({
    where: { id, userId },
    select: { id: true, link: true, readAt: true },
  });
}

export async function markAllRead(userId: string, now = new Date()) {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: now },
  });
  return count;
}

/** The user's e-mail choice per kind they can receive (defaults filled in). */
export async function getPreferences(user: { id: string; role: string }) {
  const rows = await db.notificationPreference.findMany({
    where: { userId: user.id },
    select: { kind: true, email: true },
  });
  const stored = new Map(rows.map((r) => [r.kind, r.email]));
  return kindsFor(user).map((kind) => ({ kind, email: effectiveChoice(kind, stored.get(kind)) }));
}

export async function emailChoice(userId: string, kind: PreferenceKind): Promise<EmailChoice> {
  const row = await db.notificationPreference.findUnique({
    where: { userId_kind: { userId, kind } },
    select: { email: true },
  });
  return effectiveChoice(kind, row?.email);
}

export async function savePreferences(
  userId: string,
  choices: { kind: PreferenceKind; email: EmailChoice }[],
  categoryIds: string[],
) {
  await db.$transaction(async (tx) => {
    for (const { kind, email } of choices) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, email },
        update: { email },
      });
    }
    await tx.categoryWatch.deleteMany({ where: { userId, categoryId: { notIn: categoryIds } } });
    for (const categoryId of categoryIds) {
      await tx.categoryWatch.upsert({
        where: { userId_categoryId: { userId, categoryId } },
        create: { userId, categoryId },
        update: {},
      });
    }
  });
}

export async function watchedCategoryIds(userId: string): Promise<string[]> {
  const rows = await db.categoryWatch.findMany({ where: { userId }, select: { categoryId: true } });
  return rows.map((r) => r.categoryId);
}
