import type { Locale } from "~/i18n";
import { db } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function setUserLocale(userId: string, locale: Locale | null) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

export async function updateProfile(
  userId: string,
  input: { name: string; locale: Locale | null },
) {
  await db.user.update({ where: { id: userId }, data: { name: input.name, locale: input.locale } });
}

export async function checkPassword(userId: string, password: string): Promise<boolean> {
  const row = await db.password.findUnique({ where: { userId }, select: { hash: true } });
  return row ? verifyPassword(password, row.hash) : false;
}

export async function setPassword(userId: string, password: string) {
  const hash = await hashPassword(password);
  await db.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } });
}

export async function listLiveSessions(userId: string) {
  return db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: {
      id: true,
      tokenHash: true,
      createdAt: true,
      lastUsedAt: true,
      userAgent: true,
      ipAddress: true,
    },
    orderBy: { lastUsedAt: "desc" },
  });
}
