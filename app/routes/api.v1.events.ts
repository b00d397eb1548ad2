// POST /api/v1/events: the product's events, authenticated by an API key (contract in
// DESIGN.md section 7, rules in README "Events API"). Every answer is JSON; errors carry a
// translated `error` (Accept-Language) and a stable `code`.
import { isUtf8 } from "node:buffer";
import type { ActionFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import {
  EVENTS_API_LIMITS,
  EVENTS_API_RATE_LIMIT,
  ingestEvents,
} from "~/commands/ingest-events.server";
import type { ApiScope } from "~/models/api-key.server";
import { ApiError, apiJson as json, requestT, requireApiKey } from "~/utils/api.server";

const REQUIRED_SCOPE: ApiScope = "events:write";
/** Visible ASCII, as Stripe and the IETF draft allow for idempotency keys. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]+$/;
/** A UTF-8 byte order mark, which some senders put first and JSON.parse refuses. */
const BYTE_ORDER_MARK = 0xfeff;

/** Reads at most the byte limit, whatever Content-Length claimed. */
async function readBody(request: Request): Promise<string> {
  const max = EVENTS_API_LIMITS.maxBodyBytes;
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > max) throw new ApiError(413, "bodyTooLarge", { max });
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new ApiError(413, "bodyTooLarge", { max });
    }
    chunks.push(value);
  }
  // isUtf8 + toString: the same answer as a fatal TextDecoder at a tenth of its cost per batch.
  const body = Buffer.concat(chunks);
  if (!isUtf8(body)) throw new ApiError(400, "invalidEncoding");
  const text = body.toString("utf8");
  return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
}

function parseEvents(text: string): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, "malformedJson", { detail: (error as Error).message });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "notAnObject");
  }
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) throw new ApiError(422, "eventsNotArray");
  const max = EVENTS_API_LIMITS.maxEventsPerBatch;
  if (events.length === 0) throw new ApiError(422, "eventsEmpty", { max });
  if (events.length > max) {
    throw new ApiError(413, "tooManyEvents", { count: events.length, max });
  }
  return events;
}

function batchKeyOf(request: Request): string | null {
  const raw = request.headers.get("Idempotency-Key");
  if (raw === null) return null;
  const max = EVENTS_API_LIMITS.maxIdempotencyKeyLength;
  if (raw.length === 0 || raw.length > max || !IDEMPOTENCY_KEY.test(raw)) {
    throw new ApiError(400, "invalidIdempotencyKey", { max });
  }
  return raw;
}

async function handle(request: Request, t: TFunction): Promise<Response> {
  if (request.method !== "POST") throw new ApiError(405, "methodNotAllowed", {}, { Allow: "POST" });
  const key = await requireApiKey(request, REQUIRED_SCOPE, EVENTS_API_RATE_LIMIT, {
    keyPrefix: "api-events",
    rateLimitedCode: "rateLimited",
  });

  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.split(";")[0]!.trim().toLowerCase() !== "application/json") {
    throw new ApiError(415, "unsupportedMediaType", {}, { "Accept-Post": "application/json" });
  }
  const events = parseEvents(await readBody(request));
  const batchKey = batchKeyOf(request);
  const result = await ingestEvents({ apiKeyId: key.id, batchKey, events });
  return json(
    {
      accepted: result.accepted,
      duplicates: result.duplicates,
      rejected: result.rejected.map((r) => ({
        index: r.index,
        code: r.code,
        error: t(`integrations.api.event.${r.code}`, r.params),
      })),
    },
    202,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const t = requestT(request);
  try {
    return await handle(request, t);
  } catch (error) {
    if (error instanceof ApiError) {
      return json(
        { error: t(`integrations.api.${error.code}`, error.params), code: error.code },
        error.status,
        error.headers,
      );
    }
    // Never a stack or an HTML page to an API client; the server log has the details.
    console.error("POST /api/v1/events failed", error);
    return json({ error: t("integrations.api.serverError"), code: "serverError" }, 500);
  }
}

export function loader({ request }: { request: Request }) {
  const t = requestT(request);
  return json({ error: t("integrations.api.methodNotAllowed"), code: "methodNotAllowed" }, 405, {
    Allow: "POST",
  });
}

// No ErrorBoundary export, unlike page routes: Remix treats a route that has one as a page and
// answers with HTML instead of this route's JSON.
