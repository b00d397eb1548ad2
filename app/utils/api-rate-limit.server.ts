// Per-IP limits on the JSON APIs that answer every keystroke (search, click and deflection
// beacons). Counted in memory, per server process: these calls are too frequent for a database
// write each, and a limit that is per process (so WEB_CONCURRENCY times looser) still stops a
// scraper or a loop. Sign-in, reset, invitation and posting limits are in the database.
import { getEnv } from "./env.server";

const WINDOW_MS = 60_000;
/** Above this many tracked IPs the stale windows are swept. */
const SWEEP_AT = 10_000;

const windows = new Map<string, { start: number; count: number }>();
let limitOverride: number | null = null;

/** Seconds to wait, or 0 when the request may go ahead (and is counted). */
export function apiRetryAfter(ip: string, bucket: string, now = Date.now()): number {
  const limit = limitOverride ?? getEnv().API_RATE_LIMIT_PER_MINUTE;
  const key = `${bucket}:${ip}`;
  const current = windows.get(key);
  if (!current || now - current.start >= WINDOW_MS) {
    if (windows.size >= SWEEP_AT) {
      for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k);
    }
    windows.set(key, { start: now, count: 1 });
    return 0;
  }
  if (current.count >= limit) return Math.ceil((current.start + WINDOW_MS - now) / 1000);
  current.count += 1;
  return 0;
}

/** The 429 answer, JSON like the rest of the API. */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return Response.json(
    { error: `Too many requests; try again in ${retryAfterSeconds} s` },
    {
      status: 429,
      headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" },
    },
  );
}

/**
 * Tests: empty windows, and the limit to apply (the integration suite runs with a very high one
 * from vite.config.ts, because tests that poll the search API come from one "IP").
 */
export function resetApiRateLimits(limit: number | null = null) {
  windows.clear();
  limitOverride = limit;
}
