// Unsubscribe links that work without signing in: a signed token naming the user, the kind and an
// expiry. Using one sets that kind's e-mail to "never"; a reused, expired or forged token changes
// nothing and the page says which it was.
import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server";
import { signToken, tokenSecret, verifyToken } from "~/utils/signed-token.server";
import { audit } from "./audit.server";
import { isPreferenceKind, type PreferenceKind } from "./notification-kinds";
import { portalUrl } from "./email-content.server";

/** Long enough for an old e-mail in the inbox; short enough that leaked links die. */
export const UNSUBSCRIBE_TOKEN_DAYS = 90;
export const UNSUBSCRIBE_AUDIT = "notifications.unsubscribed";
const DAY_S = 24 * 60 * 60;

type Payload = { u: string; k: string; exp: number; n: string };

/** Signs with a secret the caller already has (bulk senders sign thousands at once). */
export function signUnsubscribe(
  secret: string,
  userId: string,
  kind: PreferenceKind,
  now = new Date(),
  ttlSeconds = UNSUBSCRIBE_TOKEN_DAYS * DAY_S,
) {
  const payload: Payload = {
    u: userId,
    k: kind,
    exp: Math.floor(now.getTime() / 1000) + ttlSeconds,
    n: randomBytes(9).toString("base64url"),
  };
  return signToken(secret, payload);
}

export async function unsubscribeToken(userId: string, kind: PreferenceKind, now = new Date()) {
  return signUnsubscribe(await tokenSecret(), userId, kind, now);
}

export function unsubscribeUrlFor(token: string) {
  return portalUrl(`/unsubscribe/${token}`);
}

export async function unsubscribeUrl(userId: string, kind: PreferenceKind) {
  return unsubscribeUrlFor(await unsubscribeToken(userId, kind));
}

export type UnsubscribeCheck =
  | {
      status: "valid" | "reused";
      userId: string;
      email: string;
      kind: PreferenceKind;
      nonce: string;
    }
  | { status: "invalid" | "expired" };

/** What the token says, without changing anything (the confirmation page). */
export async function checkUnsubscribe(token: string, now = new Date()): Promise<UnsubscribeCheck> {
  const checked = verifyToken<Payload>(await tokenSecret(), token, now);
  if (!checked.ok) return { status: checked.reason === "expired" ? "expired" : "invalid" };
  const { u, k, n } = checked.payload;
  if (typeof u !== "string" || typeof n !== "string" || !isPreferenceKind(k)) {
    return { status: "invalid" };
  }
  const user = await db.user.findUnique({ where: { id: u }, select: { email: true } });
  if (!user) return { status: "invalid" };
  const used = await db.auditLog.findFirst({
    where: { action: UNSUBSCRIBE_AUDIT, targetType: "unsubscribe_token", targetId: n },
    select: { id: true },
  });
  return { status: used ? "reused" : "valid", userId: u, email: user.email, kind: k, nonce: n };
}

/** Applies a valid token once; the audit row (keyed by the token's nonce) marks it used. */
export async function applyUnsubscribe(token: string, ipAddress?: string, now = new Date()) {
  const check = await checkUnsubscribe(token, now);
  if (check.status !== "valid") return check;
  await db.$transaction(async (tx) => {
    await tx.notificationPreference.upsert({
      where: { userId_kind: { userId: check.userId, kind: check.kind } },
      create: { userId: check.userId, kind: check.kind, email: "never" },
      update: { email: "never" },
    });
    await audit(
      {
        actorId: check.userId,
        action: UNSUBSCRIBE_AUDIT,
        targetType: "unsubscribe_token",
        targetId: check.nonce,
        data: { kind: check.kind },
        ipAddress,
      },
      tx,
    );
  });
  return check;
}
