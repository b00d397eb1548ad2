// Field schemas shared by forms on the server and in the browser. Messages come from the
// caller's locale, so every field error reads in the user's language.
import type { TFunction } from "i18next";
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;

export function requiredText(t: TFunction, max: number) {
  return z
    .string({ required_error: t("validation.required") })
    .trim()
    .min(1, t("validation.required"))
    .max(max, t("validation.tooLong", { max }));
}

export function emailField(t: TFunction) {
  return z
    .string({ required_error: t("validation.required") })
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX_LENGTH, t("validation.tooLong", { max: EMAIL_MAX_LENGTH }))
    .email(t("validation.email"));
}

/**
 * A new password. The server passes `isCommon` (app/utils/common-passwords.server.ts); the
 * browser checks only the length, and the server's answer names a common password.
 */
export function newPasswordField(t: TFunction, isCommon?: (password: string) => boolean) {
  const field = z
    .string({ required_error: t("validation.required") })
    .min(PASSWORD_MIN_LENGTH, t("validation.tooShort", { min: PASSWORD_MIN_LENGTH }))
    .max(PASSWORD_MAX_LENGTH, t("validation.tooLong", { max: PASSWORD_MAX_LENGTH }));
  return isCommon ? field.refine((p) => !isCommon(p), t("validation.commonPassword")) : field;
}

export function choiceField<T extends readonly [string, ...string[]]>(t: TFunction, values: T) {
  return z.enum(values, {
    errorMap: (issue) => ({
      message:
        issue.code === "invalid_type" && issue.received === "undefined"
          ? t("validation.required")
          : t("validation.invalidChoice"),
    }),
  });
}

/** Help-center and community categories: bilingual names and descriptions, a list position. */
export const CATEGORY_LIMITS = {
  slugMax: 80,
  nameMax: 80,
  descriptionMax: 300,
  positionMax: 10_000,
} as const;

/** The fields both category editors share; `positionError` is the editor's own wording. */
export function categoryFields(t: TFunction, positionError: string) {
  const { nameMax, descriptionMax, positionMax } = CATEGORY_LIMITS;
  const description = z
    .string()
    .trim()
    .max(descriptionMax, t("validation.tooLong", { max: descriptionMax }))
    .default("");
  return {
    nameEn: requiredText(t, nameMax),
    nameJa: requiredText(t, nameMax),
    descriptionEn: description,
    descriptionJa: description,
    position: z
      .number({ required_error: t("validation.required"), invalid_type_error: positionError })
      .int(positionError)
      .min(-positionMax, positionError)
      .max(positionMax, positionError),
  };
}
