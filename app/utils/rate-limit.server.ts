import { db } from "./db.server";

export type RateLimitRule = { limit: number; windowMs: number };

/** Failed sign-ins: per e-mail address (guessing one account) and per IP (guessing many). */
export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowMs: 15 * 60 * 1000 },
  perIp: { limit: 30, windowMs: 15 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

export const INVITE_LIMIT: RateLimitRule = { limit: 50, windowMs: 60 * 60 * 1000 };

export class RateLimitedError extends Error {
  constructor(public retryAfterSeconds: number) {
    super("Too many attempts");
  }
}

/** Seconds until the key may be used again, or 0 when it is under its limit. */
export async function retryAfter(
  key: string,
  rule: RateLimitRule,
  now = new Date(),
): Promise<number> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row) return 0;
  const elapsed = now.getTime() - row.windowStart.getTime();
  if (elapsed >= rule.windowMs || row.count < rule.limit) return 0;
  return Math.ceil((rule.windowMs - elapsed) / 1000);
}

/** Counts one use of the key in its fixed window. */
export async function hit(key: string, rule: RateLimitRule, now = new Date()): Promise<void> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || now.getTime() - row.windowStart.getTime() >= rule.windowMs) {
    await db.rateLimit.upsert({
      where: { key },
      create: { key, count: 1, windowStart: now },
      update: { count: 1, windowStart: now },
    });
  } else {
    await db.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
  }
}

export async function reset(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Throws RateLimitedError when any of the keys is over its limit. */
export async function assertUnderLimits(entries: [string, RateLimitRule][]): Promise<void> {
  const waits = await Promise.all(entries.map(([key, rule]) => retryAfter(key, rule)));
  const longest = Math.max(0, ...waits);
  if (longest > 0) throw new RateLimitedError(longest);
}
