// The editor form's rules, shared by the browser (instant messages) and the server (the check that
// counts). Messages come from the caller's `t`, so field errors read in the user's language.
import type { TFunction } from "i18next";
import { z } from "zod";
import { choiceField } from "~/utils/validation";
import { PLANS } from "~/models/segment";

export const TITLE_MAX_LENGTH = 200;
export const SLUG_MAX_LENGTH = 120;
export const SUMMARY_MAX_LENGTH = 300;
export const TAG_MAX_LENGTH = 40;
export const TAGS_MAX = 10;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** What a datetime-local input sends, seconds optional. */
const DATETIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export const EDITOR_LOCALES = ["ja", "en"] as const;
export const EDITOR_TYPES = ["faq", "tutorial", "guide"] as const;
export const EDITOR_AUDIENCES = ["all", "customers", "restricted"] as const;
export const EDITOR_PLANS = PLANS;
export const EDITOR_SEGMENTS = ["high_touch", "low_touch", "tech_touch"] as const;

/** Splits "a, b、c" into trimmed, distinct tag names (Japanese commas too). */
export function splitTags(value: string | undefined): string[] {
  const names = (value ?? "")
    .split(/[,、，]/)
    .map((s) => s.normalize("NFKC").trim().replace(/\s+/g, " "))
    .filter(Boolean);
  return [...new Set(names)];
}

/** A datetime-local value read as UTC, or null when it is not a real moment. */
export function parseUtcLocal(value: string): Date | null {
  if (!DATETIME_LOCAL.test(value)) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A Date as the value of a datetime-local input, in UTC. */
export function toUtcLocal(date: Date | string | null | undefined): string {
  if (!date) return "";
  return new Date(date).toISOString().slice(0, 16);
}

function text(t: TFunction, max: number, required: boolean) {
  const base = z.string().trim().max(max, t("validation.tooLong", { max }));
  return required
    ? z
        .string({ required_error: t("validation.required") })
        .pipe(base.min(1, t("validation.required")))
    : base.default("");
}

export function articleSchema(t: TFunction, markdownMax: number) {
  return z
    .object({
      title: text(t, TITLE_MAX_LENGTH, true),
      slug: z
        .string({ required_error: t("validation.required") })
        .trim()
        .min(1, t("validation.required"))
        .max(SLUG_MAX_LENGTH, t("validation.tooLong", { max: SLUG_MAX_LENGTH }))
        .regex(SLUG_PATTERN, t("contentAdmin.errors.slugPattern")),
      locale: choiceField(t, EDITOR_LOCALES),
      translationKey: z
        .string()
        .trim()
        .max(SLUG_MAX_LENGTH, t("validation.tooLong", { max: SLUG_MAX_LENGTH }))
        .regex(SLUG_PATTERN, t("contentAdmin.errors.slugPattern"))
        .optional(),
      type: choiceField(t, EDITOR_TYPES),
      categoryId: z
        .string({ required_error: t("contentAdmin.errors.categoryRequired") })
        .min(1, t("contentAdmin.errors.categoryRequired")),
      tags: z
        .string()
        .default("")
        .transform(splitTags)
        .superRefine((names, ctx) => {
          if (names.length > TAGS_MAX) {
            ctx.addIssue({
              code: "custom",
              message: t("contentAdmin.errors.tooManyTags", { max: TAGS_MAX }),
            });
          }
          if (names.some((n) => n.length > TAG_MAX_LENGTH)) {
            ctx.addIssue({
              code: "custom",
              message: t("contentAdmin.errors.tagTooLong", { max: TAG_MAX_LENGTH }),
            });
          }
        }),
      summary: text(t, SUMMARY_MAX_LENGTH, false),
      body: z
        .string({ required_error: t("validation.required") })
        .refine((v) => v.trim().length > 0, t("validation.required"))
        .refine(
          (v) => v.length <= markdownMax,
          t("contentAdmin.errors.bodyTooLong", { max: markdownMax }),
        ),
      audience: choiceField(t, EDITOR_AUDIENCES),
      audiencePlans: z.array(choiceField(t, EDITOR_PLANS)).default([]),
      audienceSegments: z.array(choiceField(t, EDITOR_SEGMENTS)).default([]),
      publishAt: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (!v) return null;
          const date = parseUtcLocal(v);
          if (!date) {
            ctx.addIssue({ code: "custom", message: t("contentAdmin.errors.publishAt") });
            return z.NEVER;
          }
          return date;
        }),
      baseRevision: z.number().int().min(0).optional(),
    })
    .superRefine((value, ctx) => {
      if (
        value.audience === "restricted" &&
        value.audiencePlans.length === 0 &&
        value.audienceSegments.length === 0
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["audience"],
          message: t("contentAdmin.errors.audienceEmpty"),
        });
      }
    });
}

export type ArticleFormValue = z.infer<ReturnType<typeof articleSchema>>;
