// The checklist editor's forms: the template itself, one form per step (and one to add a step),
// and manual assignment. Each validates in the browser with the schema the server applies.
import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormErrors, MetaInput, MetaTextArea } from "~/components/ui/Field";
import { COMPLETION_KINDS, KNOWN_EVENT_TYPES, STEP_SCOPES } from "~/models/onboarding-rules";
import { PLANS, SEGMENTS } from "~/models/segment";
import { stepSchema, templateSchema } from "./schemas";

type Meta = FieldMetadata<string | undefined>;

function Select({
  label,
  meta,
  options,
}: {
  label: string;
  meta: Meta;
  options: { value: string; label: string }[];
}) {
  const props = getSelectProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...props} key={props.key}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function Checkboxes({
  legend,
  meta,
  options,
}: {
  legend: string;
  meta: FieldMetadata<string[] | undefined>;
  options: { value: string; label: string }[];
}) {
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className="field ob-choices" aria-describedby={meta.errorId}>
      <legend>{legend}</legend>
      <div className="ob-options">
        {getCollectionProps(meta, {
          type: "checkbox",
          options: options.map((o) => o.value),
        }).map(({ key, ...props }) => (
          <label key={key} className="ob-option">
            <input {...props} />
            <span>{labels.get(props.value)}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export type TemplateDefaults = {
  titleEn: string;
  titleJa: string;
  descriptionEn: string;
  descriptionJa: string;
  successGoalEn: string;
  successGoalJa: string;
  successGoalDays: number | null;
  audienceSegments: string[];
  audiencePlans: string[];
};

export function TemplateForm({
  defaults,
  lastResult,
  disabled,
}: {
  defaults: TemplateDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "checklist-template",
    lastResult,
    defaultValue: {
      ...defaults,
      successGoalDays: defaults.successGoalDays?.toString() ?? "",
      segments: defaults.audienceSegments,
      plans: defaults.audiencePlans,
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: templateSchema(t) }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="ob-form">
      <input type="hidden" name="intent" value="saveTemplate" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="ob-languages">
        <fieldset lang="en">
          <legend>{t("onboarding.admin.english")}</legend>
          <MetaInput label={t("onboarding.admin.titleLabel")} meta={fields.titleEn} />
          <MetaTextArea label={t("onboarding.admin.description")} meta={fields.descriptionEn} />
          <MetaInput
            label={t("onboarding.admin.successGoal")}
            meta={fields.successGoalEn}
            hint={t("onboarding.admin.successGoalHint")}
          />
        </fieldset>
        <fieldset lang="ja">
          <legend>{t("onboarding.admin.japanese")}</legend>
          <MetaInput label={t("onboarding.admin.titleLabel")} meta={fields.titleJa} />
          <MetaTextArea label={t("onboarding.admin.description")} meta={fields.descriptionJa} />
          <MetaInput
            label={t("onboarding.admin.successGoal")}
            meta={fields.successGoalJa}
            hint={t("onboarding.admin.successGoalHint")}
          />
        </fieldset>
      </div>
      <MetaInput
        label={t("onboarding.admin.successGoalDays")}
        meta={fields.successGoalDays}
        type="number"
      />
      <h3>{t("onboarding.admin.audience")}</h3>
      <p className="field-hint">{t("onboarding.admin.audienceHint")}</p>
      <div className="ob-audience">
        <Checkboxes
          legend={t("onboarding.admin.segments")}
          meta={fields.segments}
          options={SEGMENTS.map((s) => ({ value: s, label: t(`segments.${s}`) }))}
        />
        <Checkboxes
          legend={t("onboarding.admin.plans")}
          meta={fields.plans}
          options={PLANS.map((p) => ({ value: p, label: t(`announcements.planNames.${p}`) }))}
        />
      </div>
      <button type="submit" className="button" disabled={disabled}>
        {t("onboarding.admin.save")}
      </button>
    </Form>
  );
}

export type StepDefaults = {
  id: string;
  titleEn: string;
  titleJa: string;
  bodyEn: string;
  bodyJa: string;
  articleKey: string | null;
  dueDays: number | null;
  scope: string;
  completion: string;
  eventType: string | null;
  propertyMatch: string;
  eventCount: number;
  requires: string[];
};

export function StepForm({
  step,
  number,
  otherSteps,
  articles,
  lastResult,
  disabled,
}: {
  step: StepDefaults | null;
  number: number;
  otherSteps: { id: string; label: string }[];
  articles: { key: string; title: string }[];
  lastResult?: SubmissionResult<string[]> | null;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: step ? `step-${step.id}` : "step-new",
    lastResult,
    defaultValue: step
      ? {
          ...step,
          articleKey: step.articleKey ?? "",
          dueDays: step.dueDays?.toString() ?? "",
          eventType: step.eventType ?? "",
          eventCount: step.eventCount.toString(),
        }
      : { scope: "user", completion: "manual", eventCount: "1" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: stepSchema(t) }),
  });
  const completion = fields.completion.value ?? step?.completion ?? "manual";
  return (
    <Form method="post" {...getFormProps(form)} className="ob-form ob-step-form">
      <input type="hidden" name="intent" value="saveStep" />
      {step ? <input type="hidden" name="stepId" value={step.id} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="ob-languages">
        <fieldset lang="en">
          <legend>{t("onboarding.admin.english")}</legend>
          <MetaInput label={t("onboarding.admin.titleLabel")} meta={fields.titleEn} />
          <MetaTextArea label={t("onboarding.admin.body")} meta={fields.bodyEn} />
        </fieldset>
        <fieldset lang="ja">
          <legend>{t("onboarding.admin.japanese")}</legend>
          <MetaInput label={t("onboarding.admin.titleLabel")} meta={fields.titleJa} />
          <MetaTextArea label={t("onboarding.admin.body")} meta={fields.bodyJa} />
        </fieldset>
      </div>
      <div className="ob-grid">
        <Select
          label={t("onboarding.admin.article")}
          meta={fields.articleKey}
          options={[
            { value: "", label: t("onboarding.admin.noArticle") },
            ...articles.map((a) => ({ value: a.key, label: a.title })),
          ]}
        />
        <MetaInput
          label={t("onboarding.admin.dueDays")}
          meta={fields.dueDays}
          type="number"
          hint={t("onboarding.admin.dueDaysHint")}
        />
        <Select
          label={t("onboarding.admin.scope")}
          meta={fields.scope}
          options={STEP_SCOPES.map((s) => ({ value: s, label: t(`onboarding.scopes.${s}`) }))}
        />
        <Select
          label={t("onboarding.admin.completion")}
          meta={fields.completion}
          options={COMPLETION_KINDS.map((c) => ({
            value: c,
            label: t(`onboarding.admin.completions.${c}`),
          }))}
        />
      </div>
      {completion === "event" ? (
        <div className="ob-grid">
          <div className="field">
            <label htmlFor={fields.eventType.id}>{t("onboarding.admin.eventType")}</label>
            <input
              {...getInputProps(fields.eventType, { type: "text" })}
              key={fields.eventType.key}
              list={`${fields.eventType.id}-types`}
              placeholder={t("onboarding.admin.chooseEvent")}
            />
            <datalist id={`${fields.eventType.id}-types`}>
              {KNOWN_EVENT_TYPES.filter((type) => !type.startsWith("portal.onboarding_")).map(
                (type) => (
                  <option key={type} value={type} />
                ),
              )}
            </datalist>
            <FieldErrors id={fields.eventType.errorId} errors={fields.eventType.errors} />
          </div>
          <MetaInput
            label={t("onboarding.admin.eventCount")}
            meta={fields.eventCount}
            type="number"
            hint={t("onboarding.admin.eventCountHint")}
          />
          <MetaTextArea
            label={t("onboarding.admin.propertyMatch")}
            meta={fields.propertyMatch}
            hint={t("onboarding.admin.propertyMatchHint")}
          />
        </div>
      ) : null}
      {otherSteps.length ? (
        <Checkboxes
          legend={t("onboarding.admin.requires")}
          meta={fields.requires}
          options={otherSteps.map((s) => ({ value: s.id, label: s.label }))}
        />
      ) : null}
      <button type="submit" className="button" disabled={disabled}>
        {step ? t("onboarding.admin.saveStep") : t("onboarding.admin.addStep")}
        {step ? <span className="visually-hidden"> {number}</span> : null}
      </button>
    </Form>
  );
}

export function AssignForm({
  lastResult,
  disabled,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ account: string }>({ id: "checklist-assign", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="ob-form ob-assign">
      <input type="hidden" name="intent" value="assign" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <MetaInput
        label={t("onboarding.admin.accountRef")}
        meta={fields.account}
        hint={t("onboarding.admin.assignHint")}
      />
      <button type="submit" className="button" disabled={disabled}>
        {t("onboarding.admin.assignSubmit")}
      </button>
    </Form>
  );
}
