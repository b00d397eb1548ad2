// Browser side of the answer bot: the calls to /api/chat and the links a conversation leads to.
// Importable by the browser (no server code).
import type { ChatConversationView, ChatMessageView } from "~/models/chat-types";

export type { ChatConversationView, ChatMessageView };

export const CHAT_API = "/api/chat";
export const CHAT_PAGE = "/help/chat";
/** The widget remembers the conversation for the browser tab, across pages. */
export const CONVERSATION_KEY = "answerBot.conversation";
/** Characters the input accepts (the server refuses longer ones with a message). */
export const MESSAGE_MAX_CHARS = 2_000;
/** The forum's title limit; the body sent along is kept short enough for a URL. */
const COMMUNITY_TITLE_MAX = 150;
const COMMUNITY_BODY_MAX = 1_500;

export type ChatFailure = { status: number; error: string; message: string };

export class ChatRequestError extends Error {
  constructor(readonly failure: ChatFailure) {
    super(failure.message);
  }
}

async function call<T>(input: string, init?: RequestInit): Promise<T> {
  const response = await fetch(input, {
    ...init,
    headers: { Accept: "application/json", ...(init?.headers ?? {}) },
    credentials: "same-origin",
  });
  const body = (await response.json().catch(() => null)) as (T & Partial<ChatFailure>) | null;
  if (!response.ok || !body) {
    throw new ChatRequestError({
      status: response.status,
      error: body?.error ?? "failed",
      message: body?.message ?? "",
    });
  }
  return body;
}

export function loadConversation(id: string) {
  return call<{ conversation: ChatConversationView }>(`${CHAT_API}?c=${encodeURIComponent(id)}`);
}

export function askBot(message: string, conversationId: string | null) {
  return call<{ conversationId: string; messages: ChatMessageView[] }>(CHAT_API, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ intent: "ask", message, conversationId }),
  });
}

export function closeChat(conversationId: string, intent: "resolve" | "escalate") {
  return call<{ status: string }>(CHAT_API, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ intent, conversationId }),
  });
}

/** "Ask the community", prefilled with the first question and the questions asked. */
export function communityLink(messages: ChatMessageView[], intro: string): string {
  const questions = messages.filter((m) => m.role === "user").map((m) => m.text);
  const title = (questions[0] ?? "").slice(0, COMMUNITY_TITLE_MAX);
  const body = [intro, ...questions.map((q) => `> ${q}`)].join("\n\n").slice(0, COMMUNITY_BODY_MAX);
  return `/community/new?${new URLSearchParams({ title, body })}`;
}

export function supportLink(conversationId: string): string {
  return `/support/new?${new URLSearchParams({ chat: conversationId })}`;
}

export function rememberConversation(id: string | null) {
  try {
    if (id) sessionStorage.setItem(CONVERSATION_KEY, id);
    else sessionStorage.removeItem(CONVERSATION_KEY);
  } catch {
    // Storage may be disabled; the conversation then lasts as long as the page.
  }
}

export function rememberedConversation(): string | null {
  try {
    return sessionStorage.getItem(CONVERSATION_KEY);
  } catch {
    return null;
  }
}
