// notify(): the one way to tell a user something. It stores the notification (once per dedupe key),
// never for the actor themselves, and e-mails it at once when the user's preference for the kind
// is "immediately"; daily and weekly choices leave it for the digest (digests.server.ts).
// Callers check what the recipient may see; topic events use notifyAboutTopic(), which does.
import { getT } from "~/i18n";
import { canSeePost, canSeeTopic, type ForumViewer } from "~/models/forum-policy";
import {
  emailLocale,
  portalUrl,
  renderEmail,
  unsubscribeHeaders,
} from "~/models/email-content.server";
import { enqueueEmail } from "~/models/email.server";
import {
  effectiveChoice,
  isNotificationKind,
  STAFF_KINDS,
  CUSTOMER_KINDS,
  type NotificationKind,
} from "~/models/notification-kinds";
import { notificationMessage, type NotificationParams } from "~/models/notification.server";
import { isStaff } from "~/models/roles";
import { unsubscribeUrl } from "~/models/unsubscribe.server";
import { db } from "~/utils/db.server";

export type NotifyInput = {
  userId: string;
  kind: NotificationKind;
  actorId?: string | null;
  /** A path inside the portal, e.g. /community/t/abc/p/3. */
  link: string;
  params?: NotificationParams;
  /** One event, one notification per user: a replayed event is a no-op. */
  dedupeKey: string;
};

export type NotifyResult = { created: boolean; emailed: boolean };

const SKIPPED: NotifyResult = { created: false, emailed: false };

/**
 * Notifies one user. Safe to call outside a transaction only (call it from afterCommit): a
 * notification must not exist for something that rolled back.
 */
export async function notify(input: NotifyInput): Promise<NotifyResult> {
  if (!isNotificationKind(input.kind)) throw new Error(`Unknown notification kind ${input.kind}`);
  if (input.actorId && input.actorId === input.userId) return SKIPPED;
  if (!input.link.startsWith("/") || input.link.startsWith("//")) {
    throw new Error("A notification links to a path inside the portal");
  }
  const user = await db.user.findUnique({
    where: { id: input.userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      locale: true,
      notifyPrefs: { where: { kind: input.kind }, select: { email: true } },
    },
  });
  if (!user) return SKIPPED;
  // Staff-only kinds never reach customers, and the reverse.
  if (STAFF_KINDS.includes(input.kind) && !isStaff(user)) return SKIPPED;
  if (CUSTOMER_KINDS.includes(input.kind) && isStaff(user)) return SKIPPED;

  let notification: { id: string; createdAt: Date };
  try {
    notification = await db.notification.create({
      data: {
        userId: user.id,
        kind: input.kind,
        actorId: input.actorId ?? null,
        link: input.link,
        params: JSON.stringify(input.params ?? {}),
        dedupeKey: input.dedupeKey,
      },
      select: { id: true, createdAt: true },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return SKIPPED;
    throw error;
  }
  const choice = effectiveChoice(input.kind, user.notifyPrefs[0]?.email);
  if (choice !== "immediately") return { created: true, emailed: false };

  const actor = input.actorId
    ? await db.user.findUnique({ where: { id: input.actorId }, select: { name: true } })
    : null;
  const locale = emailLocale(user.locale);
  const t = getT(locale);
  const message = notificationMessage(t, locale, {
    kind: input.kind,
    params: JSON.stringify(input.params ?? {}),
    actorName: actor?.name ?? null,
  });
  const unsubscribe = await unsubscribeUrl(user.id, input.kind);
  const body = renderEmail({
    locale,
    name: user.name,
    intro: [message],
    action: { text: t("notifications.email.openButton"), url: portalUrl(input.link) },
    unsubscribeUrl: unsubscribe,
  });
  await enqueueEmail({
    to: user.email,
    subject: `${t("notifications.email.subjectPrefix")} ${message}`,
    text: body.text,
    html: body.html,
    kind: `notification:${input.kind}`,
    locale,
    userId: user.id,
    headers: unsubscribeHeaders(unsubscribe),
    dedupeKey: `notification:${notification.id}`,
  });
  await db.notification.update({
    where: { id: notification.id },
    data: { emailedAt: new Date() },
  });
  return { created: true, emailed: true };
}

/** Notifies several users; one failure is logged and does not stop the others. */
export async function notifyMany(inputs: NotifyInput[]): Promise<number> {
  let created = 0;
  for (const input of inputs) {
    try {
      if ((await notify(input)).created) created += 1;
    } catch (error) {
      console.error(`Could not notify ${input.userId} (${input.kind})`, error);
    }
  }
  return created;
}

/** Pending notification work started after commits; tests await it. */
const pending = new Set<Promise<unknown>>();

/** Runs notification work in the background (after a commit): it must never fail the request. */
export function notifyLater(work: () => Promise<unknown>) {
  const running = work().catch((error: unknown) => {
    console.error("Notification failed", error);
  });
  pending.add(running);
  void running.finally(() => pending.delete(running));
}

export async function settleNotifications(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

const viewerSelect = {
  id: true,
  role: true,
  accountId: true,
  suspendedUntil: true,
  account: { select: { plan: true } },
} as const;

/**
 * Of these users, those who may see the topic and post now: a restricted category, a hidden or
 * held topic or post never notifies someone who could not open it.
 */
export async function recipientsWhoCanSee(
  userIds: (string | null | undefined)[],
  topicId: string,
  postId?: string,
): Promise<string[]> {
  const ids = [...new Set(userIds.filter((id): id is string => !!id))];
  if (!ids.length) return [];
  const [topic, post, users] = await Promise.all([
    db.topic.findUnique({
      where: { id: topicId },
      select: {
        authorId: true,
        state: true,
        locked: true,
        category: { select: { audiencePlans: true } },
      },
    }),
    postId
      ? db.post.findUnique({ where: { id: postId }, select: { authorId: true, state: true } })
      : Promise.resolve(null),
    db.user.findMany({ where: { id: { in: ids } }, select: viewerSelect }),
  ]);
  if (!topic || (postId && !post)) return [];
  return users
    .filter((u) => {
      const viewer: ForumViewer = u;
      return canSeeTopic(viewer, topic) && (!post || canSeePost(viewer, post));
    })
    .map((u) => u.id);
}

/** Everything a topic event needs to word its notification in either language. */
export async function topicFacts(topicId: string) {
  return db.topic.findUnique({
    where: { id: topicId },
    select: { id: true, title: true, authorId: true },
  });
}
