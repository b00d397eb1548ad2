// Password reset by an e-mailed, single-use, expiring link. Asking for a link answers the same
// whether the address is known or not; the link's token is stored only as a hash; using it sets
// the new password, revokes every session of the user and every other open link, and signs in.
import type { TFunction } from "i18next";
import { audit } from "~/models/audit.server";
import { enqueueEmail } from "~/models/email.server";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import {
  assertUnderLimits,
  hit,
  RateLimitedError,
  type RateLimitRule,
} from "~/utils/rate-limit.server";
import { hashToken, newToken } from "~/utils/session.server";

/** Long enough to find the e-mail, short enough that an old inbox is no key to the account. */
export const PASSWORD_RESET_TTL_MINUTES = 60;

export const PASSWORD_RESET_LIMITS = {
  /** Links asked for one address: stops mail-bombing a person. */
  perEmail: { limit: 3, windowMs: 60 * 60 * 1000 },
  /** Links asked from one IP, whatever the address: stops probing many addresses. */
  perIp: { limit: 10, windowMs: 60 * 60 * 1000 },
  /** New-password submissions from one IP: tokens are not guessable, but do not let anyone try. */
  submitPerIp: { limit: 20, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

export { RateLimitedError };

/** Counts the request against both limits first, so a refused request also counts. */
export async function requestPasswordReset(input: {
  email: string;
  ipAddress: string;
  appUrl: string;
  t: TFunction;
  locale: string;
}): Promise<void> {
  const limits: [string, RateLimitRule][] = [
    [`reset:email:${input.email}`, PASSWORD_RESET_LIMITS.perEmail],
    [`reset:ip:${input.ipAddress}`, PASSWORD_RESET_LIMITS.perIp],
  ];
  await assertUnderLimits(limits);
  await Promise.all(limits.map(([key, rule]) => hit(key, rule)));

  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, name: true },
  });
  await audit({
    actorId: user?.id ?? null,
    action: "auth.password_reset_requested",
    data: { email: input.email, known: Boolean(user) },
    ipAddress: input.ipAddress,
  });
  if (!user) return;

  const token = newToken();
  await db.passwordReset.create({
    data: {
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000),
      ipAddress: input.ipAddress,
    },
  });
  await enqueueEmail({
    to: input.email,
    kind: "password_reset",
    locale: input.locale,
    subject: input.t("reset.emailSubject"),
    text: input.t("reset.emailBody", {
      name: user.name,
      link: `${input.appUrl}/reset-password/${token}`,
      minutes: PASSWORD_RESET_TTL_MINUTES,
    }),
  });
}

/** The open link's user, or null when the token is unknown, used or expired. */
export async function findOpenReset(token: string) {
  if (!token) return null;
  const row = await db.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      userId: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true } },
    },
  });
  if (!row || row.usedAt || row.expiresAt <= new Date()) return null;
  return row;
}

export class ResetRefused extends Error {
  constructor(
    public reason: "invalid" | "rate_limited",
    public retryAfterSeconds = 0,
  ) {
    super(reason);
  }
}

/** Sets the new password; returns the user id to sign in. Throws ResetRefused. */
export async function resetPassword(input: {
  token: string;
  password: string;
  ipAddress: string;
}): Promise<string> {
  const limit: [string, RateLimitRule] = [
    `reset:submit:${input.ipAddress}`,
    PASSWORD_RESET_LIMITS.submitPerIp,
  ];
  try {
    await assertUnderLimits([limit]);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      throw new ResetRefused("rate_limited", error.retryAfterSeconds);
    }
    throw error;
  }
  await hit(...limit);
  const hash = await hashPassword(input.password);
  const now = new Date();
  const userId = await db.$transaction(async (tx) => {
    const row = await tx.passwordReset.findUnique({
      where: { tokenHash: hashToken(input.token) },
      select: { id: true, userId: true, expiresAt: true, usedAt: true },
    });
    if (!row || row.usedAt || row.expiresAt <= now) return null;
    // Single use even when two submissions race: only one update finds usedAt still empty.
    const claimed = await tx.passwordReset.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    await tx.passwordReset.updateMany({
      where: { userId: row.userId, usedAt: null },
      data: { usedAt: now },
    });
    await tx.password.upsert({
      where: { userId: row.userId },
      create: { userId: row.userId, hash },
      update: { hash },
    });
    await tx.session.updateMany({
      where: { userId: row.userId, revokedAt: null },
      data: { revokedAt: now },
    });
    await audit(
      {
        actorId: row.userId,
        action: "auth.password_reset",
        targetType: "User",
        targetId: row.userId,
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return row.userId;
  });
  if (!userId) throw new ResetRefused("invalid");
  return userId;
}
