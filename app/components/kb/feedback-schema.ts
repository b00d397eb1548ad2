// The "Was this helpful?" form, validated the same way in the browser and on the server.
import type { TFunction } from "i18next";
import { z } from "zod";

export const FEEDBACK_COMMENT_MAX_LENGTH = 1000;

export function feedbackSchema(t: TFunction) {
  return z.object({
    intent: z.literal("vote"),
    helpful: z.enum(["yes", "no"], {
      errorMap: () => ({ message: t("validation.invalidChoice") }),
    }),
    comment: z
      .string()
      .trim()
      .max(
        FEEDBACK_COMMENT_MAX_LENGTH,
        t("validation.tooLong", { max: FEEDBACK_COMMENT_MAX_LENGTH }),
      )
      .optional(),
  });
}
