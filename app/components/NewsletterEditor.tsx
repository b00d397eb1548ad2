import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type EditorValues = {
  subject: string;
  body: string;
  audience: { segments: string[]; plans: string[]; stages: string[]; locales: string[] };
};
export type EditorErrors = Partial<
  Record<"subject" | "body" | "audience" | "scheduleAt" | "form", string>
>;

type Options = {
  segments: readonly string[];
  plans: readonly string[];
  stages: readonly string[];
  locales: readonly string[];
};

function optionLabel(
  t: (k: string, o?: Record<string, unknown>) => string,
  group: keyof Options,
  value: string,
) {
  if (group === "locales") return value === "ja" ? "日本語" : "English";
  return t(`${group}.${value}`, { defaultValue: value });
}

/** Compose, choose the audience, count, preview; test/send/schedule when the draft is saved. */
export function NewsletterEditor({
  values,
  errors,
  options,
  recipients,
  saved,
  busy,
}: {
  values: EditorValues;
  errors: EditorErrors;
  options: Options;
  recipients: number | null;
  saved: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const groups: (keyof Options)[] = ["segments", "plans", "stages", "locales"];
  const err = (name: keyof EditorErrors) =>
    errors[name] ? (
      <p className="field-errors" id={`newsletter-${name}-error`} role="alert">
        {errors[name]}
      </p>
    ) : null;
  const described = (name: keyof EditorErrors, hint?: string) =>
    [hint, errors[name] ? `newsletter-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form
      method="post"
      className="newsletter-editor"
      aria-describedby={errors.form ? "newsletter-form-error" : undefined}
    >
      {errors.form ? (
        <p className="alert alert-error" id="newsletter-form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="newsletter-subject">{t("notifications.newsletters.subject")}</label>
        <input
          id="newsletter-subject"
          name="subject"
          defaultValue={values.subject}
          maxLength={150}
          aria-invalid={errors.subject ? true : undefined}
          aria-describedby={described("subject")}
        />
        {err("subject")}
      </div>
      <div className="field">
        <label htmlFor="newsletter-body">{t("notifications.newsletters.body")}</label>
        <textarea
          id="newsletter-body"
          name="body"
          defaultValue={values.body}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={described("body", "newsletter-body-hint")}
        />
        <p className="field-hint" id="newsletter-body-hint">
          {t("notifications.newsletters.bodyHint")}
        </p>
        {err("body")}
      </div>
      <fieldset
        className="newsletter-audience"
        aria-describedby={described("audience", "newsletter-audience-hint")}
      >
        <legend>{t("notifications.newsletters.audience")}</legend>
        {groups.map((group) => (
          <fieldset key={group}>
            <legend>{t(`notifications.newsletters.${group}`)}</legend>
            {options[group].map((value) => (
              <label key={value}>
                <input
                  type="checkbox"
                  name={group}
                  value={value}
                  defaultChecked={values.audience[group].includes(value)}
                />
                {optionLabel(t, group, value)}
              </label>
            ))}
          </fieldset>
        ))}
        <p className="field-hint" id="newsletter-audience-hint">
          {t("notifications.newsletters.audienceHint")}
        </p>
        {err("audience")}
      </fieldset>
      <p aria-live="polite" className="recipient-count" data-testid="recipient-count">
        {recipients !== null
          ? t("notifications.newsletters.recipients", { count: recipients })
          : null}
      </p>
      <div className="newsletter-actions">
        <button type="submit" name="intent" value="save" className="button" disabled={busy}>
          {t("notifications.newsletters.save")}
        </button>
        <button
          type="submit"
          name="intent"
          value="preview"
          className="button button-secondary"
          disabled={busy}
        >
          {t("notifications.newsletters.preview")}
        </button>
        {saved ? (
          <>
            <button
              type="submit"
              name="intent"
              value="test"
              className="button button-secondary"
              disabled={busy}
            >
              {t("notifications.newsletters.sendTest")}
            </button>
            <button type="submit" name="intent" value="send" className="button" disabled={busy}>
              {t("notifications.newsletters.sendNow")}
            </button>
          </>
        ) : null}
      </div>
      {saved ? (
        <div className="newsletter-actions">
          <div className="field">
            <label htmlFor="newsletter-schedule">{t("notifications.newsletters.scheduleAt")}</label>
            <input
              id="newsletter-schedule"
              type="datetime-local"
              name="scheduleAt"
              aria-invalid={errors.scheduleAt ? true : undefined}
              aria-describedby={described("scheduleAt")}
            />
            {err("scheduleAt")}
          </div>
          <button
            type="submit"
            name="intent"
            value="schedule"
            className="button button-secondary"
            disabled={busy}
          >
            {t("notifications.newsletters.schedule")}
          </button>
        </div>
      ) : null}
    </Form>
  );
}
