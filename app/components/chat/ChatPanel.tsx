// The widget's panel (its own chunk, see ChatLauncher): a labelled region with the conversation.
// Esc closes it and focus returns to the button; it is not modal, so the page stays usable.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CHAT_PAGE } from "./chat-client";
import { ChatConversation } from "./ChatConversation";

export default function ChatPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        onClose();
      }
    };
    panel.addEventListener("keydown", onKey);
    return () => panel.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <section
      id="answer-bot-panel"
      ref={ref}
      className="chat-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="answer-bot-title"
    >
      <header className="chat-panel-header">
        <h2 id="answer-bot-title">{t("answerBot.panelLabel")}</h2>
        <a href={CHAT_PAGE}>{t("answerBot.fullPage")}</a>
        <button
          type="button"
          className="chat-close"
          onClick={onClose}
          aria-label={t("answerBot.close")}
        >
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <ChatConversation idPrefix="answer-bot-widget" autoFocus />
    </section>
  );
}
