// The checklist editor's form rules, shared by the browser (instant feedback) and the server (the
// rule that counts). Messages come from the reader's locale.
import type { TFunction } from "i18next";
import { z } from "zod";
import { PLANS, SEGMENTS } from "~/models/segment";
import {
  COMPLETION_KINDS,
  KNOWN_EVENT_TYPES,
  MAX_DUE_DAYS,
  MAX_EVENT_COUNT,
  parsePropertyMatch,
  STEP_SCOPES,
} from "~/models/onboarding-rules";
import { choiceField, requiredText } from "~/utils/validation";

export const CHECKLIST_TITLE_MAX_LENGTH = 120;
export const CHECKLIST_TEXT_MAX_LENGTH = 1000;
export const GOAL_MAX_DAYS = 365;

function optionalText(t: TFunction, max: number) {
  return z
    .string()
    .trim()
    .max(max, t("validation.tooLong", { max }))
    .optional()
    .transform((v) => v ?? "");
}

function optionalInt(t: TFunction, min: number, max: number) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const n = Number(value);
      if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: t("onboarding.errors.wholeNumber", { min, max }),
        });
        return z.NEVER;
      }
      return n;
    });
}

export function templateSchema(t: TFunction) {
  return z.object({
    titleEn: requiredText(t, CHECKLIST_TITLE_MAX_LENGTH),
    titleJa: requiredText(t, CHECKLIST_TITLE_MAX_LENGTH),
    descriptionEn: optionalText(t, CHECKLIST_TEXT_MAX_LENGTH),
    descriptionJa: optionalText(t, CHECKLIST_TEXT_MAX_LENGTH),
    successGoalEn: optionalText(t, CHECKLIST_TITLE_MAX_LENGTH),
    successGoalJa: optionalText(t, CHECKLIST_TITLE_MAX_LENGTH),
    successGoalDays: optionalInt(t, 1, GOAL_MAX_DAYS),
    segments: z.array(choiceField(t, SEGMENTS)).default([]),
    plans: z.array(choiceField(t, PLANS)).default([]),
  });
}
export type TemplateInput = z.output<ReturnType<typeof templateSchema>>;

/** Only the titles: what "New checklist" asks for before the editor opens. */
export function newTemplateSchema(t: TFunction) {
  return z.object({
    titleEn: requiredText(t, CHECKLIST_TITLE_MAX_LENGTH),
    titleJa: requiredText(t, CHECKLIST_TITLE_MAX_LENGTH),
  });
}

export function stepSchema(t: TFunction) {
  return z
    .object({
      titleEn: requiredText(t, CHECKLIST_TITLE_MAX_LENGTH),
      titleJa: requiredText(t, CHECKLIST_TITLE_MAX_LENGTH),
      bodyEn: optionalText(t, CHECKLIST_TEXT_MAX_LENGTH),
      bodyJa: optionalText(t, CHECKLIST_TEXT_MAX_LENGTH),
      articleKey: z
        .string()
        .trim()
        .max(200)
        .optional()
        .transform((v) => v || null),
      dueDays: optionalInt(t, 1, MAX_DUE_DAYS),
      scope: choiceField(t, STEP_SCOPES),
      completion: choiceField(t, COMPLETION_KINDS),
      eventType: z
        .string()
        .trim()
        .optional()
        .transform((v) => v || null),
      propertyMatch: z
        .string()
        .optional()
        .transform((v) => v ?? ""),
      eventCount: optionalInt(t, 1, MAX_EVENT_COUNT),
      requires: z.array(z.string().max(40)).default([]),
    })
    .superRefine((v, ctx) => {
      if (v.completion === "event") {
        if (!v.eventType) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["eventType"],
            message: t("onboarding.errors.eventTypeRequired"),
          });
        } else if (!KNOWN_EVENT_TYPES.includes(v.eventType)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["eventType"],
            message: t("onboarding.errors.unknownEventType", { type: v.eventType }),
          });
        }
        const match = parsePropertyMatch(v.propertyMatch);
        if (!match.ok) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["propertyMatch"],
            message: t(`onboarding.errors.match.${match.error.code}`, match.error),
          });
        }
      }
      if (v.completion === "article" && !v.articleKey) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["articleKey"],
          message: t("onboarding.errors.articleRequired"),
        });
      }
    })
    .transform((v) => {
      const match = parsePropertyMatch(v.propertyMatch);
      return {
        titleEn: v.titleEn,
        titleJa: v.titleJa,
        bodyEn: v.bodyEn,
        bodyJa: v.bodyJa,
        articleKey: v.articleKey,
        dueDays: v.dueDays,
        scope: v.scope,
        completion: v.completion,
        eventType: v.completion === "event" ? v.eventType : null,
        propertyMatch: v.completion === "event" && match.ok ? match.value : {},
        eventCount: v.completion === "event" ? (v.eventCount ?? 1) : 1,
        requires: [...new Set(v.requires)],
      };
    });
}
export type StepInput = z.output<ReturnType<typeof stepSchema>>;
