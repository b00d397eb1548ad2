// The HTTP side of the answer bot, shared by POST /api/chat (the widget) and /help/chat (the
// full page, also without JavaScript): who may talk to it, reading the body, and turning the
// command's errors into 400/401/403/404/409/429 answers with a message in the person's language.
import type { TFunction } from "i18next";
import { z } from "zod";
import { CHAT_LIMITS, ChatError } from "~/commands/chat.server";
import { loadViewer } from "~/models/article.server";
import type { ChatViewer } from "~/models/chat.server";
import { isStaff } from "~/models/roles";
import type { SessionUser } from "~/utils/auth.server";
import { RateLimitedError } from "~/utils/rate-limit.server";

/** A chat body is one message: 2,000 characters of up to 4 bytes, JSON-escaped, and a few fields. */
export const MAX_CHAT_BODY_BYTES = CHAT_LIMITS.maxChars * 12 + 1_024;
/** Conversation ids are cuids; anything much longer is not one. */
const ID_MAX = 64;

export const chatBodySchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("ask"),
    conversationId: z.string().max(ID_MAX).optional().nullable(),
    message: z.unknown(),
  }),
  z.object({
    intent: z.enum(["resolve", "escalate"]),
    conversationId: z.string().min(1).max(ID_MAX),
  }),
]);
export type ChatBody = z.infer<typeof chatBodySchema>;

export class ChatHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

/** The customer talking to the bot; staff and visitors have no account to answer for. */
export async function requireChatViewer(user: SessionUser | null): Promise<ChatViewer> {
  if (!user) throw new ChatHttpError(401, "signIn");
  if (isStaff(user) || !user.accountId) throw new ChatHttpError(403, "customersOnly");
  const viewer = await loadViewer(user);
  if (!viewer?.accountId) throw new ChatHttpError(403, "customersOnly");
  return { id: viewer.id, accountId: viewer.accountId, account: viewer.account };
}

/** Form or JSON fields, or null when the body is neither, or larger than one message can be. */
export async function readChatBody(request: Request): Promise<ChatBody> {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_CHAT_BODY_BYTES) throw new ChatHttpError(400, "tooLong");
  let fields: unknown;
  try {
    const raw = await request.text();
    if (raw.length > MAX_CHAT_BODY_BYTES) throw new ChatHttpError(400, "tooLong");
    const type = request.headers.get("Content-Type") ?? "";
    fields = type.includes("application/json")
      ? JSON.parse(raw)
      : Object.fromEntries(new URLSearchParams(raw));
  } catch (error) {
    if (error instanceof ChatHttpError) throw error;
    throw new ChatHttpError(400, "badRequest");
  }
  const parsed = chatBodySchema.safeParse(fields);
  if (!parsed.success) throw new ChatHttpError(400, "badRequest");
  return parsed.data;
}

/** The error as status, code and message; rethrows anything that is not a known refusal. */
export function chatErrorOf(error: unknown, t: TFunction) {
  if (error instanceof RateLimitedError) {
    return {
      status: 429,
      code: "rateLimited",
      message: t("answerBot.errors.rateLimited", { seconds: error.retryAfterSeconds }),
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof ChatError) {
    return {
      status: error.status,
      code: error.code,
      message: t(`answerBot.errors.${error.code}`, { max: CHAT_LIMITS.maxChars }),
      headers: {},
    };
  }
  if (error instanceof ChatHttpError) {
    return {
      status: error.status,
      code: error.code,
      message: t(`answerBot.errors.${error.code}`, { max: CHAT_LIMITS.maxChars }),
      headers: error.headers,
    };
  }
  throw error;
}
