// Signed, expiring tokens for links that work without signing in (unsubscribe, newsletter clicks).
// The payload is readable JSON; the HMAC-SHA256 over it is what makes it trustworthy.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "./db.server";
import { getEnv } from "./env.server";

/** Setting row that holds the generated secret when EMAIL_TOKEN_SECRET is not configured. */
export const TOKEN_SECRET_SETTING = "emailTokenSecret";
const SECRET_BYTES = 32;

export type TokenCheck<T> =
  { ok: true; payload: T } | { ok: false; reason: "malformed" | "forged" | "expired" };

function mac(secret: string, body: string) {
  return createHmac("sha256", secret).update(body).digest("base64url");
}

export function signToken(secret: string, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(secret, body)}`;
}

/** Checks the signature first (a forged token says nothing), then the `exp` (seconds) if any. */
export function verifyToken<T extends { exp?: number }>(
  secret: string,
  token: string,
  now = new Date(),
): TokenCheck<T> {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "forged" };
  }
  let payload: T;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!payload || typeof payload !== "object") return { ok: false, reason: "malformed" };
  if (typeof payload.exp === "number" && payload.exp * 1000 < now.getTime()) {
    return { ok: false, reason: "expired" };
  }
  return { ok: true, payload };
}

/** A short signature of a few values (newsletter click links), same secret. */
export function signValues(secret: string, ...values: string[]): string {
  return mac(secret, values.join("\n")).slice(0, 22);
}

export function checkValues(secret: string, signature: string, ...values: string[]): boolean {
  const expected = Buffer.from(signValues(secret, ...values));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

let cached: Promise<string> | undefined;
let cachedFor: string | undefined;

/**
 * EMAIL_TOKEN_SECRET when set; otherwise one random secret kept in the database, so every process
 * (and every restart) signs and checks with the same key without any set-up.
 */
export function tokenSecret(): Promise<string> {
  const configured = getEnv().EMAIL_TOKEN_SECRET;
  if (configured) return Promise.resolve(configured);
  const url = process.env.DATABASE_URL ?? "";
  if (!cached || cachedFor !== url) {
    cachedFor = url;
    cached = loadOrCreateSecret().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  }
  return cached;
}

async function loadOrCreateSecret(): Promise<string> {
  const existing = await db.setting.findUnique({
    where: { key: TOKEN_SECRET_SETTING },
    select: { value: true },
  });
  if (existing) return existing.value;
  try {
    const fresh = randomBytes(SECRET_BYTES).toString("base64url");
    await db.setting.create({ data: { key: TOKEN_SECRET_SETTING, value: fresh } });
    return fresh;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const row = await db.setting.findUniqueOrThrow({
      where: { key: TOKEN_SECRET_SETTING },
      select: { value: true },
    });
    return row.value;
  }
}
