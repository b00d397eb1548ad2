// Shared plumbing of the JSON API routes under /api/v1: key and scope checks, a per-key rate
// limit, bounded JSON bodies, and errors as {"error","code"} in the caller's language. The
// events and health routes use the key check and errors; their bodies and texts are their own.
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, getT, localeFromAcceptLanguage } from "~/i18n";
import { authenticateApiKey, type ApiScope, type AuthenticatedKey } from "~/models/api-key.server";
import { assertUnderLimits, hit, RateLimitedError, type RateLimitRule } from "./rate-limit.server";

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    public params: Record<string, string | number> = {},
    public headers: Record<string, string> = {},
    /** Field -> message, for 422 answers. */
    public fields?: Record<string, string>,
  ) {
    super(code);
  }
}

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function requestT(request: Request): TFunction {
  return getT(localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE);
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/** Which counter a route's calls go to, and the code its 429 answers carry. */
export type ApiLimit = { keyPrefix: string; rateLimitedCode: string };
const ACCOUNTS_API_LIMIT: ApiLimit = { keyPrefix: "api-accounts", rateLimitedCode: "rateLimited" };

/** The live key of the request with the scope, or an ApiError (401, 403, 429). */
export async function requireApiKey(
  request: Request,
  scope: ApiScope,
  rate: RateLimitRule,
  limit: ApiLimit = ACCOUNTS_API_LIMIT,
): Promise<AuthenticatedKey> {
  const header = request.headers.get("Authorization");
  const presented = header ? BEARER.exec(header)?.[1] : undefined;
  const key = presented ? await authenticateApiKey(presented) : null;
  if (!key) {
    const code = presented ? "invalidKey" : "missingKey";
    throw new ApiError(
      401,
      code,
      {},
      {
        "WWW-Authenticate": `Bearer realm="api"${presented ? ', error="invalid_token"' : ""}`,
      },
    );
  }
  if (!key.scopes.includes(scope)) throw new ApiError(403, "missingScope", { scope });
  // Every authenticated call counts, good or bad: a broken sender in a loop is throttled too.
  const limitKey = `${limit.keyPrefix}:${key.id}`;
  try {
    await assertUnderLimits([[limitKey, rate]]);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new ApiError(
      429,
      limit.rateLimitedCode,
      { limit: rate.limit, seconds: error.retryAfterSeconds },
      { "Retry-After": String(error.retryAfterSeconds) },
    );
  }
  await hit(limitKey, rate);
  return key;
}

/** The JSON object of the body, read up to `max` bytes whatever Content-Length claimed. */
export async function readJsonObject(
  request: Request,
  max: number,
): Promise<Record<string, unknown>> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.split(";")[0]!.trim().toLowerCase() !== "application/json") {
    throw new ApiError(415, "unsupportedMediaType");
  }
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > max) throw new ApiError(413, "bodyTooLarge", { max });
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
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
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch (error) {
    throw new ApiError(400, "malformedJson", { detail: (error as Error).message });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "notAnObject");
  }
  return body as Record<string, unknown>;
}

/** Runs an API handler; ApiErrors become their JSON answers, anything else a logged 500. */
export async function handleApi(
  request: Request,
  label: string,
  run: (t: TFunction) => Promise<Response>,
): Promise<Response> {
  const t = requestT(request);
  try {
    return await run(t);
  } catch (error) {
    if (error instanceof ApiError) {
      // 401 texts are the events API's; the rest are this feature's.
      const key = ["missingKey", "invalidKey"].includes(error.code)
        ? `integrations.api.${error.code}`
        : `accountData.api.${error.code}`;
      return apiJson(
        {
          error: t(key, error.params),
          code: error.code,
          ...(error.fields ? { fields: error.fields } : {}),
        },
        error.status,
        error.headers,
      );
    }
    if (error instanceof Response) throw error;
    console.error(`${label} failed`, error);
    return apiJson({ error: t("accountData.api.serverError"), code: "serverError" }, 500);
  }
}
