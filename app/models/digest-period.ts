// Which digest period a moment belongs to. Pure: the key makes a digest idempotent per user and
// period (docs/decisions/0017-notifications.md).
export type DigestPeriod = "daily" | "weekly";
export const DIGEST_PERIODS: readonly DigestPeriod[] = ["daily", "weekly"];
const DAY_MS = 24 * 60 * 60 * 1000;
/** Weekly digests go out on this UTC weekday (1 = Monday). */
export const WEEKLY_DIGEST_WEEKDAY = 1;
export const DIGEST_SECTION_LIMIT = 5;

/** daily: 2026-12-06; weekly: the ISO week, 2026-W49. */
export function periodKey(period: DigestPeriod, now: Date): string {
  if (period === "daily") return now.toISOString().slice(0, 10);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The window a digest covers: the day or week before `now`. */
export function periodStart(period: DigestPeriod, now: Date): Date {
  return new Date(now.getTime() - (period === "daily" ? 1 : 7) * DAY_MS);
}

/** Which periods are due at `now` given the configured hour (weekly only on its weekday). */
export function duePeriods(now: Date, hourUtc: number): DigestPeriod[] {
  if (now.getUTCHours() < hourUtc) return [];
  return now.getUTCDay() === WEEKLY_DIGEST_WEEKDAY ? ["daily", "weekly"] : ["daily"];
}
