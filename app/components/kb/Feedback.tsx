import { getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConformForm } from "~/components/ui/ConformForm";
import { FieldErrors, FormErrors, Notice } from "~/components/ui/Field";
import { FEEDBACK_COMMENT_MAX_LENGTH, feedbackSchema } from "./feedback-schema";

/** "Was this helpful?" Yes/No; after a "No", an optional comment and the way to support. */
export function Feedback({
  current,
  signedIn,
  canRequestSupport,
  supportHref,
  loginHref,
  lastResult,
}: {
  current: { helpful: boolean; comment: string | null } | null;
  signedIn: boolean;
  canRequestSupport: boolean;
  supportHref: string;
  loginHref: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "kb-feedback-comment",
    lastResult,
    defaultValue: { comment: current?.comment ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: feedbackSchema(t) }),
  });
  const justVoted = lastResult?.status === "success";
  const commented = justVoted && !!current?.comment;

  return (
    <section className="kb-feedback" aria-labelledby="kb-feedback-title">
      <h2 id="kb-feedback-title">{t("kb.feedback.title")}</h2>
      {!signedIn ? (
        <p>
          <Link to={loginHref}>{t("kb.feedback.signIn")}</Link>
        </p>
      ) : (
        <>
          {justVoted ? (
            <Notice>{commented ? t("kb.feedback.commentSaved") : t("kb.feedback.thanks")}</Notice>
          ) : null}
          <Form method="post" preventScrollReset className="kb-vote">
            <input type="hidden" name="intent" value="vote" />
            <button
              type="submit"
              name="helpful"
              value="yes"
              className={current?.helpful === true ? "button" : "button button-secondary"}
              aria-pressed={current?.helpful === true}
            >
              {t("kb.feedback.yes")}
            </button>
            <button
              type="submit"
              name="helpful"
              value="no"
              className={current?.helpful === false ? "button" : "button button-secondary"}
              aria-pressed={current?.helpful === false}
            >
              {t("kb.feedback.no")}
            </button>
          </Form>
          {current ? (
            <p className="muted kb-feedback-current">
              {t("kb.feedback.yourAnswer", {
                answer: current.helpful ? t("kb.feedback.yes") : t("kb.feedback.no"),
              })}
            </p>
          ) : null}
          {current?.helpful === false ? (
            <ConformForm form={form} preventScrollReset className="kb-comment">
              <FormErrors id={form.errorId} errors={form.errors} />
              <input type="hidden" name="intent" value="vote" />
              <input type="hidden" name="helpful" value="no" />
              <div className="field">
                <label htmlFor={fields.comment.id}>{t("kb.feedback.whatWasMissing")}</label>
                <p className="field-hint" id={`${fields.comment.id}-hint`}>
                  {t("kb.feedback.commentHint", { max: FEEDBACK_COMMENT_MAX_LENGTH })}
                </p>
                <textarea
                  {...getTextareaProps(fields.comment, {
                    ariaDescribedBy: `${fields.comment.id}-hint`,
                  })}
                  key={fields.comment.key}
                  rows={4}
                />
                <FieldErrors id={fields.comment.errorId} errors={fields.comment.errors} />
              </div>
              <button type="submit" className="button button-secondary">
                {t("kb.feedback.sendComment")}
              </button>
            </ConformForm>
          ) : null}
          {current?.helpful === false && canRequestSupport ? (
            <p className="kb-still-need-help">
              <Link to={supportHref}>{t("kb.feedback.stillNeedHelp")}</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
