// GET /api/v1/accounts/:externalId/health: the account's latest health for the product or a CRM
// (contract in DESIGN.md section 7), with an API key holding the health:read scope. An account
// not computed yet answers 200 with nulls (see docs/decisions/0013-health.md), so a client can
// tell "unknown account" (404) from "no score yet".
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiScope } from "~/models/api-key.server";
import { apiHealthByExternalId } from "~/models/health.server";
import { ApiError, apiJson as json, requestT, requireApiKey } from "~/utils/api.server";
import type { RateLimitRule } from "~/utils/rate-limit.server";

const REQUIRED_SCOPE: ApiScope = "health:read";
/** Per API key: a CRM syncing every account once an hour stays far below it. */
export const HEALTH_API_RATE_LIMIT: RateLimitRule = { limit: 600, windowMs: 60 * 1000 };

async function handle(request: Request, externalId: string) {
  await requireApiKey(request, REQUIRED_SCOPE, HEALTH_API_RATE_LIMIT, {
    keyPrefix: "api-health",
    rateLimitedCode: "healthRateLimited",
  });
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
