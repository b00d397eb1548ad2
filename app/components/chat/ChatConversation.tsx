// One conversation with the answer bot: the log of messages (a polite live region, so screen
// readers hear each answer), the question form, and "Did this solve it?". Used by the widget and
// by /help/chat. Every text is rendered by React, escaped: nothing a customer or an article
// says becomes markup. Without JavaScript the forms post to /help/chat, which answers the same.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChatConversationView, ChatMessageView } from "~/models/chat-types";
import {
  askBot,
  CHAT_PAGE,
  ChatRequestError,
  closeChat,
  communityLink,
  loadConversation,
  MESSAGE_MAX_CHARS,
  rememberConversation,
  rememberedConversation,
  supportLink,
} from "./chat-client";

/** Show the character count once the message is this close to the limit. */
const COUNT_FROM = MESSAGE_MAX_CHARS - 300;

type Status = ChatConversationView["status"];

export function ChatConversation({
  initial,
  idPrefix,
  autoFocus = false,
  restore = true,
}: {
  /** The conversation the page loaded, if any (the full page). */
  initial?: ChatConversationView | null;
  /** Keeps ids unique when the widget and the page are both on screen. */
  idPrefix: string;
  autoFocus?: boolean;
  /** Reload the conversation remembered for this tab (the widget). */
  restore?: boolean;
}) {
  const { t } = useTranslation();
  const [conversationId, setConversationId] = useState<string | null>(initial?.id ?? null);
  const [messages, setMessages] = useState<ChatMessageView[]>(initial?.messages ?? []);
  const [status, setStatus] = useState<Status>(initial?.status ?? "open");
  const [text, setText] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLLIElement>(null);
  /** After "yes"/"no" the buttons go away: focus moves to what replaced them. */
  const [focusOutcome, setFocusOutcome] = useState(false);

  useEffect(() => {
    if (!focusOutcome) return;
    outcomeRef.current?.focus();
    setFocusOutcome(false);
  }, [focusOutcome]);

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);

  // The widget picks up the conversation of this tab after a page change.
  useEffect(() => {
    if (!restore || initial) return;
    const id = rememberedConversation();
    if (!id) return;
    let cancelled = false;
    loadConversation(id)
      .then(({ conversation }) => {
        if (cancelled) return;
        setConversationId(conversation.id);
        setMessages(conversation.messages);
        setStatus(conversation.status);
      })
      .catch(() => rememberConversation(null));
    return () => {
      cancelled = true;
    };
  }, [restore, initial]);

  useEffect(() => {
    if (conversationId) rememberConversation(conversationId);
  }, [conversationId]);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages, status]);

  function failure(e: unknown) {
    setError(
      e instanceof ChatRequestError && e.failure.message
        ? e.failure.message
        : t("answerBot.sendFailed"),
    );
  }

  async function send(message: string) {
    setPending(true);
    setError(null);
    try {
      // A conversation that has ended starts a new one.
      const current = status === "open" ? conversationId : null;
      const result = await askBot(message, current).catch((e: unknown) => {
        if (
          e instanceof ChatRequestError &&
          (e.failure.error === "closed" || e.failure.error === "notFound")
        ) {
          return askBot(message, null);
        }
        throw e;
      });
      if (result.conversationId !== conversationId) {
        setConversationId(result.conversationId);
        setMessages(result.messages);
        setStatus("open");
      } else {
        setMessages((old) => [...old, ...result.messages]);
      }
      setText("");
    } catch (e) {
      failure(e);
    } finally {
      setPending(false);
      inputRef.current?.focus();
    }
  }

  async function close(intent: "resolve" | "escalate") {
    if (!conversationId) return;
    setError(null);
    try {
      await closeChat(conversationId, intent);
      setStatus(intent === "resolve" ? "resolved" : "escalated");
      setFocusOutcome(true);
    } catch (e) {
      failure(e);
    }
  }

  function startOver() {
    setConversationId(null);
    setMessages([]);
    setStatus("open");
    setError(null);
    rememberConversation(null);
    inputRef.current?.focus();
  }

  const lastBot = [...messages].reverse().find((m) => m.role === "bot");
  const askFeedback = status === "open" && lastBot?.kind === "answer";
  const inputId = `${idPrefix}-input`;
  const hintId = `${idPrefix}-hint`;

  return (
    <div className="chat">
      <div
        className="chat-log"
        role="log"
        aria-live="polite"
        aria-label={t("answerBot.log")}
        ref={logRef}
      >
        <ol className="chat-messages">
          <li className="chat-message chat-bot">
            <p>{t("answerBot.welcome")}</p>
          </li>
          {messages.map((m) => (
            <Message key={m.id} message={m} />
          ))}
          {pending ? (
            <li className="chat-message chat-bot chat-pending">
              <p>{t("answerBot.sending")}</p>
            </li>
          ) : null}
          {status === "resolved" ? (
            <li className="chat-message chat-bot chat-outcome" tabIndex={-1} ref={outcomeRef}>
              <p>{t("answerBot.solvedThanks")}</p>
            </li>
          ) : null}
          {status === "escalated" && conversationId ? (
            <li className="chat-message chat-bot chat-outcome" tabIndex={-1} ref={outcomeRef}>
              <p>{t("answerBot.notSolved")}</p>
              <Escalation conversationId={conversationId} messages={messages} />
            </li>
          ) : null}
        </ol>
      </div>

      {askFeedback && conversationId ? (
        <form
          className="chat-feedback"
          method="post"
          action={CHAT_PAGE}
          onSubmit={(event) => {
            event.preventDefault();
            const submitter = (event.nativeEvent as SubmitEvent)
              .submitter as HTMLButtonElement | null;
            void close(submitter?.value === "resolve" ? "resolve" : "escalate");
          }}
        >
          <input type="hidden" name="conversationId" value={conversationId} />
          <span id={`${idPrefix}-solved`}>{t("answerBot.solvedQuestion")}</span>
          <button
            type="submit"
            name="intent"
            value="resolve"
            className="button button-small"
            aria-describedby={`${idPrefix}-solved`}
          >
            {t("answerBot.yes")}
          </button>
          <button
            type="submit"
            name="intent"
            value="escalate"
            className="button button-small button-secondary"
            aria-describedby={`${idPrefix}-solved`}
          >
            {t("answerBot.no")}
          </button>
        </form>
      ) : null}
      {lastBot?.kind === "unknown" && status === "open" && conversationId ? (
        <div className="chat-unknown">
          <p>{t("answerBot.unknownHint")}</p>
          <Escalation conversationId={conversationId} messages={messages} />
        </div>
      ) : null}

      {error ? (
        <p className="chat-error" role="alert">
          {error}
        </p>
      ) : null}

      <form
        className="chat-form"
        method="post"
        action={CHAT_PAGE}
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending && text.trim()) void send(text);
        }}
      >
        <input type="hidden" name="intent" value="ask" />
        {conversationId && status === "open" ? (
          <input type="hidden" name="conversationId" value={conversationId} />
        ) : null}
        <label htmlFor={inputId}>{t("answerBot.inputLabel")}</label>
        <div className="chat-input-row">
          <textarea
            id={inputId}
            ref={inputRef}
            name="message"
            rows={2}
            maxLength={MESSAGE_MAX_CHARS}
            value={text}
            placeholder={t("answerBot.placeholder")}
            aria-describedby={text.length >= COUNT_FROM ? hintId : undefined}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              // Enter sends, Shift+Enter breaks the line; an IME composing Japanese keeps Enter.
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                if (!pending && text.trim()) void send(text);
              }
            }}
          />
          <button type="submit" className="button" disabled={pending} aria-busy={pending}>
            {t("answerBot.send")}
          </button>
        </div>
        {text.length >= COUNT_FROM ? (
          <p id={hintId} className="field-hint">
            {t("answerBot.charCount", { count: text.length, max: MESSAGE_MAX_CHARS })}
          </p>
        ) : null}
      </form>
      {messages.length ? (
        <button type="button" className="chat-restart link-button" onClick={startOver}>
          {t("answerBot.newConversation")}
        </button>
      ) : null}
    </div>
  );
}

function Escalation({
  conversationId,
  messages,
}: {
  conversationId: string;
  messages: ChatMessageView[];
}) {
  const { t } = useTranslation();
  return (
    <ul className="chat-escalation">
      <li>
        <a href={communityLink(messages, t("answerBot.community.bodyIntro"))}>
          {t("answerBot.askCommunity")}
        </a>
      </li>
      <li>
        <a href={supportLink(conversationId)}>{t("answerBot.contactSupport")}</a>
      </li>
    </ul>
  );
}

function sourceLabel(source: { title: string; heading: string | null }) {
  return source.heading ? `${source.title} › ${source.heading}` : source.title;
}

function Message({ message }: { message: ChatMessageView }) {
  const { t } = useTranslation();
  if (message.role === "user") {
    return (
      <li className="chat-message chat-user" lang={message.locale}>
        <span className="visually-hidden">{t("answerBot.you")}: </span>
        <p>{message.text}</p>
        {message.followUp ? <p className="chat-note">{t("answerBot.followUpOf")}</p> : null}
      </li>
    );
  }
  const [top, ...others] = message.sources;
  const answered = message.kind === "answer" && top;
  return (
    <li className="chat-message chat-bot" lang={message.locale}>
      <span className="visually-hidden">{t("answerBot.bot")}: </span>
      {answered ? (
        <>
          <p className="chat-intro">
            {top.type === "topic" ? t("answerBot.reply.introTopic") : t("answerBot.reply.intro")}
          </p>
          <blockquote className="chat-quote">
            <p>{message.text}</p>
          </blockquote>
          <p className="chat-source">
            {t("answerBot.from")}: <a href={top.url}>{sourceLabel(top)}</a>
            {message.confidence !== null ? (
              <span className="chat-confidence">
                {t("answerBot.confidence", { percent: Math.round(message.confidence * 100) })}
              </span>
            ) : null}
          </p>
        </>
      ) : (
        <p>{message.text}</p>
      )}
      {others.length || (!answered && top) ? (
        <div className="chat-others">
          <p>{t("answerBot.others")}</p>
          <ul>
            {(answered ? others : message.sources).map((s) => (
              <li key={s.id}>
                <a href={s.url}>{sourceLabel(s)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
