// Stores one batch of the product's events (POST /api/v1/events). Each event is checked on its
// own; bad ones are reported by index and the good ones stored together in one transaction.
// Accounts and users are resolved with one query each per batch. A replay (same Idempotency-Key,
// or events carrying ids already stored) stores nothing twice: per-event keys in
// Event.idempotencyKey are unique, so even two identical batches at once cannot both insert.
import { applyOnboardingEvents } from "~/commands/onboarding-events.server";
import { createHash } from "node:crypto";
import {
  EVENT_TYPE_PATTERN,
  getEventTypeSettings,
  PORTAL_EVENT_TYPES,
  RESERVED_EVENT_TYPE_PREFIX,
} from "~/models/event-types.server";
import {
  findAccountsByExternalIds,
  findUsersByRefs,
  insertEventsSkippingDuplicates,
  type EventRow,
} from "~/models/event-store.server";
import type { RateLimitRule } from "~/utils/rate-limit.server";

export const EVENTS_API_LIMITS = {
  /** Bodies above this are refused before parsing (1,000 events with properties fit easily). */
  maxBodyBytes: 2 * 1024 * 1024,
  maxEventsPerBatch: 1_000,
  /** `properties` of one event, measured as JSON. */
  maxPropertiesBytes: 8 * 1024,
  /** accountId, userId and id: the product's identifiers, not free text. */
  maxIdLength: 200,
  /** Clocks drift; anything further ahead is a bug in the sender. */
  maxFutureMs: 5 * 60 * 1000,
  maxIdempotencyKeyLength: 255,
} as const;

/** Per API key; a product sending 1,000-event batches can deliver 120,000 events a minute. */
export const EVENTS_API_RATE_LIMIT: RateLimitRule = { limit: 120, windowMs: 60 * 1000 };

export const API_EVENT_SOURCE = "api";

/** Keys of integrations.api.event.* in app/i18n/integrations.ts. */
export type EventErrorCode =
  | "notObject"
  | "typeMissing"
  | "typeInvalid"
  | "typeReserved"
  | "typeUnknown"
  | "accountMissing"
  | "idInvalid"
  | "accountUnknown"
  | "accountChurned"
  | "userUnknown"
  | "occurredAtInvalid"
  | "occurredAtFuture"
  | "occurredAtBeforeAccount"
  | "propertiesInvalid"
  | "propertiesTooLarge";

export type EventRejection = {
  index: number;
  code: EventErrorCode;
  params?: Record<string, string | number>;
};

/** What later steps (onboarding checklist rules, health) consume; ids are the portal's own. */
export type StoredEvent = {
  id: string;
  accountId: string;
  userId: string | null;
  type: string;
  properties: string;
  occurredAt: Date;
};

export type IngestResult = {
  /** Events now stored, counting those a replay had already stored. */
  accepted: number;
  /** Of `accepted`, how many were already stored (a replay) and were not stored again. */
  duplicates: number;
  rejected: EventRejection[];
  /** Only the events stored by this call (not the duplicates), in batch order. */
  stored: StoredEvent[];
};

// ISO-8601 date and time with seconds optional and a zone required ("Z" or an offset).
const ISO_DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

type Candidate = {
  index: number;
  type: string;
  accountRef: string;
  userRef: string | null;
  eventId: string | null;
  occurredAt: Date | null;
  properties: string;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkId(
  value: unknown,
  field: string,
): { ok: true; value: string } | { ok: false; params: Record<string, string | number> } {
  if (
    typeof value === "string" &&
    value.length > 0 &&
    value.length <= EVENTS_API_LIMITS.maxIdLength
  ) {
    return { ok: true, value };
  }
  return { ok: false, params: { field, max: EVENTS_API_LIMITS.maxIdLength } };
}

/** The checks that need no database; returns the event ready to resolve, or why not. */
function checkShape(
  raw: unknown,
  index: number,
  known: Set<string> | null,
  now: number,
): Candidate | EventRejection {
  const reject = (code: EventErrorCode, params?: EventRejection["params"]): EventRejection => ({
    index,
    code,
    ...(params ? { params } : {}),
  });
  if (!isPlainObject(raw)) return reject("notObject");
  const { type: rawType, accountId, userId, id, occurredAt, properties } = raw;
  if (rawType === undefined || rawType === null || rawType === "") return reject("typeMissing");
  if (typeof rawType !== "string" || !EVENT_TYPE_PATTERN.test(rawType))
    return reject("typeInvalid");
  // Types are case-insensitive; one spelling keeps counting by type simple.
  const type = rawType.toLowerCase();
  if (type.startsWith(RESERVED_EVENT_TYPE_PREFIX)) return reject("typeReserved");
  if (known && !known.has(type)) return reject("typeUnknown", { type: rawType });

  if (accountId === undefined || accountId === null || accountId === "") {
    return reject("accountMissing");
  }
  const account = checkId(accountId, "accountId");
  if (!account.ok) return reject("idInvalid", account.params);
  let userRef: string | null = null;
  if (userId !== undefined && userId !== null) {
    const user = checkId(userId, "userId");
    if (!user.ok) return reject("idInvalid", user.params);
    userRef = user.value.includes("@") ? user.value.toLowerCase() : user.value;
  }
  let eventId: string | null = null;
  if (id !== undefined && id !== null) {
    const checked = checkId(id, "id");
    if (!checked.ok) return reject("idInvalid", checked.params);
    eventId = checked.value;
  }

  let when: Date | null = null;
  if (occurredAt !== undefined && occurredAt !== null) {
    const ms =
      typeof occurredAt === "string" && ISO_DATE_TIME.test(occurredAt)
        ? Date.parse(occurredAt)
        : NaN;
    if (Number.isNaN(ms)) return reject("occurredAtInvalid");
    if (ms > now + EVENTS_API_LIMITS.maxFutureMs) {
      return reject("occurredAtFuture", { minutes: EVENTS_API_LIMITS.maxFutureMs / 60_000 });
    }
    when = new Date(ms);
  }

  let json = "{}";
  if (properties !== undefined && properties !== null) {
    if (!isPlainObject(properties)) return reject("propertiesInvalid");
    json = JSON.stringify(properties);
    // Characters, not bytes, first: cheap, and a string of n characters has at least n bytes.
    if (json.length > EVENTS_API_LIMITS.maxPropertiesBytes / 4) {
      const size = Buffer.byteLength(json);
      if (size > EVENTS_API_LIMITS.maxPropertiesBytes) {
        return reject("propertiesTooLarge", { size, max: EVENTS_API_LIMITS.maxPropertiesBytes });
      }
    }
  }
  return {
    index,
    type,
    accountRef: account.value,
    userRef,
    eventId,
    occurredAt: when,
    properties: json,
  };
}

/** 128 bits of SHA-256: short keys keep the unique index small, collisions stay out of reach. */
const shortHash = (text: string) =>
  createHash("sha256").update(text).digest("base64url").slice(0, 22);

/**
 * An event id names the event across keys (a rotated key must not count it again); a batch key
 * is the sender's and is scoped to its API key, like any Idempotency-Key. The batch key is
 * hashed once per batch (it may hold any visible characters); event ids are short already.
 */
function idempotencyKeyOf(batchPrefix: string | null, c: Candidate): string | null {
  if (c.eventId !== null) return `api:i:${c.eventId}`;
  if (batchPrefix !== null) return `${batchPrefix}:${c.index}`;
  return null;
}

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

export async function ingestEvents(input: {
  apiKeyId: string;
  /** The Idempotency-Key header, already checked by the route. */
  batchKey: string | null;
  events: unknown[];
  now?: Date;
}): Promise<IngestResult> {
  const now = input.now ?? new Date();
  const settings = await getEventTypeSettings();
  const known = settings.strict
    ? new Set([...settings.known, ...PORTAL_EVENT_TYPES].map((t) => t.toLowerCase()))
    : null;

  const rejected: EventRejection[] = [];
  const candidates: Candidate[] = [];
  input.events.forEach((raw, index) => {
    const checked = checkShape(raw, index, known, now.getTime());
    if ("code" in checked) rejected.push(checked);
    else candidates.push(checked);
  });

  const accountRefs = [...new Set(candidates.map((c) => c.accountRef))];
  const userRefs = [...new Set(candidates.flatMap((c) => (c.userRef ? [c.userRef] : [])))];
  const emails = userRefs.filter((ref) => ref.includes("@"));
  const externalIds = userRefs.filter((ref) => !ref.includes("@"));
  const [accounts, users] = await Promise.all([
    findAccountsByExternalIds(accountRefs),
    findUsersByRefs(externalIds, emails),
  ]);
  const accountByRef = new Map(accounts.map((a) => [a.externalId, a]));
  const userByRef = new Map<string, (typeof users)[number]>();
  for (const user of users) {
    userByRef.set(user.email, user);
    if (user.externalId) userByRef.set(user.externalId, user);
  }

  const batchPrefix =
    input.batchKey === null ? null : `api:b:${shortHash(`${input.apiKeyId}\n${input.batchKey}`)}`;
  const rows: { index: number; row: EventRow }[] = [];
  for (const c of candidates) {
    const reject = (code: EventErrorCode, params: EventRejection["params"]) =>
      rejected.push({ index: c.index, code, params });
    const account = accountByRef.get(c.accountRef);
    if (!account) {
      reject("accountUnknown", { accountId: c.accountRef });
      continue;
    }
    const occurredAt = c.occurredAt ?? now;
    if (occurredAt < account.createdAt) {
      reject("occurredAtBeforeAccount", {
        accountId: c.accountRef,
        date: account.createdAt.toISOString(),
      });
      continue;
    }
    // A churned account's history may still arrive (backfills); nothing after it churned.
    if (account.status === "churned") {
      const churnedAt = account.churnedAt ?? account.createdAt;
      if (occurredAt > churnedAt) {
        reject("accountChurned", { accountId: c.accountRef, date: dateOnly(churnedAt) });
        continue;
      }
    }
    let userId: string | null = null;
    if (c.userRef !== null) {
      const user = userByRef.get(c.userRef);
      if (!user || user.accountId !== account.id) {
        reject("userUnknown", { userId: c.userRef, accountId: c.accountRef });
        continue;
      }
      userId = user.id;
    }
    rows.push({
      index: c.index,
      row: {
        accountId: account.id,
        userId,
        type: c.type,
        properties: c.properties,
        source: API_EVENT_SOURCE,
        idempotencyKey: idempotencyKeyOf(batchPrefix, c),
        occurredAt,
        receivedAt: now,
      },
    });
  }
  rejected.sort((a, b) => a.index - b.index);

  const { stored, duplicates } = await store(rows.map((r) => r.row));
  await completeOnboardingSteps(stored);
  return { accepted: stored.length + duplicates, duplicates, rejected, stored };
}

async function store(rows: EventRow[]): Promise<{ stored: StoredEvent[]; duplicates: number }> {
  const ids = await insertEventsSkippingDuplicates(rows);
  const stored: StoredEvent[] = [];
  rows.forEach((r, i) => {
    const id = ids[i];
    if (!id) return;
    const { accountId, userId, type, properties, occurredAt } = r;
    stored.push({ id, accountId, userId, type, properties, occurredAt });
  });
  return { stored, duplicates: rows.length - stored.length };
}

/**
 * The product's events complete onboarding steps as the portal's own do (recordEvent). The
 * events are stored whatever happens here, so a failure is logged, not answered as an error:
 * replaying the batch would store nothing and complete nothing more.
 */
async function completeOnboardingSteps(stored: StoredEvent[]) {
  if (!stored.length) return;
  try {
    await applyOnboardingEvents(
      stored.map((e) => ({
        ...e,
        properties: JSON.parse(e.properties) as Record<string, unknown>,
      })),
      { resolved: true },
    );
  } catch (error) {
    console.error("Onboarding could not apply a batch of API events", error);
  }
}
