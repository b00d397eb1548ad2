// Answer-bot conversations as their owner sees them: always scoped to the customer's own user
// and account (anyone else's conversation is "not found"). Text is returned as stored: plain
// text that the UI renders escaped.
import {
  CHAT_STATUSES,
  parseSources,
  type ChatConversationView,
  type ChatMessageView,
  type ChatStatus,
} from "./chat-types";
import { db } from "~/utils/db.server";

export { CHAT_STATUSES, parseSources } from "./chat-types";
export type { ChatConversationView, ChatMessageView, ChatSource, ChatStatus } from "./chat-types";

export type ChatViewer = {
  id: string;
  accountId: string;
  account: { plan: string; segment: string } | null;
};

const messageSelect = {
  id: true,
  role: true,
  text: true,
  locale: true,
  kind: true,
  confidence: true,
  sources: true,
  query: true,
  createdAt: true,
} as const;

type MessageRow = {
  id: string;
  role: string;
  text: string;
  locale: string;
  kind: string | null;
  confidence: number | null;
  sources: string;
  query: string | null;
  createdAt: Date;
};

export function toMessageView(row: MessageRow): ChatMessageView {
  return {
    id: row.id,
    role: row.role === "bot" ? "bot" : "user",
    text: row.text,
    locale: row.locale,
    kind: row.kind,
    confidence: row.confidence,
    sources: parseSources(row.sources),
    followUp: row.role === "user" && row.query !== null && row.query !== row.text,
    createdAt: row.createdAt.toISOString(),
  };
}

function toStatus(value: string): ChatStatus {
  return (CHAT_STATUSES as readonly string[]).includes(value) ? (value as ChatStatus) : "open";
}

/** The viewer's own conversation with its messages, or null. */
export async function findConversation(
  viewer: Pick<ChatViewer, "id" | "accountId">,
  id: string,
): Promise<ChatConversationView | null> {
  const row = await db.chatConversation.findFirst({
    where: { id, userId: viewer.id, accountId: viewer.accountId },
    select: {
      id: true,
      status: true,
      escalatedTo: true,
      locale: true,
      messages: { orderBy: [{ createdAt: "asc" }, { role: "desc" }], select: messageSelect },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    status: toStatus(row.status),
    escalatedTo: row.escalatedTo,
    locale: row.locale,
    messages: row.messages.map(toMessageView),
  };
}

/** The transcript as plain text, for a support request or a forum question. */
export function transcriptText(
  conversation: Pick<ChatConversationView, "messages">,
  labels: { you: string; bot: string },
): string {
  return conversation.messages
    .map((m) => {
      const who = m.role === "user" ? labels.you : labels.bot;
      const link = m.role === "bot" && m.sources[0] ? `\n  → ${m.sources[0].url}` : "";
      return `${who}: ${m.text}${link}`;
    })
    .join("\n\n");
}
