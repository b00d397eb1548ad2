// Pure rules of outgoing webhooks: which events exist, which addresses are allowed, how a
// delivery is signed and when a failed one is tried again. Used by the admin UI, the models and
// the delivery worker (app/commands/webhook-deliveries.server.ts); see docs/decisions/0014.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

/** Alert events a webhook can subscribe to; `ping` is only ever sent by "Send test ping". */
export const WEBHOOK_EVENTS = [
  "alert.raised",
  "alert.acknowledged",
  "alert.assigned",
  "alert.closed",
  "alert.reopened",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_PING_EVENT = "ping";

export const WEBHOOK_RULES = {
  maxUrlLength: 2_000,
  maxDescriptionLength: 200,
  maxWebhooks: 20,
  /** Bytes of randomness in a secret (`whsec_` + base64url). */
  secretBytes: 32,
  /** A receiver must answer within this; a slower one counts as a failed attempt. */
  timeoutMs: 10_000,
  /** Attempts before a delivery is dead (the first one included). */
  maxAttempts: 8,
  /** Back-off after the first failure; doubled after each further one, up to maxBackoffMs. */
  baseBackoffMs: 30_000,
  maxBackoffMs: 6 * 60 * 60 * 1000,
  /** The back-off is spread by up to ±this fraction so that failures do not retry in step. */
  jitter: 0.2,
  /** How long a worker owns a claimed delivery; a crashed worker's claim expires after it. */
  leaseMs: 60_000,
  /** Deliveries one worker pass claims at most. */
  batchSize: 20,
  /** Characters of a receiver's answer or error kept in the delivery log. */
  maxErrorLength: 500,
  /** Receivers should refuse a signature older than this (documented for them; see README). */
  signatureToleranceSeconds: 300,
} as const;

export const SIGNATURE_HEADER = "X-Portal-Signature";
export const EVENT_HEADER = "X-Portal-Event";
export const DELIVERY_HEADER = "X-Portal-Delivery";

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (the scheme Stripe made common). */
export function signPayload(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${mac}`;
}

/** What a receiver does: true only for a matching signature made within the tolerance. */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds: number = WEBHOOK_RULES.signatureToleranceSeconds,
): boolean {
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const at = item.indexOf("=");
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(at + 1).trim()]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(
    createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"),
    "hex",
  );
  return (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * The wait after failed attempt number `attempts` (1 = the first attempt failed):
 * base x 2^(attempts-1), capped, times a random factor in [1 - jitter, 1 + jitter].
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(
    WEBHOOK_RULES.maxBackoffMs,
    WEBHOOK_RULES.baseBackoffMs * 2 ** Math.max(0, attempts - 1),
  );
  const factor = 1 + WEBHOOK_RULES.jitter * (2 * random() - 1);
  return Math.round(exponential * factor);
}

// Addresses a webhook must not reach unless private targets are allowed (tests, on-premises).
const PRIVATE_V4: Array<[string, number]> = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

/** True for loopback, private, link-local, CGNAT, multicast and reserved IPv4/IPv6 addresses. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").toLowerCase();
  const kind = isIP(ip);
  if (kind === 4) {
    const n = v4ToInt(ip);
    return PRIVATE_V4.some(([base, bits]) => {
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      return (n & mask) >>> 0 === (v4ToInt(base) & mask) >>> 0;
    });
  }
  if (kind === 6) {
    if (ip === "::" || ip === "::1") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (mapped?.[1]) return isPrivateAddress(mapped[1]);
    // URL parsing writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
    const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
    if (mappedHex?.[1] && mappedHex[2]) {
      const n = parseInt(mappedHex[1], 16) * 65_536 + parseInt(mappedHex[2], 16);
      return isPrivateAddress([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."));
    }
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(ip);
  }
  return false;
}

const BLOCKED_HOST_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa"];

export type UrlProblem = "invalid" | "protocol" | "credentials" | "private" | "tooLong";

/**
 * Checks a webhook address. https only; http and private or local hosts only with
 * `allowPrivate` (tests and on-premises set WEBHOOKS_ALLOW_PRIVATE=1). The worker checks the
 * resolved addresses again before each delivery (a public name can point inside).
 */
export function checkWebhookUrl(
  raw: string,
  options: { allowPrivate: boolean },
): { ok: true; url: URL } | { ok: false; problem: UrlProblem } {
  if (raw.length > WEBHOOK_RULES.maxUrlLength) return { ok: false, problem: "tooLong" };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: "invalid" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, problem: "protocol" };
  }
  if (url.username || url.password) return { ok: false, problem: "credentials" };
  if (options.allowPrivate) return { ok: true, url };
  if (url.protocol !== "https:") return { ok: false, problem: "protocol" };
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (
    host === "localhost" ||
    BLOCKED_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix)) ||
    isPrivateAddress(host) ||
    // Bare numbers (http://2130706433/) are IPv4 in disguise.
    /^[0-9.]+$/.test(host) ||
    /^0x/i.test(host)
  ) {
    return { ok: false, problem: "private" };
  }
  return { ok: true, url };
}

export function parseWebhookEvents(raw: string): WebhookEvent[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((e): e is WebhookEvent =>
      (WEBHOOK_EVENTS as readonly string[]).includes(e as string),
    );
  } catch {
    return [];
  }
}
