// PUT /api/v1/accounts/:externalId/users/:email: create or update a member of an account.
// Members made here get no password and no e-mail (as in the CSV import); they are invited
// from the portal.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import { z } from "zod";
import { upsertMemberFromApi } from "~/commands/account-api.server";
import { ACCOUNTS_API_RATE_LIMIT, accountBodyErrors } from "~/models/account-api-rules.server";
import {
  IMPORT_LIMITS,
  IMPORTABLE_ROLES,
  parseEmail,
  parseExternalId,
  type UserPatch,
} from "~/models/account-import";
import { apiJson, ApiError, handleApi, readJsonObject, requireApiKey } from "~/utils/api.server";

const MAX_BODY_BYTES = 16 * 1024;

function schema(t: TFunction) {
  return z
    .object({
      name: z
        .string({ invalid_type_error: t("accountData.api.wrongType", { expected: "a string" }) })
        .trim()
        .min(1, t("accountData.error.required"))
        .max(
          IMPORT_LIMITS.maxNameLength,
          t("accountData.error.tooLong", { max: IMPORT_LIMITS.maxNameLength }),
        )
        .optional(),
      role: z
        .enum(IMPORTABLE_ROLES, {
          errorMap: (_i, ctx) => ({
            message: t("accountData.error.roleUnknown", { value: String(ctx.data) }),
          }),
        })
        .optional(),
      locale: z
        .enum(["ja", "en"], {
          errorMap: (_i, ctx) => ({
            message: t("accountData.error.localeUnknown", { value: String(ctx.data) }),
          }),
        })
        .nullable()
        .optional(),
    })
    .strict(t("accountData.api.unknownField"));
}

/** Which answer a refused member gets: the account is missing (404) or the e-mail is taken (409). */
const REJECT_STATUS: Record<string, number> = {
  accountUnknown: 404,
  staffEmail: 409,
  otherAccount: 409,
};

export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, "PUT /api/v1/accounts/:externalId/users/:email", async (t) => {
    if (request.method !== "PUT") throw new ApiError(405, "methodNotAllowed", {}, { Allow: "PUT" });
    await requireApiKey(request, "accounts:write", ACCOUNTS_API_RATE_LIMIT);
    const account = parseExternalId(params.externalId ?? "");
    const email = parseEmail(params.email ?? "");
    const pathErrors: Record<string, string> = {};
    if (!account.ok)
      pathErrors.externalId = t(
        `accountData.error.${account.error.code}`,
        account.error.params ?? {},
      );
    if (!email.ok)
      pathErrors.email = t(`accountData.error.${email.error.code}`, email.error.params ?? {});
    if (!account.ok || !email.ok) throw new ApiError(400, "invalid", {}, {}, pathErrors);
    const body = await readJsonObject(request, MAX_BODY_BYTES);
    const parsed = schema(t).safeParse(body);
    if (!parsed.success)
      throw new ApiError(422, "invalid", {}, {}, accountBodyErrors(parsed.error));
    const patch: UserPatch = {
      accountExternalId: account.value,
      email: email.value,
      ...parsed.data,
    };
    const result = await upsertMemberFromApi(patch);
    if (result.outcome === "reject") {
      const first = result.errors[0]!;
      if (first.code === "accountUnknown") {
        throw new ApiError(404, "notFound", { externalId: account.value });
      }
      throw new ApiError(
        REJECT_STATUS[first.code] ?? 422,
        "rejected",
        {},
        {},
        { [first.field]: t(`accountData.error.${first.code}`, first.params ?? {}) },
      );
    }
    return apiJson(
      {
        externalId: account.value,
        email: email.value,
        outcome: result.outcome,
        changes: result.changes,
      },
      result.outcome === "create" ? 201 : 200,
    );
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, "GET /api/v1/accounts/:externalId/users/:email", async () => {
    throw new ApiError(405, "methodNotAllowed", {}, { Allow: "PUT" });
  });
}
