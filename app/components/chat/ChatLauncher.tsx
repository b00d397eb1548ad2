// The answer bot's button on every customer page. Only this small button is in the page's own
// bundle: the panel (ChatPanel) is a separate chunk, fetched once the browser is idle after the
// page became interactive, or at the first click, so pages do not get slower.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const loadPanel = () => import("./ChatPanel");
const ChatPanel = lazy(loadPanel);
/** How long to wait for an idle moment before fetching the panel anyway. */
const PREFETCH_TIMEOUT_MS = 5_000;

export function ChatLauncher() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const prefetch = () => void loadPanel();
    if ("requestIdleCallback" in window) {
      const id = window.requestIdleCallback(prefetch, { timeout: PREFETCH_TIMEOUT_MS });
      return () => window.cancelIdleCallback(id);
    }
    const id = setTimeout(prefetch, PREFETCH_TIMEOUT_MS);
    return () => clearTimeout(id);
  }, []);

  const close = useCallback(() => {
    setOpen(false);
    // Focus goes back where it came from.
    requestAnimationFrame(() => buttonRef.current?.focus());
  }, []);

  return (
    <div className="chat-launcher">
      {open ? (
        <Suspense
          fallback={
            <div className="chat-panel chat-panel-loading" role="status">
              {t("answerBot.sending")}
            </div>
          }
        >
          <ChatPanel onClose={close} />
        </Suspense>
      ) : null}
      <button
        ref={buttonRef}
        type="button"
        className="chat-launcher-button"
        aria-expanded={open}
        aria-controls={open ? "answer-bot-panel" : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none">
          <path
            d="M4 5h16v11H9l-5 4V5z"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </svg>
        {open ? t("answerBot.close") : t("answerBot.open")}
      </button>
    </div>
  );
}
