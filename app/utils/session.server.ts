import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { db } from "./db.server";
import { getEnv } from "./env.server";

export const SESSION_COOKIE_NAME = "__portal_session";
export const SESSION_IDLE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_TIMEOUT_MS = 30 * 24 * 60 * 60 * 1000;
/** lastUsedAt is written at most this often, not on every request. */
const SESSION_TOUCH_INTERVAL_MS = 5 * 60 * 1000;

function sessionCookie() {
  return createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: getEnv().APP_URL.startsWith("https:"),
    maxAge: SESSION_ABSOLUTE_TIMEOUT_MS / 1000,
  });
}

export function serializeSessionToken(token: string): Promise<string> {
  return sessionCookie().serialize(token);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The stored hash of the request's session token, to mark "this device" in a session list. */
export async function sessionTokenHash(request: Request): Promise<string | null> {
  const token = await readToken(request);
  return token ? hashToken(token) : null;
}

export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  accountId: true,
  account: { select: { id: true, name: true } },
} as const;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string | null;
  accountId: string | null;
  account: { id: string; name: string } | null;
};

export function isSessionLive(
  session: { createdAt: Date; lastUsedAt: Date; expiresAt: Date; revokedAt: Date | null },
  now = new Date(),
): boolean {
  return (
    session.revokedAt === null &&
    session.expiresAt > now &&
    now.getTime() - session.lastUsedAt.getTime() < SESSION_IDLE_TIMEOUT_MS
  );
}

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: sessionUserSelect },
    },
  });
  const now = new Date();
  if (!session || !isSessionLive(session, now)) return null;
  if (now.getTime() - session.lastUsedAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await db.$transaction([
      db.session.update({ where: { id: session.id }, data: { lastUsedAt: now } }),
      db.user.update({ where: { id: session.user.id }, data: { lastSeenAt: now } }),
    ]);
  }
  return session.user;
}

/**
 * Starts a new session for the user and revokes the one the request carried, if any
 * (rotation at sign-in). Returns the Set-Cookie header.
 */
export async function startSession(
  request: Request,
  userId: string,
  meta: { ipAddress: string },
): Promise<string> {
  const previous = await readToken(request);
  const token = newToken();
  const now = new Date();
  await db.$transaction([
    ...(previous
      ? [
          db.session.updateMany({
            where: { tokenHash: hashToken(previous), revokedAt: null },
            data: { revokedAt: now },
          }),
        ]
      : []),
    db.session.create({
      data: {
        tokenHash: hashToken(token),
        userId,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS),
        ipAddress: meta.ipAddress,
        userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
      },
    }),
    db.user.update({ where: { id: userId }, data: { lastSeenAt: now } }),
  ]);
  return serializeSessionToken(token);
}

/** Revokes the request's session and returns the Set-Cookie header that clears it. */
export async function endSession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) {
    await db.session.updateMany({
      where: { tokenHash: hashToken(token), revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** "Sign out everywhere else": revokes every other live session of the user. */
export async function revokeOtherSessions(request: Request, userId: string): Promise<number> {
  const token = await readToken(request);
  const { count } = await db.session.updateMany({
    where: {
      userId,
      revokedAt: null,
      ...(token ? { NOT: { tokenHash: hashToken(token) } } : {}),
    },
    data: { revokedAt: new Date() },
  });
  return count;
}
