// Rules the accounts API routes share.
import type { TFunction } from "i18next";
import type { z } from "zod";
import type { RateLimitRule } from "~/utils/rate-limit.server";
import { parseDate } from "./account-import";

/** Per API key: a nightly sync of 10,000 accounts takes under 17 minutes at this rate. */
export const ACCOUNTS_API_RATE_LIMIT: RateLimitRule = { limit: 600, windowMs: 60 * 1000 };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A message when the text is not a real YYYY-MM-DD day, else null. */
export function isoDate(value: string, t: TFunction): string | null {
  if (!ISO_DAY.test(value)) return t("accountData.api.isoDate");
  const parsed = parseDate(value);
  return parsed.ok ? null : t(`accountData.error.${parsed.error.code}`, parsed.error.params ?? {});
}

/** Zod issues as field -> first message; unknown keys each get their own entry. */
export function accountBodyErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) fields[k] ??= issue.message;
      continue;
    }
    const field = String(issue.path[0] ?? "body");
    fields[field] ??= issue.message;
  }
  return fields;
}
