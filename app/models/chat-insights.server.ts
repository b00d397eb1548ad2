// The answer bot for CS (/admin/insights/answer-bot): how conversations ended, the questions it
// could not answer grouped by wording, recent conversations and one transcript. Staff only (the
// route checks); abandoned conversations are swept before counting, so the figures are current.
import { clusterQuestions } from "~/answer-bot/cluster";
import { sweepAbandonedConversations } from "~/commands/chat.server";
import { db } from "~/utils/db.server";
import { CHAT_STATUSES, type ChatStatus } from "./chat-types";
import { toMessageView } from "./chat.server";

export const CHAT_INSIGHT_PERIODS = [7, 30, 90] as const;
export const DEFAULT_CHAT_PERIOD = 30;
export const CONVERSATIONS_PER_PAGE = 20;
/** Unanswered questions read for grouping (the most recent). */
const UNANSWERED_SAMPLE = 1_000;
const GROUPS_SHOWN = 15;
const EXAMPLES_PER_GROUP = 4;
const DAY_MS = 24 * 60 * 60 * 1000;

export function parseChatPeriod(raw: string | null): number {
  const days = Number(raw);
  return (CHAT_INSIGHT_PERIODS as readonly number[]).includes(days) ? days : DEFAULT_CHAT_PERIOD;
}

export type UnansweredGroup = {
  /** The wording shown for the group: its most recent question. */
  question: string;
  locale: string;
  count: number;
  examples: string[];
};

export async function getAnswerBotInsights(input: { days: number; page: number; now?: Date }) {
  const now = input.now ?? new Date();
  await sweepAbandonedConversations(now);
  const since = new Date(now.getTime() - input.days * DAY_MS);
  const where = { createdAt: { gte: since } };

  const grouped = await db.chatConversation.groupBy({
    by: ["status"],
    where,
    _count: { _all: true },
  });
  const byStatus = Object.fromEntries(CHAT_STATUSES.map((s) => [s, 0])) as Record<
    ChatStatus,
    number
  >;
  for (const row of grouped) {
    if ((CHAT_STATUSES as readonly string[]).includes(row.status)) {
      byStatus[row.status as ChatStatus] = row._count._all;
    }
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const rate = (n: number) => (total ? n / total : null);

  const pageCount = Math.max(1, Math.ceil(total / CONVERSATIONS_PER_PAGE));
  const page = Math.min(Math.max(1, input.page), pageCount);
  const rows = await db.chatConversation.findMany({
    where,
    orderBy: { createdAt: "desc" },
    skip: (page - 1) * CONVERSATIONS_PER_PAGE,
    take: CONVERSATIONS_PER_PAGE,
    select: {
      id: true,
      createdAt: true,
      status: true,
      escalatedTo: true,
      locale: true,
      unanswered: true,
      account: { select: { id: true, name: true } },
      user: { select: { name: true } },
      _count: { select: { messages: { where: { role: "user" } } } },
    },
  });

  return {
    days: input.days,
    total,
    byStatus,
    rates: {
      resolved: rate(byStatus.resolved),
      escalated: rate(byStatus.escalated),
      abandoned: rate(byStatus.abandoned),
    },
    unanswered: await unansweredGroups(since),
    conversations: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      status: r.status,
      escalatedTo: r.escalatedTo,
      locale: r.locale,
      unanswered: r.unanswered,
      account: r.account,
      userName: r.user?.name ?? null,
      questions: r._count.messages,
    })),
    page,
    pageCount,
  };
}

/** The questions answered "I don't know", grouped by similar wording, biggest groups first. */
async function unansweredGroups(since: Date): Promise<UnansweredGroup[]> {
  const unknown = await db.chatMessage.findMany({
    where: { role: "bot", kind: "unknown", createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    take: UNANSWERED_SAMPLE,
    select: { conversationId: true, createdAt: true },
  });
  if (!unknown.length) return [];
  // The question is the user message stored just before the answer (askAnswerBot writes the
  // answer 1 ms after it).
  const questions = await db.chatMessage.findMany({
    where: {
      role: "user",
      conversationId: { in: [...new Set(unknown.map((m) => m.conversationId))] },
      createdAt: { gte: new Date(since.getTime() - 1) },
    },
    select: { conversationId: true, createdAt: true, text: true, locale: true },
  });
  const byKey = new Map(questions.map((q) => [`${q.conversationId}@${q.createdAt.getTime()}`, q]));
  const asked = unknown
    .map((m) => byKey.get(`${m.conversationId}@${m.createdAt.getTime() - 1}`))
    .filter((q): q is NonNullable<typeof q> => Boolean(q))
    .map((q) => ({ text: q.text, locale: q.locale }));
  return clusterQuestions(asked)
    .slice(0, GROUPS_SHOWN)
    .map((cluster) => ({
      question: cluster.items[0]!.text,
      locale: cluster.items[0]!.locale,
      count: cluster.items.length,
      examples: [...new Set(cluster.items.map((i) => i.text))].slice(0, EXAMPLES_PER_GROUP),
    }));
}

/** One conversation for CS, with whose it is. */
export async function getConversationForStaff(id: string) {
  const row = await db.chatConversation.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      escalatedTo: true,
      locale: true,
      createdAt: true,
      account: { select: { id: true, name: true } },
      user: { select: { name: true, email: true } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { role: "desc" }],
        select: {
          id: true,
          role: true,
          text: true,
          locale: true,
          kind: true,
          confidence: true,
          sources: true,
          query: true,
          createdAt: true,
        },
      },
    },
  });
  if (!row) return null;
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    messages: row.messages.map(toMessageView),
  };
}
