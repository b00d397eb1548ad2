// The article editor: metadata fields, the Markdown body with a live preview beside it (below it
// on narrow screens), audience and scheduled publication. Used by /admin/content/new and /:id.
import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors, FormErrors } from "~/components/ui/Field";
import {
  articleSchema,
  EDITOR_AUDIENCES,
  EDITOR_LOCALES,
  EDITOR_PLANS,
  EDITOR_SEGMENTS,
  EDITOR_TYPES,
} from "./article-schema";
import { ConformForm } from "~/components/ui/ConformForm";

/** Wait this long after the last keystroke before asking the server for a preview. */
export const PREVIEW_DEBOUNCE_MS = 400;
export const PREVIEW_PATH = "/admin/content/preview";

export type ArticleFormDefaults = {
  title: string;
  slug: string;
  locale: string;
  translationKey: string;
  type: string;
  categoryId: string;
  tags: string;
  summary: string;
  body: string;
  audience: string;
  audiencePlans: string[];
  audienceSegments: string[];
  publishAt: string;
};

type Category = { id: string; nameEn: string; nameJa: string };

function useLivePreview(initialHtml: string) {
  const [html, setHtml] = useState(initialHtml);
  const [failed, setFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const inFlight = useRef<AbortController>();

  const schedule = useCallback((body: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      const form = new FormData();
      form.set("body", body);
      fetch(PREVIEW_PATH, { method: "POST", body: form, signal: controller.signal })
        .then(async (res) => {
          if (!res.ok) throw new Error(`preview ${res.status}`);
          const json = (await res.json()) as { html: string };
          setHtml(json.html);
          setFailed(false);
        })
        .catch(() => {
          if (!controller.signal.aborted) setFailed(true);
        });
    }, PREVIEW_DEBOUNCE_MS);
  }, []);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );
  return { html, failed, schedule };
}

export function ArticleForm({
  formId,
  defaults,
  categories,
  markdownMax,
  lastResult,
  baseRevision,
  initialPreviewHtml,
  submitLabel,
}: {
  formId: string;
  defaults: ArticleFormDefaults;
  categories: Category[];
  markdownMax: number;
  lastResult?: SubmissionResult<string[]> | null;
  /** The revision the form was loaded from; absent for a new article. */
  baseRevision?: number;
  initialPreviewHtml: string;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: articleSchema(t, markdownMax) }),
  });
  const preview = useLivePreview(initialPreviewHtml);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [audience, setAudience] = useState(defaults.audience);

  // After a refused save the textarea holds the typed text, not the saved one: preview that.
  const { schedule } = preview;
  useEffect(() => {
    const body = bodyRef.current?.value;
    if (body !== undefined && body !== defaults.body) schedule(body);
  }, [lastResult, defaults.body, schedule]);

  const categoryName = (c: Category) => (i18n.language === "ja" ? c.nameJa : c.nameEn);
  const bodyProps = getTextareaProps(fields.body, {
    ariaDescribedBy: `${fields.body.id}-hint`,
  });
  const submitting =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "save";

  return (
    <ConformForm form={form} className="article-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      {baseRevision !== undefined ? (
        <input type="hidden" name="baseRevision" value={baseRevision} />
      ) : null}

      <div className="article-form-meta">
        <Field label={t("contentAdmin.fields.title")} meta={fields.title} />
        <Field
          label={t("contentAdmin.fields.slug")}
          hint={t("contentAdmin.fields.slugHint")}
          meta={fields.slug}
          autoComplete="off"
        />
        <div className="field">
          <label htmlFor={fields.locale.id}>{t("contentAdmin.fields.locale")}</label>
          <select {...getSelectProps(fields.locale)} key={fields.locale.key}>
            {EDITOR_LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`contentAdmin.locales.${l}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.locale.errorId} errors={fields.locale.errors} />
        </div>
        <Field
          label={t("contentAdmin.fields.translationKey")}
          hint={t("contentAdmin.fields.translationKeyHint")}
          meta={fields.translationKey}
          autoComplete="off"
        />
        <div className="field">
          <label htmlFor={fields.type.id}>{t("contentAdmin.fields.type")}</label>
          <select {...getSelectProps(fields.type)} key={fields.type.key}>
            {EDITOR_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`contentAdmin.types.${ty}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.type.errorId} errors={fields.type.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.categoryId.id}>{t("contentAdmin.fields.category")}</label>
          <select {...getSelectProps(fields.categoryId)} key={fields.categoryId.key}>
            <option value="">{t("contentAdmin.fields.chooseCategory")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryName(c)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.categoryId.errorId} errors={fields.categoryId.errors} />
        </div>
        <Field
          label={t("contentAdmin.fields.tags")}
          hint={t("contentAdmin.fields.tagsHint")}
          meta={fields.tags}
          autoComplete="off"
        />
      </div>

      <div className="field">
        <label htmlFor={fields.summary.id}>{t("contentAdmin.fields.summary")}</label>
        <p className="field-hint" id={`${fields.summary.id}-hint`}>
          {t("contentAdmin.fields.summaryHint")}
        </p>
        <textarea
          {...getTextareaProps(fields.summary, { ariaDescribedBy: `${fields.summary.id}-hint` })}
          key={fields.summary.key}
          rows={2}
        />
        <FieldErrors id={fields.summary.errorId} errors={fields.summary.errors} />
      </div>

      <div className="editor-split">
        <div className="field editor-body">
          <label htmlFor={fields.body.id}>{t("contentAdmin.fields.body")}</label>
          <p className="field-hint" id={`${fields.body.id}-hint`}>
            {t("contentAdmin.fields.bodyHint")}
          </p>
          <textarea
            {...bodyProps}
            key={bodyProps.key}
            ref={bodyRef}
            rows={24}
            spellCheck={false}
            onChange={(e) => preview.schedule(e.currentTarget.value)}
          />
          <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
        </div>
        <section
          className="editor-preview"
          aria-labelledby={`${formId}-preview`}
          aria-live="polite"
        >
          <h3 id={`${formId}-preview`}>
            {t("contentAdmin.preview")}{" "}
            <small className="muted">{t("contentAdmin.previewHint")}</small>
          </h3>
          {preview.failed ? (
            <p className="alert alert-error">{t("contentAdmin.previewFailed")}</p>
          ) : null}
          {preview.html ? (
            <div
              className="article-body preview-body"
              // Rendered by renderMarkdown on the server: sanitized with the allow-list.
              dangerouslySetInnerHTML={{ __html: preview.html }}
            />
          ) : (
            <p className="muted">{t("contentAdmin.previewEmpty")}</p>
          )}
        </section>
      </div>

      <fieldset className="audience-fieldset">
        <legend>{t("contentAdmin.fields.audience")}</legend>
        {getCollectionProps(fields.audience, {
          type: "radio",
          options: [...EDITOR_AUDIENCES],
        }).map((props) => (
          <label key={props.key} className="choice">
            <input
              {...props}
              key={props.key}
              onChange={(e) => setAudience(e.currentTarget.value)}
            />{" "}
            {t(
              `contentAdmin.fields.audience${props.value.charAt(0).toUpperCase()}${props.value.slice(1)}`,
            )}
          </label>
        ))}
        <FieldErrors id={fields.audience.errorId} errors={fields.audience.errors} />
        <div className={`audience-choices${audience === "restricted" ? "" : " audience-inactive"}`}>
          <fieldset>
            <legend>{t("contentAdmin.fields.plans")}</legend>
            {getCollectionProps(fields.audiencePlans, {
              type: "checkbox",
              options: [...EDITOR_PLANS],
            }).map((props) => (
              <label key={props.key} className="choice">
                <input {...props} key={props.key} /> {t(`contentAdmin.plans.${props.value}`)}
              </label>
            ))}
            <FieldErrors id={fields.audiencePlans.errorId} errors={fields.audiencePlans.errors} />
          </fieldset>
          <fieldset>
            <legend>{t("contentAdmin.fields.segments")}</legend>
            {getCollectionProps(fields.audienceSegments, {
              type: "checkbox",
              options: [...EDITOR_SEGMENTS],
            }).map((props) => (
              <label key={props.key} className="choice">
                <input {...props} key={props.key} /> {t(`contentAdmin.segments.${props.value}`)}
              </label>
            ))}
            <FieldErrors
              id={fields.audienceSegments.errorId}
              errors={fields.audienceSegments.errors}
            />
          </fieldset>
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor={fields.publishAt.id}>{t("contentAdmin.fields.publishAt")}</label>
        <p className="field-hint" id={`${fields.publishAt.id}-hint`}>
          {t("contentAdmin.fields.publishAtHint")}
        </p>
        <input
          {...getInputProps(fields.publishAt, {
            type: "datetime-local",
            ariaDescribedBy: `${fields.publishAt.id}-hint`,
          })}
          key={fields.publishAt.key}
        />
        <FieldErrors id={fields.publishAt.errorId} errors={fields.publishAt.errors} />
      </div>

      <button type="submit" className="button" disabled={submitting}>
        {submitting ? t("contentAdmin.saving") : submitLabel}
      </button>
    </ConformForm>
  );
}
