// Small forms that post to the moderation console's action (MODERATION_ACTION) through a
// fetcher, so a moderator stays where they are (queue or topic page) and the page reloads its
// data; each form shows its own result. Without JavaScript they land on the console instead.
import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FORUM_LIMITS } from "~/models/forum-policy";
import { MODERATION_LIMITS } from "~/models/moderation-policy";
import { MODERATION_ACTION, type ModerationIntent } from "./moderation-schema";

export type ModerationActionData = {
  intent: string;
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string>;
};

/**
 * Queue items leave their tab once handled, taking their own result with them; their forms share
 * this fetcher key and the console shows the result in one live region (QueueResult).
 */
export const QUEUE_FETCHER_KEY = "moderation-queue";

/** The last result of a queue form, in a region that is always there, so it is announced. */
export function QueueResult() {
  const fetcher = useFetcher<ModerationActionData>({ key: QUEUE_FETCHER_KEY });
  const data = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <div role="status" className="moderation-live">
      {data ? (
        <p className={data.ok ? "alert alert-success" : "alert alert-error"}>{data.message}</p>
      ) : null}
    </div>
  );
}

export function ModerationResult({ data }: { data: ModerationActionData | undefined }) {
  if (!data) return null;
  return data.ok ? (
    <p className="alert alert-success" role="status">
      {data.message}
    </p>
  ) : (
    <p className="alert alert-error" role="alert">
      {data.message}
    </p>
  );
}

function HiddenFields({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function ReasonField({
  id,
  label,
  required = false,
  error,
}: {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="reason"
        type="text"
        maxLength={MODERATION_LIMITS.reasonMax}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field-errors">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Buttons for one item (post, topic or user) with an optional reason for the audit log. */
export function ModerationButtons({
  fields,
  actions,
  reason = true,
  label,
  inQueue = false,
}: {
  fields: Record<string, string>;
  actions: Array<{ intent: ModerationIntent; label: string; primary?: boolean }>;
  reason?: boolean;
  /** Names the form for assistive technology, e.g. "Post #3 in …". */
  label: string;
  /** In a console queue the result shows in the console's QueueResult, not here. */
  inQueue?: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ModerationActionData>(inQueue ? { key: QUEUE_FETCHER_KEY } : {});
  const id = useId();
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form
      method="post"
      action={MODERATION_ACTION}
      className="moderation-actions"
      aria-label={label}
      preventScrollReset
    >
      <HiddenFields fields={fields} />
      {reason ? (
        <ReasonField
          id={`${id}-reason`}
          label={t("moderation.fields.reasonOptional")}
          error={inQueue ? undefined : fetcher.data?.fieldErrors?.reason}
        />
      ) : null}
      <p className="moderation-buttons">
        {actions.map((a) => (
          <button
            key={a.intent}
            type="submit"
            name="intent"
            value={a.intent}
            className={a.primary ? "button button-small" : "button button-small button-secondary"}
            disabled={busy}
          >
            {a.label}
          </button>
        ))}
      </p>
      {inQueue ? null : <ModerationResult data={fetcher.data} />}
    </fetcher.Form>
  );
}

export function EditPostForm({
  postId,
  body,
  number,
}: {
  postId: string;
  body: string;
  number: number;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ModerationActionData>();
  const id = useId();
  const errors = fetcher.data?.fieldErrors ?? {};
  return (
    <details className="moderation-disclosure">
      <summary>{t("moderation.actions.edit")}</summary>
      <fetcher.Form method="post" action={MODERATION_ACTION} className="stack" preventScrollReset>
        <HiddenFields fields={{ intent: "edit", postId }} />
        <div className="field">
          <label htmlFor={`${id}-body`}>{t("moderation.fields.body")}</label>
          <textarea
            id={`${id}-body`}
            name="body"
            rows={6}
            defaultValue={body}
            required
            maxLength={FORUM_LIMITS.bodyMax}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={errors.body ? `${id}-body-error` : undefined}
          />
          {errors.body ? (
            <p id={`${id}-body-error`} className="field-errors">
              {errors.body}
            </p>
          ) : null}
        </div>
        <ReasonField
          id={`${id}-reason`}
          label={t("moderation.fields.reasonRequired")}
          required
          error={errors.reason}
        />
        <p>
          <button type="submit" className="button button-small" disabled={fetcher.state !== "idle"}>
            {t("moderation.actions.saveEdit")}
            <span className="visually-hidden"> #{number}</span>
          </button>
        </p>
        <ModerationResult data={fetcher.data} />
      </fetcher.Form>
    </details>
  );
}

/** today + 1 week as YYYY-MM-DD, a sensible first suspension. */
function defaultUntil(): string {
  const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
  return new Date(Date.now() + WEEK_MS).toISOString().slice(0, 10);
}

/** Suspends one user (by id) or, without one, whoever has the e-mail typed in. */
export function SuspendForm({
  userId,
  name,
  disclosure = true,
}: {
  userId?: string;
  name?: string;
  disclosure?: boolean;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ModerationActionData>();
  const id = useId();
  const errors = fetcher.data?.fieldErrors ?? {};
  const form = (
    <fetcher.Form method="post" action={MODERATION_ACTION} className="stack" preventScrollReset>
      <HiddenFields fields={{ intent: "suspend", ...(userId ? { userId } : {}) }} />
      {userId ? null : (
        <div className="field">
          <label htmlFor={`${id}-email`}>{t("moderation.fields.email")}</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="off"
            required
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? `${id}-email-error` : undefined}
          />
          {errors.email ? (
            <p id={`${id}-email-error`} className="field-errors">
              {errors.email}
            </p>
          ) : null}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-until`}>{t("moderation.fields.until")}</label>
        <p className="field-hint" id={`${id}-until-hint`}>
          {t("moderation.fields.untilHint")}
        </p>
        <input
          id={`${id}-until`}
          name="until"
          type="date"
          required
          defaultValue={defaultUntil()}
          aria-invalid={errors.until ? true : undefined}
          aria-describedby={`${id}-until-hint${errors.until ? ` ${id}-until-error` : ""}`}
        />
        {errors.until ? (
          <p id={`${id}-until-error`} className="field-errors">
            {errors.until}
          </p>
        ) : null}
      </div>
      <ReasonField
        id={`${id}-reason`}
        label={t("moderation.fields.suspendReason")}
        required
        error={errors.reason}
      />
      <p>
        <button type="submit" className="button button-small" disabled={fetcher.state !== "idle"}>
          {t("moderation.actions.suspendUser")}
          {name ? <span className="visually-hidden"> {name}</span> : null}
        </button>
      </p>
      <ModerationResult data={fetcher.data} />
    </fetcher.Form>
  );
  if (!disclosure) return form;
  return (
    <details className="moderation-disclosure">
      <summary>{t("moderation.actions.suspend")}</summary>
      {form}
    </details>
  );
}
