// What a user can hear about and how. Pure, shared by the bell, the preferences page, e-mail and
// digests; why the channels are shaped this way: docs/decisions/0017-notifications.md.
import { isStaff } from "./roles";

/** Kinds that appear under the bell (and, by preference, in e-mail). */
export const NOTIFICATION_KINDS = [
  "reply",
  "mention",
  "answer_accepted",
  "like_received",
  "watched_topic",
  "announcement",
  "onboarding_due",
  "alert_assigned",
  "post_flagged",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** E-mail-only kinds: the digest itself and CS newsletters. */
export const EMAIL_ONLY_KINDS = ["digest", "newsletter"] as const;
export type PreferenceKind = NotificationKind | (typeof EMAIL_ONLY_KINDS)[number];
export const PREFERENCE_KINDS: readonly PreferenceKind[] = [
  ...NOTIFICATION_KINDS,
  ...EMAIL_ONLY_KINDS,
];

export const EMAIL_CHOICES = ["immediately", "daily", "weekly", "never"] as const;
export type EmailChoice = (typeof EMAIL_CHOICES)[number];

/** Kinds only staff receive (and only staff see on the preferences page). */
export const STAFF_KINDS: readonly PreferenceKind[] = ["alert_assigned", "post_flagged"];
/** Kinds only customers receive. */
export const CUSTOMER_KINDS: readonly PreferenceKind[] = ["onboarding_due", "newsletter"];

/**
 * Defaults chosen for "worth coming back for": what answers the person's own question or names
 * them arrives at once; ambient activity waits for a digest.
 */
export const DEFAULT_EMAIL_CHOICE: Record<PreferenceKind, EmailChoice> = {
  reply: "immediately",
  mention: "immediately",
  answer_accepted: "immediately",
  like_received: "weekly",
  watched_topic: "daily",
  announcement: "weekly",
  onboarding_due: "immediately",
  alert_assigned: "immediately",
  post_flagged: "daily",
  digest: "weekly",
  newsletter: "immediately",
};

/** A newsletter is sent when CS sends it (or not at all); the digest is itself a period. */
export const ALLOWED_CHOICES: Record<PreferenceKind, readonly EmailChoice[]> = {
  reply: EMAIL_CHOICES,
  mention: EMAIL_CHOICES,
  answer_accepted: EMAIL_CHOICES,
  like_received: EMAIL_CHOICES,
  watched_topic: EMAIL_CHOICES,
  announcement: EMAIL_CHOICES,
  onboarding_due: EMAIL_CHOICES,
  alert_assigned: EMAIL_CHOICES,
  post_flagged: EMAIL_CHOICES,
  digest: ["daily", "weekly", "never"],
  newsletter: ["immediately", "never"],
};

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function isPreferenceKind(value: unknown): value is PreferenceKind {
  return typeof value === "string" && (PREFERENCE_KINDS as readonly string[]).includes(value);
}

export function isAllowedChoice(kind: PreferenceKind, value: unknown): value is EmailChoice {
  return typeof value === "string" && (ALLOWED_CHOICES[kind] as readonly string[]).includes(value);
}

/** The kinds a person can receive, in the order the preferences page lists them. */
export function kindsFor(user: { role: string }): PreferenceKind[] {
  const staff = isStaff(user);
  return PREFERENCE_KINDS.filter((k) =>
    staff ? !CUSTOMER_KINDS.includes(k) : !STAFF_KINDS.includes(k),
  );
}

/** The stored choice if valid for the kind, else the default. */
export function effectiveChoice(
  kind: PreferenceKind,
  stored: string | null | undefined,
): EmailChoice {
  return stored && isAllowedChoice(kind, stored) ? stored : DEFAULT_EMAIL_CHOICE[kind];
}

export const NOTIFICATIONS_PAGE_SIZE = 20;
/** Bell counts above this show as "99+". */
export const BELL_COUNT_CAP = 99;
