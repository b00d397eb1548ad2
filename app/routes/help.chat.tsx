// /help/chat: the answer bot on a page of its own. With JavaScript the conversation talks to
// /api/chat like the widget; without it, its forms post here and the page reloads with the
// answer (post, redirect, get).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { askAnswerBot, closeConversation } from "~/commands/chat.server";
import { ChatConversation } from "~/components/chat/ChatConversation";
import { chatErrorOf, readChatBody, requireChatViewer } from "~/components/chat/chat-http.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { findConversation } from "~/models/chat.server";
import { requireUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp, forbidden } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Answer bot · Acme Cloud Support" }];

const ID_MAX = 64;

async function viewerOf(request: Request) {
  const user = await requireUser(request);
  try {
    return { user, viewer: await requireChatViewer(user) };
  } catch {
    throw forbidden();
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await viewerOf(request);
  const id = new URL(request.url).searchParams.get("c")?.slice(0, ID_MAX) ?? "";
  // An unknown or someone else's id shows a new conversation rather than an error page.
  const conversation = id ? await findConversation(viewer, id) : null;
  return { conversation };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, viewer } = await viewerOf(request);
  const { t, locale } = await getRequestT(request, user);
  try {
    const body = await readChatBody(request);
    if (body.intent === "ask") {
      const result = await askAnswerBot({
        viewer,
        conversationId: body.conversationId || null,
        text: body.message,
        ip: clientIp(context),
        locale,
      });
      return redirect(`/help/chat?c=${encodeURIComponent(result.conversationId)}`);
    }
    await closeConversation({
      viewer,
      conversationId: body.conversationId,
      outcome: body.intent === "resolve" ? "resolved" : "escalated",
    });
    return redirect(`/help/chat?c=${encodeURIComponent(body.conversationId)}`);
  } catch (error) {
    const e = chatErrorOf(error, t);
    return data({ error: e.message }, { status: e.status, headers: e.headers });
  }
}

export default function HelpChat() {
  const { t } = useTranslation();
  const { conversation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack chat-page">
      <h1>{t("answerBot.title")}</h1>
      <p className="muted">{t("answerBot.intro")}</p>
      {actionData?.error ? (
        <p className="chat-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <section className="card" aria-label={t("answerBot.pageTitle")}>
        <ChatConversation
          key={conversation?.id ?? "new"}
          initial={conversation}
          idPrefix="answer-bot-page"
          restore={!conversation}
        />
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
