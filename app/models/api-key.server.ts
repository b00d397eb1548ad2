// API keys for /api/v1/*: admins create and revoke them, CS may read the list. A key is
// `csp_<prefix>_<secret>`; the prefix finds the row, only the SHA-256 of the whole key is stored,
// and the key itself exists only in the answer to the create request.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Actor } from "~/models/roles";
import { db } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/request.server";
import { audit } from "./audit.server";
import { API_KEY_RULES, API_SCOPES, type ApiScope } from "./integration-rules";

export { API_KEY_RULES, API_SCOPES, type ApiScope } from "./integration-rules";

/** lastUsedAt is a hint for admins ("is this key still in use?"), not a log: one write a minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const KEY_PATTERN = /^csp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** Only admins hold the keys to the product's data; CS reads the list to see what is connected. */
export function canManageApiKeys(actor: Pick<Actor, "role">): boolean {
  return actor.role === "admin";
}

export function canViewApiKeys(actor: Pick<Actor, "role">): boolean {
  return actor.role === "admin" || actor.role === "cs";
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function parseScopes(raw: string): ApiScope[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
  } catch {
    return [];
  }
}

export async function listApiKeys(actor: Actor) {
  if (!canViewApiKeys(actor)) throw forbidden();
  const rows = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
      revokedBy: { select: { name: true } },
    },
  });
  return rows.map((row) => ({ ...row, scopes: parseScopes(row.scopes) }));
}

/** Returns the full key once; it is not stored and cannot be shown again. */
export async function createApiKey(
  actor: Actor,
  input: { name: string; scopes: ApiScope[] },
  ipAddress?: string,
) {
  if (!canManageApiKeys(actor)) throw forbidden();
  const prefix = randomBytes(API_KEY_RULES.prefixLength / 2).toString("hex");
  const secret = randomBytes(API_KEY_RULES.secretBytes).toString("base64url");
  const key = `csp_${prefix}_${secret}`;
  const scopes = [...new Set(input.scopes)];
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix,
        secretHash: hashApiKey(key),
        scopes: JSON.stringify(scopes),
        createdById: actor.id,
      },
      select: { id: true, name: true, prefix: true },
    });
    await audit(
      {
        actorId: actor.id,
        action: "api_key.created",
        targetType: "ApiKey",
        targetId: created.id,
        data: { name: created.name, prefix, scopes },
        ipAddress,
      },
      tx,
    );
    return created;
  });
  return { ...row, scopes, key };
}

/** Revoking twice is harmless: the first revocation (time and person) stays. */
export async function revokeApiKey(actor: Actor, id: string, ipAddress?: string) {
  if (!canManageApiKeys(actor)) throw forbidden();
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({
      where: { id },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!row) throw notFound();
    if (row.revokedAt) return { ...row, alreadyRevoked: true };
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id }, data: { revokedAt, revokedById: actor.id } });
    await audit(
      {
        actorId: actor.id,
        action: "api_key.revoked",
        targetType: "ApiKey",
        targetId: id,
        data: { name: row.name, prefix: row.prefix },
        ipAddress,
      },
      tx,
    );
    return { ...row, revokedAt, alreadyRevoked: false };
  });
}

export type AuthenticatedKey = { id: string; name: string; scopes: ApiScope[] };

// Compared when no row matches, so that a wrong prefix costs the same as a wrong secret.
const DUMMY_HASH = hashApiKey("csp_000000000000_" + "A".repeat(43));

/** The live key a presented string names, or null (unknown, malformed or revoked). */
export async function authenticateApiKey(
  presented: string,
  now = new Date(),
): Promise<AuthenticatedKey | null> {
  const match = KEY_PATTERN.exec(presented);
  const row = match
    ? await db.apiKey.findUnique({
        where: { prefix: match[1] },
        select: {
          id: true,
          name: true,
          secretHash: true,
          scopes: true,
          lastUsedAt: true,
          revokedAt: true,
        },
      })
    : null;
  const expected = Buffer.from(row?.secretHash ?? DUMMY_HASH, "hex");
  const actual = Buffer.from(hashApiKey(presented), "hex");
  const same = timingSafeEqual(expected, actual);
  if (!row || !same || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so that concurrent requests of one minute write it once.
    await db.apiKey.updateMany({
      where: {
        id: row.id,
        OR: [
          { lastUsedAt: null },
          { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } },
        ],
      },
      data: { lastUsedAt: now },
    });
  }
  return { id: row.id, name: row.name, scopes: parseScopes(row.scopes) };
}
