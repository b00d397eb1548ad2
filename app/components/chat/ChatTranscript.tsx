// A conversation with the answer bot, read-only: shown on the support form it is attached to and
// to CS in insights. Plain text, rendered escaped by React.
import { useTranslation } from "react-i18next";
import type { ChatMessageView } from "~/models/chat-types";

export function ChatTranscript({
  messages,
  open = false,
  title,
}: {
  messages: ChatMessageView[];
  open?: boolean;
  title?: string;
}) {
  const { t } = useTranslation();
  return (
    <details className="chat-attached" open={open}>
      <summary>
        {title ?? t("answerBot.support.attached")} (
        {messages.filter((m) => m.role === "user").length})
      </summary>
      <ol className="chat-transcript">
        {messages.map((m) => (
          <li key={m.id} lang={m.locale}>
            <span className="chat-who">
              {m.role === "user" ? t("answerBot.you") : t("answerBot.bot")}:
            </span>
            {m.text}
            {m.role === "bot" && m.sources[0] && m.kind === "answer" ? (
              <>
                {" "}
                (<a href={m.sources[0].url}>{m.sources[0].title}</a>)
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
