// PUT /api/v1/accounts/:externalId: create or update an account by the CRM's id (README
// "Accounts API"). Fields left out keep their value; null clears an optional one.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { TFunction } from "i18next";
import { z } from "zod";
import { upsertAccountFromApi } from "~/commands/account-api.server";
import {
  ACCOUNT_STATUSES,
  IMPORT_LIMITS,
  parseDate,
  parseEmail,
  parseExternalId,
  type AccountPatch,
} from "~/models/account-import";
import { PLANS } from "~/models/segment";
import {
  ACCOUNTS_API_RATE_LIMIT,
  accountBodyErrors,
  isoDate,
} from "~/models/account-api-rules.server";
import { apiJson, ApiError, handleApi, readJsonObject, requireApiKey } from "~/utils/api.server";

/** An account is a few hundred bytes of JSON. */
const MAX_BODY_BYTES = 64 * 1024;

function schema(t: TFunction) {
  const date = z
    .string({ invalid_type_error: t("accountData.api.wrongType", { expected: "a string" }) })
    .nullable()
    .optional()
    .superRefine((v, ctx) => {
      if (v == null) return;
      const message = isoDate(v, t);
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    });
  const int = (min: number, max: number, code: "negative" | "seatsMin") =>
    z
      .number({ invalid_type_error: t("accountData.api.wrongType", { expected: "a number" }) })
      .int(t("accountData.error.notWholeNumber"))
      .min(min, t(`accountData.error.${code}`, { min }))
      .max(max, t("accountData.error.tooLarge", { max }))
      .optional();
  const str = (max: number) =>
    z
      .string({ invalid_type_error: t("accountData.api.wrongType", { expected: "a string" }) })
      .trim()
      .min(1, t("accountData.error.required"))
      .max(max, t("accountData.error.tooLong", { max }));
  return z
    .object({
      name: str(IMPORT_LIMITS.maxNameLength).optional(),
      plan: z
        .enum(PLANS, {
          errorMap: (_issue, ctx) => ({
            message: t("accountData.error.planUnknown", {
              value: String(ctx.data),
              allowed: PLANS.join(", "),
            }),
          }),
        })
        .optional(),
      arr: int(0, IMPORT_LIMITS.maxArr, "negative"),
      mrr: int(0, Math.floor(IMPORT_LIMITS.maxArr / 12), "negative"),
      seats: int(1, IMPORT_LIMITS.maxSeats, "seatsMin"),
      renewalDate: date,
      ownerEmail: z
        .string({ invalid_type_error: t("accountData.api.wrongType", { expected: "a string" }) })
        .nullable()
        .optional()
        .superRefine((v, ctx) => {
          if (v != null && !parseEmail(v).ok) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: t("accountData.error.emailInvalid", { value: v }),
            });
          }
        }),
      status: z
        .enum(ACCOUNT_STATUSES, {
          errorMap: (_issue, ctx) => ({
            message: t("accountData.error.statusUnknown", { value: String(ctx.data) }),
          }),
        })
        .optional(),
      churnedAt: date,
      churnReason: str(IMPORT_LIMITS.maxReasonLength).nullable().optional(),
    })
    .strict(t("accountData.api.unknownField"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, "PUT /api/v1/accounts/:externalId", async (t) => {
    if (request.method !== "PUT") {
      throw new ApiError(405, "methodNotAllowed", {}, { Allow: "PUT" });
    }
    const key = await requireApiKey(request, "accounts:write", ACCOUNTS_API_RATE_LIMIT);
    const id = parseExternalId(params.externalId ?? "");
    if (!id.ok) {
      throw new ApiError(
        400,
        "invalid",
        {},
        {},
        {
          externalId: t(`accountData.error.${id.error.code}`, id.error.params ?? {}),
        },
      );
    }
    const body = await readJsonObject(request, MAX_BODY_BYTES);
    const parsed = schema(t).safeParse(body);
    if (!parsed.success)
      throw new ApiError(422, "invalid", {}, {}, accountBodyErrors(parsed.error));
    const v = parsed.data;
    const patch: AccountPatch = { externalId: id.value };
    if (v.name !== undefined) patch.name = v.name;
    if (v.plan !== undefined) patch.plan = v.plan;
    if (v.arr !== undefined) patch.arr = v.arr;
    else if (v.mrr !== undefined) patch.arr = v.mrr * 12;
    if (v.seats !== undefined) patch.seats = v.seats;
    if (v.renewalDate !== undefined) patch.renewalDate = toDate(v.renewalDate);
    if (v.ownerEmail !== undefined) {
      patch.ownerEmail = v.ownerEmail === null ? null : v.ownerEmail.trim().toLowerCase();
    }
    if (v.status !== undefined) patch.status = v.status;
    if (v.churnedAt !== undefined) patch.churnedAt = toDate(v.churnedAt);
    if (v.churnReason !== undefined) patch.churnReason = v.churnReason;

    const result = await upsertAccountFromApi(key.id, patch);
    if (result.outcome === "reject") {
      throw new ApiError(
        422,
        "rejected",
        {},
        {},
        Object.fromEntries(
          result.errors.map((e) => [e.field, t(`accountData.error.${e.code}`, e.params ?? {})]),
        ),
      );
    }
    return apiJson(
      { externalId: id.value, outcome: result.outcome, changes: result.changes },
      result.outcome === "create" ? 201 : 200,
    );
  });
}

function toDate(value: string | null): Date | null {
  if (value === null) return null;
  const parsed = parseDate(value);
  return parsed.ok ? parsed.value : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, "GET /api/v1/accounts/:externalId", async () => {
    throw new ApiError(405, "methodNotAllowed", {}, { Allow: "PUT" });
  });
}
