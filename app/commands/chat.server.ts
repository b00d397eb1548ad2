// The answer bot's conversations: asking (validate, rate-limit, answer, store both messages in one
// transaction), closing ("Did this solve it?": resolved or escalated, each an engagement event of
// the customer's account), linking a support request, and the sweep that marks conversations left
// open as abandoned. See docs/decisions/0016-answer-bot.md.
import type { AnswerBot, BotReply, RankedPassage } from "~/answer-bot/bot";
import { getAnswerBot } from "~/answer-bot/service.server";
import { getT, type Locale } from "~/i18n";
import type { ChatMessageView, ChatSource, ChatViewer } from "~/models/chat.server";
import { toMessageView } from "~/models/chat.server";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { searchAccess } from "~/models/search.server";
import { db, type Prisma } from "~/utils/db.server";
import { assertUnderLimits, hit, type RateLimitRule } from "~/utils/rate-limit.server";

export const CHAT_LIMITS = {
  /** Longer messages are refused with a message saying so (the input stops at this length). */
  maxChars: 2_000,
  /** An open conversation without a message for this long counts as abandoned. */
  abandonAfterMs: 30 * 60 * 1000,
  /** The sweep runs at most this often per process (it is also run by the insights page). */
  sweepEveryMs: 60 * 1000,
  sweepBatch: 200,
  perUser: { limit: 30, windowMs: 5 * 60 * 1000 },
  perIp: { limit: 120, windowMs: 5 * 60 * 1000 },
} satisfies Record<string, number | RateLimitRule>;

export type ChatErrorCode = "empty" | "tooLong" | "notFound" | "closed" | "badRequest";
const STATUS: Record<ChatErrorCode, number> = {
  empty: 400,
  tooLong: 400,
  badRequest: 400,
  notFound: 404,
  closed: 409,
};

export class ChatError extends Error {
  readonly status: number;
  constructor(readonly code: ChatErrorCode) {
    super(code);
    this.status = STATUS[code];
  }
}

// Controls (tabs and newlines become spaces), bidirectional overrides and zero-width characters:
// they only hide or reorder what was typed. Lone surrogates (broken UTF-16) are dropped.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The message as stored and answered, or why it is refused. */
export function cleanMessage(raw: unknown): string {
  if (typeof raw !== "string") throw new ChatError("badRequest");
  if (raw.length > CHAT_LIMITS.maxChars * 2) throw new ChatError("tooLong");
  const text = raw.replace(LONE_SURROGATE, "").replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  if (!text) throw new ChatError("empty");
  if (text.length > CHAT_LIMITS.maxChars) throw new ChatError("tooLong");
  return text;
}

function sourceOf(r: RankedPassage, bot: AnswerBot): ChatSource {
  return {
    id: r.passage.id,
    url: r.passage.url,
    type: r.passage.type,
    title: r.passage.title,
    heading: r.passage.heading,
    confidence: Math.round(bot.confidence(r) * 100) / 100,
  };
}

function botText(reply: BotReply): string {
  const t = getT(reply.locale as Locale);
  if (reply.kind === "smalltalk") return t(`answerBot.reply.${reply.smallTalk}`);
  if (reply.kind === "unknown" || !reply.text) return t("answerBot.reply.unknown");
  return reply.text;
}

let lastSweep = 0;

/** Runs the abandoned sweep unless this process ran it within sweepEveryMs. */
function maybeSweep(now: Date) {
  if (now.getTime() - lastSweep < CHAT_LIMITS.sweepEveryMs) return;
  lastSweep = now.getTime();
  sweepAbandonedConversations(now).catch((error: unknown) =>
    console.error("Answer bot: the abandoned sweep failed", error),
  );
}

export type AskResult = { conversationId: string; messages: ChatMessageView[] };

export async function askAnswerBot(input: {
  viewer: ChatViewer;
  conversationId: string | null;
  text: unknown;
  ip: string;
  /** The page's language, used when the message does not show one. */
  locale: Locale;
  now?: Date;
}): Promise<AskResult> {
  const { viewer } = input;
  const now = input.now ?? new Date();
  const text = cleanMessage(input.text);
  const keys: Array<[string, RateLimitRule]> = [
    [`chat:user:${viewer.id}`, CHAT_LIMITS.perUser],
    [`chat:ip:${input.ip}`, CHAT_LIMITS.perIp],
  ];
  await assertUnderLimits(keys);
  await Promise.all(keys.map(([key, rule]) => hit(key, rule, now)));
  maybeSweep(now);

  const conversation = input.conversationId
    ? await db.chatConversation.findFirst({
        where: { id: input.conversationId, userId: viewer.id, accountId: viewer.accountId },
        select: { id: true, status: true },
      })
    : null;
  if (input.conversationId && !conversation) throw new ChatError("notFound");
  if (conversation && conversation.status !== "open") throw new ChatError("closed");
  const previous = conversation
    ? await db.chatMessage.findFirst({
        where: { conversationId: conversation.id, role: "user", query: { not: null } },
        orderBy: { createdAt: "desc" },
        select: { query: true },
      })
    : null;

  const bot = await getAnswerBot();
  const reply = await bot.answer({
    text,
    previousQuestion: previous?.query ?? null,
    access: searchAccess({ ...viewer, role: "member" }),
    fallbackLocale: input.locale,
    now: now.getTime(),
  });
  const sources =
    reply.kind === "smalltalk"
      ? []
      : [...(reply.top ? [reply.top] : []), ...reply.others].map((r) => sourceOf(r, bot));
  const botAt = new Date(now.getTime() + 1);

  const rows = await db.$transaction(async (tx) => {
    const id =
      conversation?.id ??
      (
        await tx.chatConversation.create({
          data: {
            accountId: viewer.accountId,
            userId: viewer.id,
            locale: reply.locale,
            lastMessageAt: botAt,
            createdAt: now,
          },
          select: { id: true },
        })
      ).id;
    const user = await tx.chatMessage.create({
      data: {
        conversationId: id,
        role: "user",
        text,
        locale: reply.locale,
        query: reply.kind === "smalltalk" ? null : reply.query,
        createdAt: now,
      },
    });
    const answer = await tx.chatMessage.create({
      data: {
        conversationId: id,
        role: "bot",
        text: botText(reply),
        locale: reply.locale,
        kind: reply.kind,
        confidence: reply.kind === "smalltalk" ? null : reply.confidence,
        sources: JSON.stringify(sources),
        createdAt: botAt,
      },
    });
    await tx.chatConversation.update({
      where: { id },
      data: {
        lastMessageAt: botAt,
        ...(reply.kind === "unknown" ? { unanswered: true } : {}),
      },
    });
    return { id, user, answer };
  });
  return {
    conversationId: rows.id,
    messages: [toMessageView(rows.user), toMessageView(rows.answer)],
  };
}

async function conversationFacts(tx: Prisma.TransactionClient, conversationId: string) {
  const [questions, answered] = await Promise.all([
    tx.chatMessage.count({ where: { conversationId, role: "user" } }),
    tx.chatMessage.count({ where: { conversationId, role: "bot", kind: "answer" } }),
  ]);
  return { conversationId, questions, answered };
}

/**
 * "Did this solve it?" Yes: resolved (a deflected request). No: escalated; the customer is then
 * offered the community and support. Answering twice the same way changes nothing.
 */
export async function closeConversation(input: {
  viewer: ChatViewer;
  conversationId: string;
  outcome: "resolved" | "escalated";
  now?: Date;
}) {
  const { viewer, outcome } = input;
  const now = input.now ?? new Date();
  const conversation = await db.chatConversation.findFirst({
    where: { id: input.conversationId, userId: viewer.id, accountId: viewer.accountId },
    select: { id: true, status: true },
  });
  if (!conversation) throw new ChatError("notFound");
  if (conversation.status === outcome) return { changed: false };
  if (conversation.status !== "open") throw new ChatError("closed");
  return db.$transaction(async (tx) => {
    const { count } = await tx.chatConversation.updateMany({
      where: { id: conversation.id, status: "open" },
      data: { status: outcome, closedAt: now },
    });
    if (count === 0) throw new ChatError("closed"); // closed by another request meanwhile
    await recordEvent(
      {
        type: outcome === "resolved" ? PORTAL_EVENTS.chatResolved : PORTAL_EVENTS.chatEscalated,
        accountId: viewer.accountId,
        userId: viewer.id,
        properties: await conversationFacts(tx, conversation.id),
        occurredAt: now,
      },
      tx,
    );
    return { changed: true };
  });
}

/**
 * A support request or forum question sent from a conversation: the conversation is escalated
 * (if it was not already) and remembers where to. Returns the id to link, or null when the id is
 * not one of the customer's conversations.
 */
export async function escalateConversation(
  tx: Prisma.TransactionClient,
  input: {
    viewer: { id: string; accountId: string };
    conversationId: string;
    to: "support" | "community";
    now: Date;
  },
): Promise<string | null> {
  const conversation = await tx.chatConversation.findFirst({
    where: { id: input.conversationId, userId: input.viewer.id, accountId: input.viewer.accountId },
    select: { id: true, status: true },
  });
  if (!conversation) return null;
  const wasOpen = conversation.status === "open" || conversation.status === "abandoned";
  await tx.chatConversation.update({
    where: { id: conversation.id },
    data: {
      status: "escalated",
      escalatedTo: input.to,
      ...(wasOpen ? { closedAt: input.now } : {}),
    },
  });
  if (wasOpen) {
    await recordEvent(
      {
        type: PORTAL_EVENTS.chatEscalated,
        accountId: input.viewer.accountId,
        userId: input.viewer.id,
        properties: { ...(await conversationFacts(tx, conversation.id)), via: input.to },
        occurredAt: input.now,
      },
      tx,
    );
  }
  return conversation.id;
}

/**
 * Marks open conversations without a message for abandonAfterMs as abandoned, one event each.
 * Safe to run from several processes at once: each row changes only while it is still open.
 */
export async function sweepAbandonedConversations(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - CHAT_LIMITS.abandonAfterMs);
  const stale = await db.chatConversation.findMany({
    where: { status: "open", lastMessageAt: { lt: cutoff } },
    select: { id: true, accountId: true, userId: true, lastMessageAt: true },
    orderBy: { lastMessageAt: "asc" },
    take: CHAT_LIMITS.sweepBatch,
  });
  let swept = 0;
  for (const row of stale) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.chatConversation.updateMany({
        where: { id: row.id, status: "open", lastMessageAt: { lt: cutoff } },
        data: { status: "abandoned", closedAt: now },
      });
      if (count === 0) return;
      swept++;
      await recordEvent(
        {
          type: PORTAL_EVENTS.chatAbandoned,
          accountId: row.accountId,
          userId: row.userId,
          properties: await conversationFacts(tx, row.id),
          occurredAt: new Date(row.lastMessageAt.getTime() + CHAT_LIMITS.abandonAfterMs),
        },
        tx,
      );
    });
  }
  return swept;
}
