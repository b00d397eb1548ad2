// GET /api/v1/accounts/:externalId/health: the account's latest health for the product or a CRM
// (contract in DESIGN.md section 7), with an API key holding the health:read scope. An account
// not computed yet answers 200 with nulls (see docs/decisions/0013-health.md), so a client can
// tell "unknown account" (404) from "no score yet".
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, getT, localeFromAcceptLanguage } from "~/i18n";
import { authenticateApiKey, type ApiScope } from "~/models/api-key.server";
import { apiHealthByExternalId } from "~/models/health.server";
import {
  assertUnderLimits,
  hit,
  RateLimitedError,
  type RateLimitRule,
} from "~/utils/rate-limit.server";

const REQUIRED_SCOPE: ApiScope = "health:read";
const BEARER = /^Bearer[ ]+(\S+)\s*$/i;
/** Per API key: a CRM syncing every account once an hour stays far below it. */
export const HEALTH_API_RATE_LIMIT: RateLimitRule = { limit: 600, windowMs: 60 * 1000 };

class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    public params: Record<string, string | number> = {},
    public headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

function json(body: unknown, status: number, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

function requestT(request: Request): TFunction {
  return getT(localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE);
}

async function handle(request: Request, externalId: string) {
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
  if (!key.scopes.includes(REQUIRED_SCOPE)) {
    throw new ApiError(403, "missingScope", { scope: REQUIRED_SCOPE });
  }
  const limitKey = `api-health:${key.id}`;
  try {
    await assertUnderLimits([[limitKey, HEALTH_API_RATE_LIMIT]]);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new ApiError(
      429,
      "healthRateLimited",
      { limit: HEALTH_API_RATE_LIMIT.limit, seconds: error.retryAfterSeconds },
      { "Retry-After": String(error.retryAfterSeconds) },
    );
  }
  await hit(limitKey, HEALTH_API_RATE_LIMIT);
  const health = await apiHealthByExternalId(externalId);
  if (!health) throw new ApiError(404, "accountNotFound", { accountId: externalId });
  return json(health, 200);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = requestT(request);
  try {
    return await handle(request, params.externalId ?? "");
  } catch (error) {
    if (error instanceof ApiError) {
      const ns =
        error.code.startsWith("health") || error.code === "accountNotFound"
          ? "health.api"
          : "integrations.api";
      return json(
        { error: t(`${ns}.${error.code}`, error.params), code: error.code },
        error.status,
        error.headers,
      );
    }
    console.error("GET /api/v1/accounts/:id/health failed", error);
    return json({ error: t("health.api.serverError"), code: "serverError" }, 500);
  }
}

export function action({ request }: { request: Request }) {
  const t = requestT(request);
  return json({ error: t("health.api.methodNotAllowed"), code: "methodNotAllowed" }, 405, {
    Allow: "GET",
  });
}

// No ErrorBoundary: this route answers JSON only (see api.v1.events.ts).
