// The answer bot's API, used by the chat widget (fetch, so that the page's own loaders are not
// re-run after every message):
//   GET  /api/chat?c=<id>                        → { conversation } (the customer's own only)
//   POST /api/chat {intent:"ask", message, conversationId?} → { conversationId, messages }
//   POST /api/chat {intent:"resolve"|"escalate", conversationId} → { status }
// Errors: { error, message } with 400/401/403/404/409/429 (Retry-After on 429).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { askAnswerBot, closeConversation } from "~/commands/chat.server";
import {
  chatErrorOf,
  ChatHttpError,
  readChatBody,
  requireChatViewer,
} from "~/components/chat/chat-http.server";
import { findConversation } from "~/models/chat.server";
import { getUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

async function respond(request: Request, work: () => Promise<unknown>) {
  const user = await getUser(request);
  const { t } = await getRequestT(request, user);
  try {
    return Response.json(await work(), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const e = chatErrorOf(error, t);
    return Response.json(
      { error: e.code, message: e.message },
      { status: e.status, headers: { ...e.headers, "Cache-Control": "no-store" } },
    );
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  return respond(request, async () => {
    const viewer = await requireChatViewer(await getUser(request));
    const id = new URL(request.url).searchParams.get("c")?.slice(0, 64) ?? "";
    const conversation = id ? await findConversation(viewer, id) : null;
    if (!conversation) throw new ChatHttpError(404, "notFound");
    return { conversation };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    return Response.json(
      { error: "methodNotAllowed" },
      { status: 405, headers: { Allow: "POST" } },
    );
  }
  return respond(request, async () => {
    const user = await getUser(request);
    const viewer = await requireChatViewer(user);
    const { locale } = await getRequestT(request, user);
    const body = await readChatBody(request);
    if (body.intent === "ask") {
      return askAnswerBot({
        viewer,
        conversationId: body.conversationId || null,
        text: body.message,
        ip: clientIp(context),
        locale,
      });
    }
    await closeConversation({
      viewer,
      conversationId: body.conversationId,
      outcome: body.intent === "resolve" ? "resolved" : "escalated",
    });
    return { status: body.intent === "resolve" ? "resolved" : "escalated" };
  });
}
