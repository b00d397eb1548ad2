// Announcements on the home page, and the console's form. The form's rules live here because
// the browser (instant feedback) and the server (the rule that counts) share them.
import {
  getCollectionProps,
  getFormProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldErrors, FormErrors, MetaInput, MetaTextArea } from "~/components/ui/Field";
import { useFormatters } from "~/utils/format";
import { choiceField, requiredText } from "~/utils/validation";
import { PLANS } from "~/models/segment";

export const ANNOUNCEMENT_KINDS = ["release", "maintenance", "info"] as const;
/** The plans Acme Cloud sells, cheapest first (Account.plan holds one of them). */
export const ANNOUNCEMENT_PLANS = PLANS;
/** The coverage tiers (app/models/segment.ts), repeated so the browser bundle stays small. */
export const ANNOUNCEMENT_SEGMENTS = ["high_touch", "low_touch", "tech_touch"] as const;
export const PUBLISH_MODES = ["draft", "now", "scheduled"] as const;
export const ANNOUNCEMENT_TITLE_MAX_LENGTH = 120;
export const ANNOUNCEMENT_BODY_MAX_LENGTH = 2000;

/** What a datetime-local input sends; the console works in UTC like every time it shows. */
const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseUtcDateTime(value: string): Date | null {
  const match = DATETIME_LOCAL.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 31 February over into March; such a date was mistyped.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  return date;
}

export function toDateTimeLocal(date: Date | string | null | undefined): string | undefined {
  if (!date) return undefined;
  return new Date(date).toISOString().slice(0, 16);
}

function dateTimeField(t: TFunction) {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      const date = parseUtcDateTime(value);
      if (!date) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: t("announcements.invalidTime") });
        return z.NEVER;
      }
      return date;
    })
    .optional();
}

/** The announcement form. `now` is when "publish now" happens, for the expiry check. */
export function announcementSchema(t: TFunction, now: Date) {
  return z
    .object({
      kind: choiceField(t, ANNOUNCEMENT_KINDS),
      titleEn: requiredText(t, ANNOUNCEMENT_TITLE_MAX_LENGTH),
      titleJa: requiredText(t, ANNOUNCEMENT_TITLE_MAX_LENGTH),
      bodyEn: requiredText(t, ANNOUNCEMENT_BODY_MAX_LENGTH),
      bodyJa: requiredText(t, ANNOUNCEMENT_BODY_MAX_LENGTH),
      segments: z.array(choiceField(t, ANNOUNCEMENT_SEGMENTS)).default([]),
      plans: z.array(choiceField(t, ANNOUNCEMENT_PLANS)).default([]),
      publish: choiceField(t, PUBLISH_MODES),
      publishAt: dateTimeField(t),
      expiresAt: dateTimeField(t),
    })
    .superRefine((value, ctx) => {
      if (value.publish === "scheduled" && !value.publishAt) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["publishAt"],
          message: t("announcements.publishAtRequired"),
        });
        return;
      }
      const start = value.publish === "scheduled" ? value.publishAt! : now;
      if (value.expiresAt && value.expiresAt <= start) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["expiresAt"],
          message: t(
            value.publish === "scheduled"
              ? "announcements.expiryBeforePublish"
              : "announcements.expiryPast",
          ),
        });
      }
    })
    .transform((value) => ({
      kind: value.kind,
      titleEn: value.titleEn,
      titleJa: value.titleJa,
      bodyEn: value.bodyEn,
      bodyJa: value.bodyJa,
      segments: [...new Set(value.segments)],
      plans: [...new Set(value.plans)],
      publishedAt:
        value.publish === "draft" ? null : value.publish === "now" ? now : value.publishAt!,
      expiresAt: value.expiresAt ?? null,
    }));
}

export type AnnouncementInput = z.output<ReturnType<typeof announcementSchema>>;

export type AnnouncementFormDefaults = {
  kind: string;
  titleEn: string;
  titleJa: string;
  bodyEn: string;
  bodyJa: string;
  segments: string[];
  plans: string[];
  publishedAt: string | Date | null;
  expiresAt: string | Date | null;
};

function Choices({
  legend,
  meta,
  type,
  options,
  label,
  hint,
}: {
  legend: string;
  meta: FieldMetadata<string[] | string | undefined>;
  type: "checkbox" | "radio";
  options: readonly string[];
  label: (option: string) => string;
  hint?: string;
}) {
  return (
    <fieldset className="field announcement-choices" aria-describedby={meta.errorId}>
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <div className="announcement-options">
        {getCollectionProps(meta, { type, options: [...options] }).map(({ key, ...props }) => (
          <label key={key} className="announcement-option">
            <input {...props} />
            <span>{label(props.value)}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** Create and edit form; posts `intent=save`. */
export function AnnouncementForm({
  id,
  defaults,
  lastResult,
  submitLabel,
  busy,
}: {
  id: string;
  defaults?: AnnouncementFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: {
      kind: defaults?.kind ?? "info",
      titleEn: defaults?.titleEn,
      titleJa: defaults?.titleJa,
      bodyEn: defaults?.bodyEn,
      bodyJa: defaults?.bodyJa,
      segments: defaults?.segments ?? [],
      plans: defaults?.plans ?? [],
      publish: defaults ? (defaults.publishedAt ? "scheduled" : "draft") : "now",
      publishAt: toDateTimeLocal(defaults?.publishedAt),
      expiresAt: toDateTimeLocal(defaults?.expiresAt),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: announcementSchema(t, new Date()) }),
  });
  const kindProps = getSelectProps(fields.kind);
  const bodyHint = t("announcements.bodyHint", { max: ANNOUNCEMENT_BODY_MAX_LENGTH });
  return (
    <Form method="post" {...getFormProps(form)} className="announcement-form">
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.kind.id}>{t("announcements.kind")}</label>
        <select {...kindProps} key={kindProps.key}>
          {ANNOUNCEMENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`announcements.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <div className="announcement-languages">
        <fieldset className="announcement-language" lang="en">
          <legend>{t("announcements.english")}</legend>
          <MetaInput label={t("announcements.titleLabel")} meta={fields.titleEn} />
          <MetaTextArea
            label={t("announcements.bodyLabel")}
            meta={fields.bodyEn}
            hint={bodyHint}
            rows={6}
          />
        </fieldset>
        <fieldset className="announcement-language" lang="ja">
          <legend>{t("announcements.japanese")}</legend>
          <MetaInput label={t("announcements.titleLabel")} meta={fields.titleJa} />
          <MetaTextArea
            label={t("announcements.bodyLabel")}
            meta={fields.bodyJa}
            hint={bodyHint}
            rows={6}
          />
        </fieldset>
      </div>
      <div className="announcement-audience">
        <Choices
          legend={t("announcements.segments")}
          meta={fields.segments}
          type="checkbox"
          options={ANNOUNCEMENT_SEGMENTS}
          label={(s) => t(`segments.${s}`)}
        />
        <Choices
          legend={t("announcements.plans")}
          meta={fields.plans}
          type="checkbox"
          options={ANNOUNCEMENT_PLANS}
          label={(p) => t(`announcements.planNames.${p}`)}
        />
      </div>
      <p className="field-hint announcement-audience-hint">{t("announcements.audienceHint")}</p>
      <Choices
        legend={t("announcements.publish")}
        meta={fields.publish}
        type="radio"
        options={PUBLISH_MODES}
        label={(mode) => t(`announcements.publishModes.${mode}`)}
      />
      <div className="announcement-times">
        <MetaInput
          label={t("announcements.publishAt")}
          meta={fields.publishAt}
          type="datetime-local"
          hint={t("announcements.publishAtHint")}
        />
        <MetaInput
          label={t("announcements.expiresAt")}
          meta={fields.expiresAt}
          type="datetime-local"
          hint={t("announcements.expiresAtHint")}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}

/** Who an announcement is for, in words. */
export function AudienceText({ segments, plans }: { segments: string[]; plans: string[] }) {
  const { t, i18n } = useTranslation();
  if (segments.length === 0 && plans.length === 0) return <>{t("announcements.everyone")}</>;
  // "or": an account in any chosen segment or on any chosen plan sees it.
  const list = new Intl.ListFormat(i18n.language, { type: "disjunction" });
  return (
    <>
      {list.format([
        ...segments.map((s) => t(`segments.${s}`, { defaultValue: s })),
        ...plans.map((p) => t(`announcements.planNames.${p}`, { defaultValue: p })),
      ])}
    </>
  );
}

export type ShownAnnouncement = {
  id: string;
  kind: string;
  title: string;
  /** Sanitized by renderMarkdown on the server. */
  html: string;
  publishedAt: string;
};

/** True once React runs in the browser; before that, forms are plain HTML forms. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function AnnouncementItem({
  announcement,
  canDismiss,
}: {
  announcement: ShownAnnouncement;
  canDismiss: boolean;
}) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const fetcher = useFetcher<{ dismissed: boolean }>();
  const hydrated = useHydrated();
  const titleId = `announcement-${announcement.id}`;
  // Hidden at once while the dismissal is on its way; the reloaded list then leaves it out.
  const hidden = fetcher.state !== "idle" || fetcher.data?.dismissed === true;
  return (
    <li
      className={`announcement announcement-${announcement.kind}`}
      aria-labelledby={titleId}
      hidden={hidden}
    >
      <div className="announcement-head">
        <span className={`badge announcement-badge announcement-badge-${announcement.kind}`}>
          {t(`announcements.kinds.${announcement.kind}`, { defaultValue: announcement.kind })}
        </span>
        <time className="muted" dateTime={announcement.publishedAt}>
          {date.format(new Date(announcement.publishedAt))}
        </time>
        {canDismiss ? (
          <fetcher.Form
            method="post"
            action={`/announcements/${announcement.id}/dismiss`}
            className="announcement-dismiss"
          >
            {/* Without JavaScript the action redirects back to the home page instead. */}
            {hydrated ? <input type="hidden" name="fetch" value="1" /> : null}
            <button
              type="submit"
              className="button button-secondary button-small"
              aria-label={t("announcements.dismissLabel", { title: announcement.title })}
            >
              {t("announcements.dismiss")}
            </button>
          </fetcher.Form>
        ) : null}
      </div>
      <h3 id={titleId}>{announcement.title}</h3>
      <div
        className="announcement-body markdown"
        // Rendered and sanitized by renderMarkdown on the server.
        dangerouslySetInnerHTML={{ __html: announcement.html }}
      />
    </li>
  );
}

/**
 * The home page's announcements. Customers can dismiss theirs; visitors only see those meant
 * for everyone; staff see what is live with a way to the console.
 */
export function Announcements({
  announcements,
  mode,
  liveTotal,
}: {
  announcements: ShownAnnouncement[];
  mode: "customer" | "visitor" | "staff";
  liveTotal?: number;
}) {
  const { t } = useTranslation();
  const shown = announcements;
  if (mode === "staff") {
    return (
      <section className="announcements announcements-staff" aria-labelledby="announcements-title">
        <div className="announcements-staff-head">
          <h2 id="announcements-title">{t("announcements.staffPreview")}</h2>
          <Link to="/admin/announcements">{t("announcements.manage")}</Link>
        </div>
        {shown.length === 0 ? (
          <p className="muted">{t("announcements.noneLive")}</p>
        ) : (
          <>
            <p className="muted">
              {t("announcements.liveCount", { count: liveTotal ?? shown.length })}
            </p>
            <ul className="announcement-list">
              {shown.map((a) => (
                <AnnouncementItem key={a.id} announcement={a} canDismiss={false} />
              ))}
            </ul>
          </>
        )}
      </section>
    );
  }
  if (shown.length === 0) return null;
  return (
    <section className="announcements" aria-labelledby="announcements-title">
      <h2 id="announcements-title" className="visually-hidden">
        {t("announcements.heading")}
      </h2>
      <ul className="announcement-list">
        {shown.map((a) => (
          <AnnouncementItem key={a.id} announcement={a} canDismiss={mode === "customer"} />
        ))}
      </ul>
    </section>
  );
}
