// GET /api/v1/accounts?band=&segment=&renewalBefore=&cursor=&limit=: accounts, paged by cursor.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ACCOUNTS_API_RATE_LIMIT, isoDate } from "~/models/account-api-rules.server";
import {
  ACCOUNTS_API_PAGE,
  decodeCursor,
  HEALTH_BANDS,
  listAccountsForApi,
  type HealthBand,
} from "~/models/account-api.server";
import { isSegment } from "~/models/account.server";
import { parseDate } from "~/models/account-import";
import { apiJson, ApiError, handleApi, requireApiKey } from "~/utils/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, "GET /api/v1/accounts", async (t) => {
    await requireApiKey(request, "accounts:read", ACCOUNTS_API_RATE_LIMIT);
    const q = new URL(request.url).searchParams;
    const fields: Record<string, string> = {};
    const band = q.get("band") || null;
    if (band !== null) {
      if (!(HEALTH_BANDS as readonly string[]).includes(band))
        fields.band = t("accountData.api.bandUnknown");
    }
    const segment = q.get("segment") || null;
    if (segment !== null && !isSegment(segment))
      fields.segment = t("accountData.api.segmentUnknown");
    const renewalRaw = q.get("renewalBefore") || null;
    let renewalBefore: Date | null = null;
    if (renewalRaw !== null) {
      const message = isoDate(renewalRaw, t);
      if (message) fields.renewalBefore = message;
      else renewalBefore = (parseDate(renewalRaw) as { value: Date }).value;
    }
    const cursorRaw = q.get("cursor") || null;
    const after = cursorRaw === null ? null : decodeCursor(cursorRaw);
    if (cursorRaw !== null && after === null) fields.cursor = t("accountData.api.badCursor");
    const limitRaw = q.get("limit");
    let limit: number = ACCOUNTS_API_PAGE.defaultLimit;
    if (limitRaw !== null) {
      limit = /^\d{1,4}$/.test(limitRaw) ? Number(limitRaw) : NaN;
      if (!(limit >= 1 && limit <= ACCOUNTS_API_PAGE.maxLimit)) {
        fields.limit = t("accountData.api.limitRange", { max: ACCOUNTS_API_PAGE.maxLimit });
      }
    }
    if (Object.keys(fields).length) throw new ApiError(400, "invalidQuery", {}, {}, fields);
    const page = await listAccountsForApi({
      band: band as HealthBand | null,
      segment: segment as Parameters<typeof listAccountsForApi>[0]["segment"],
      renewalBefore,
      after,
      limit,
    });
    return apiJson(page);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return handleApi(request, "POST /api/v1/accounts", async () => {
    throw new ApiError(405, "methodNotAllowed", {}, { Allow: "GET" });
  });
}
