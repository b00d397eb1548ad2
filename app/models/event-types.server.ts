// The product's event types the portal knows, and whether the events API accepts only those
// ("strict"). Stored as one Setting row; an unreadable row means "not strict, none known".
import { z } from "zod";
import type { Actor } from "~/models/roles";
import { db } from "~/utils/db.server";
import { forbidden } from "~/utils/request.server";
import { audit } from "./audit.server";
import { canManageApiKeys } from "./api-key.server";
import { PORTAL_EVENTS } from "./event.server";
import { EVENT_TYPE_PATTERN, MAX_KNOWN_EVENT_TYPES } from "./integration-rules";

export const EVENT_TYPES_KEY = "eventTypes";

export {
  EVENT_TYPE_PATTERN,
  MAX_KNOWN_EVENT_TYPES,
  RESERVED_EVENT_TYPE_PREFIX,
} from "./integration-rules";

export const PORTAL_EVENT_TYPES: readonly string[] = Object.values(PORTAL_EVENTS);

export type EventTypeSettings = { strict: boolean; known: string[] };

const DEFAULT_SETTINGS: EventTypeSettings = { strict: false, known: [] };

const storedSchema = z.object({
  strict: z.boolean(),
  known: z.array(z.string().regex(EVENT_TYPE_PATTERN)).max(MAX_KNOWN_EVENT_TYPES),
});

export function parseEventTypeSettings(raw: string | null | undefined): EventTypeSettings {
  if (raw == null) return DEFAULT_SETTINGS;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export async function getEventTypeSettings(): Promise<EventTypeSettings> {
  const row = await db.setting.findUnique({
    where: { key: EVENT_TYPES_KEY },
    select: { value: true },
  });
  return parseEventTypeSettings(row?.value);
}

/** Known types, case-insensitive and without duplicates, in the order given. */
export function normalizeEventTypes(types: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const type of types) {
    const lower = type.trim().toLowerCase();
    if (!lower || seen.has(lower)) continue;
    seen.add(lower);
    out.push(lower);
  }
  return out;
}

/** Callers validate the types first (the form's schema); the role is checked here. */
export async function saveEventTypeSettings(
  actor: Actor,
  settings: EventTypeSettings,
  ipAddress?: string,
) {
  if (!canManageApiKeys(actor)) throw forbidden();
  const value: EventTypeSettings = {
    strict: settings.strict,
    known: normalizeEventTypes(settings.known),
  };
  const parsed = storedSchema.parse(value);
  await db.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: EVENT_TYPES_KEY },
      create: { key: EVENT_TYPES_KEY, value: JSON.stringify(parsed) },
      update: { value: JSON.stringify(parsed) },
    });
    await audit(
      {
        actorId: actor.id,
        action: "event_types.updated",
        targetType: "Setting",
        targetId: EVENT_TYPES_KEY,
        data: { strict: parsed.strict, known: parsed.known.length },
        ipAddress,
      },
      tx,
    );
  });
  return parsed;
}
