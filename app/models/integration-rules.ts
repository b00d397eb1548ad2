// Rules of API keys and event types that the browser needs too (the console's forms validate
// with them); the *.server.ts models enforce them.

export const API_SCOPES = [
  "events:write",
  "health:read",
  "accounts:read",
  "accounts:write",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_KEY_RULES = {
  maxNameLength: 80,
  /** Hex characters of the visible prefix (6 random bytes). */
  prefixLength: 12,
  /** Random bytes of the secret part, base64url-encoded. */
  secretBytes: 32,
} as const;

/** What an event type may look like, from the product or from the portal. */
export const EVENT_TYPE_PATTERN = /^[a-z0-9][a-z0-9_.:-]{0,99}$/i;
/** Room for a product's catalogue of events, small enough to read on every batch. */
export const MAX_KNOWN_EVENT_TYPES = 500;
/** The portal's own types; the product may not send them, so that portal signals stay true. */
export const RESERVED_EVENT_TYPE_PREFIX = "portal.";
