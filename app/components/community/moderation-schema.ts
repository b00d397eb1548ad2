// The moderation console's form fields, read by its action (app/routes/admin.moderation.tsx)
// and named by the forms that post there (the console's tabs and the topic page's menu).
import type { TFunction } from "i18next";
import { z } from "zod";
import { FLAG_REASONS, FORUM_LIMITS } from "~/models/forum-policy";
import { MODERATION_LIMITS } from "~/models/moderation-policy";
import { emailField } from "~/utils/validation";

/** Where every moderation form posts (the console's layout route holds the action). */
export const MODERATION_ACTION = "/admin/moderation";

export const POST_INTENTS = [
  "uphold",
  "dismiss",
  "hidePost",
  "restorePost",
  "approvePost",
  "rejectPost",
] as const;
export const TOPIC_INTENTS = [
  "hideTopic",
  "restoreTopic",
  "approveTopic",
  "rejectTopic",
  "lock",
  "unlock",
  "pin",
  "unpin",
] as const;
export const MODERATION_INTENTS = [
  ...POST_INTENTS,
  ...TOPIC_INTENTS,
  "move",
  "merge",
  "edit",
  "suspend",
  "unsuspend",
] as const;
export type ModerationIntent = (typeof MODERATION_INTENTS)[number];

const ID_MAX = 64;
const TARGET_MAX = 300;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A topic's address, absolute or relative, or its bare id. */
const TOPIC_ADDRESS = /\/community\/t\/([^/?#\s]+)/;

export function topicIdFromTarget(value: string): string {
  const match = TOPIC_ADDRESS.exec(value);
  return (match ? match[1]! : value).trim();
}

export function moderationSchemas(t: TFunction) {
  const id = z.string().trim().min(1).max(ID_MAX);
  const reasonMax = MODERATION_LIMITS.reasonMax;
  const optionalReason = z
    .string()
    .trim()
    .max(reasonMax, t("moderation.errors.reasonTooLong", { max: reasonMax }))
    .default("");
  const requiredReason = z
    .string({ required_error: t("moderation.errors.reasonRequired") })
    .trim()
    .min(1, t("moderation.errors.reasonRequired"))
    .max(reasonMax, t("moderation.errors.reasonTooLong", { max: reasonMax }));
  return {
    post: z.object({ postId: id, reason: optionalReason }),
    topic: z.object({ topicId: id, reason: optionalReason }),
    move: z.object({
      topicId: id,
      categoryId: z
        .string({ required_error: t("moderation.errors.unknownCategory") })
        .trim()
        .min(1, t("moderation.errors.unknownCategory"))
        .max(ID_MAX, t("moderation.errors.unknownCategory")),
      reason: optionalReason,
    }),
    merge: z.object({
      topicId: id,
      target: z
        .string({ required_error: t("moderation.errors.unknownTarget") })
        .trim()
        .min(1, t("moderation.errors.unknownTarget"))
        .max(TARGET_MAX, t("moderation.errors.unknownTarget"))
        .transform(topicIdFromTarget)
        .pipe(z.string().min(1, t("moderation.errors.unknownTarget"))),
      reason: optionalReason,
    }),
    edit: z.object({
      postId: id,
      body: z
        .string({ required_error: t("topic.errors.bodyRequired", { min: FORUM_LIMITS.bodyMin }) })
        .trim()
        .min(FORUM_LIMITS.bodyMin, t("topic.errors.bodyRequired", { min: FORUM_LIMITS.bodyMin }))
        .max(FORUM_LIMITS.bodyMax, t("topic.errors.bodyTooLong", { max: FORUM_LIMITS.bodyMax })),
      reason: requiredReason,
    }),
    suspend: z
      .object({
        userId: id.optional(),
        email: emailField(t).optional(),
        until: z
          .string({ required_error: t("moderation.errors.untilInvalid") })
          .trim()
          .regex(DAY, t("moderation.errors.untilInvalid"))
          .refine((d) => !Number.isNaN(Date.parse(d)), t("moderation.errors.untilInvalid")),
        reason: requiredReason,
      })
      .refine((v) => v.userId || v.email, {
        message: t("validation.required"),
        path: ["email"],
      }),
    unsuspend: z.object({ userId: id, reason: optionalReason }),
  };
}

/** The flag form on a post (app/components/community/FlagPost.tsx posts it to the topic page). */
export function flagSchema(t: TFunction) {
  const noteMax = MODERATION_LIMITS.noteMax;
  return z.object({
    postId: z
      .string({ required_error: t("moderation.errors.postNotFound") })
      .min(1, t("moderation.errors.postNotFound"))
      .max(ID_MAX, t("moderation.errors.postNotFound")),
    reason: z.enum(FLAG_REASONS, {
      errorMap: () => ({ message: t("moderation.errors.chooseReason") }),
    }),
    note: z
      .string()
      .trim()
      .max(noteMax, t("moderation.errors.noteTooLong", { max: noteMax }))
      .default(""),
  });
}
