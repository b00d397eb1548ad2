// The answer bot's conversation shapes, shared by the server (chat.server.ts) and the browser.
import { z } from "zod";

export const CHAT_STATUSES = ["open", "resolved", "escalated", "abandoned"] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

const sourceSchema = z.object({
  id: z.string(),
  url: z.string(),
  type: z.enum(["article", "topic"]),
  title: z.string(),
  heading: z.string().nullable(),
  confidence: z.number(),
});
export type ChatSource = z.infer<typeof sourceSchema>;

/** Stored sources, read defensively: a row that does not parse shows no links rather than failing. */
export function parseSources(raw: string): ChatSource[] {
  try {
    const parsed = z.array(sourceSchema).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export type ChatMessageView = {
  id: string;
  role: "user" | "bot";
  text: string;
  locale: string;
  kind: string | null;
  confidence: number | null;
  /** Bot answers: the quoted passage first, then the other candidates. */
  sources: ChatSource[];
  /** User questions read as a follow-up of the previous one. */
  followUp: boolean;
  createdAt: string;
};

export type ChatConversationView = {
  id: string;
  status: ChatStatus;
  escalatedTo: string | null;
  locale: string;
  messages: ChatMessageView[];
};
