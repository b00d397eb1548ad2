// The newsletter editor's form: parsing with field messages, and the answers to each intent.
import type { TFunction } from "i18next";
import {
  NewsletterError,
  renderNewsletterBody,
  saveNewsletter,
  scheduleNewsletter,
  sendNewsletter,
  sendTestNewsletter,
  trackedLink,
  unscheduleNewsletter,
  type NewsletterInput,
} from "~/commands/newsletters.server";
import { getEnv } from "~/utils/env.server";
import {
  audienceSchema,
  countAudience,
  extractLinks,
  findUnsafeMarkdown,
  NEWSLETTER_BODY_MAX,
  NEWSLETTER_SUBJECT_MAX,
} from "./newsletter.server";

export type FieldErrors = Partial<
  Record<"subject" | "body" | "audience" | "scheduleAt" | "form", string>
>;

export type ParsedForm =
  | { ok: true; values: NewsletterInput }
  | { ok: false; errors: FieldErrors; values: NewsletterInput };

export function parseNewsletterForm(form: FormData, t: TFunction): ParsedForm {
  const subject = String(form.get("subject") ?? "").trim();
  const body = String(form.get("body") ?? "").replace(/\r\n/g, "\n");
  const audienceRaw = {
    segments: form.getAll("segments").map(String),
    plans: form.getAll("plans").map(String),
    stages: form.getAll("stages").map(String),
    locales: form.getAll("locales").map(String),
  };
  const audience = audienceSchema.safeParse(audienceRaw);
  const errors: FieldErrors = {};
  if (!subject) errors.subject = t("validation.required");
  else if (subject.length > NEWSLETTER_SUBJECT_MAX) {
    errors.subject = t("validation.tooLong", { max: NEWSLETTER_SUBJECT_MAX });
  }
  if (!body.trim()) errors.body = t("validation.required");
  else if (body.length > NEWSLETTER_BODY_MAX) {
    errors.body = t("validation.tooLong", { max: NEWSLETTER_BODY_MAX });
  }
  if (!audience.success) errors.audience = t("validation.invalidChoice");
  const values = {
    subject,
    body,
    audience: audience.success
      ? audience.data
      : { segments: [], plans: [], stages: [], locales: [] },
  };
  return Object.keys(errors).length ? { ok: false, errors, values } : { ok: true, values };
}

/** Unsafe Markdown and an empty audience, as field messages (nothing is stored). */
export async function checkForm(values: NewsletterInput, t: TFunction) {
  const errors: FieldErrors = {};
  const unsafe = findUnsafeMarkdown(values.body);
  if (unsafe.length)
    errors.body = t("notifications.newsletters.errors.unsafe", { what: unsafe.join(", ") });
  const recipients = await countAudience(values.audience);
  if (recipients === 0) errors.audience = t("notifications.newsletters.errors.emptyAudience");
  return { errors, recipients };
}

export function newsletterErrorResponse(
  error: NewsletterError,
  t: TFunction,
): { status: number; errors: FieldErrors } {
  switch (error.code) {
    case "unsafe":
      return {
        status: 422,
        errors: { body: t("notifications.newsletters.errors.unsafe", { what: error.detail }) },
      };
    case "emptyAudience":
      return {
        status: 422,
        errors: { audience: t("notifications.newsletters.errors.emptyAudience") },
      };
    case "scheduleInPast":
      return {
        status: 422,
        errors: { scheduleAt: t("notifications.newsletters.errors.scheduleInPast") },
      };
    case "alreadySent":
      return { status: 409, errors: { form: t("notifications.newsletters.errors.alreadySent") } };
    default:
      return {
        status: 404,
        errors: { form: t("errors.notFoundTitle", { defaultValue: "Not found" }) },
      };
  }
}

/** The preview: the body as readers will see it in the portal (links through the redirect). */
export function previewHtml(id: string | null, values: NewsletterInput) {
  const links = extractLinks(values.body, getEnv().APP_URL);
  return renderNewsletterBody({ id: id ?? "preview", body: values.body, links }, (i) =>
    id ? trackedLink("", id, i) : (links[i] ?? "#"),
  ).html;
}

/** datetime-local in UTC ("2026-12-24T09:00") to a Date, or null when malformed. */
export function parseUtcDateTime(value: FormDataEntryValue | null): Date | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export type EditorResult = {
  values: NewsletterInput;
  errors: FieldErrors;
  recipients: number | null;
  preview: string | null;
  notice: string | null;
};

type Actor = { id: string; name: string; email: string; locale: string | null };

/**
 * Every intent of the editor. Returns the answer and its status, or a redirect path after a
 * draft is created. Invalid input changes nothing stored.
 */
export async function handleEditorAction(input: {
  form: FormData;
  id: string | null;
  actor: Actor;
  t: TFunction;
  now?: Date;
}): Promise<{ redirect: string } | { status: number; result: EditorResult }> {
  const { form, id, actor, t } = input;
  const now = input.now ?? new Date();
  const intent = String(form.get("intent") ?? "");
  const parsed = parseNewsletterForm(form, t);
  const answer = (status: number, extra: Partial<EditorResult>) => ({
    status,
    result: {
      values: parsed.values,
      errors: {},
      recipients: null,
      preview: null,
      notice: null,
      ...extra,
    },
  });
  if (intent === "unschedule" && id) {
    try {
      await unscheduleNewsletter({ actorId: actor.id, id });
    } catch (error) {
      if (!(error instanceof NewsletterError)) throw error;
      const { status, errors } = newsletterErrorResponse(error, t);
      return answer(status, { errors });
    }
    return answer(200, { notice: t("notifications.newsletters.unscheduled") });
  }
  if (
    !["save", "preview", "test", "send", "schedule"].includes(intent) ||
    (!id && intent !== "save" && intent !== "preview")
  ) {
    return answer(400, { errors: { form: t("validation.invalidChoice") } });
  }
  if (!parsed.ok) return answer(400, { errors: parsed.errors });
  const checked = await checkForm(parsed.values, t);
  if (Object.keys(checked.errors).length) {
    return answer(422, { errors: checked.errors, recipients: checked.recipients });
  }
  if (intent === "preview") {
    return answer(200, { recipients: checked.recipients, preview: previewHtml(id, parsed.values) });
  }
  let scheduleAt: Date | null = null;
  if (intent === "schedule") {
    scheduleAt = parseUtcDateTime(form.get("scheduleAt"));
    if (!scheduleAt)
      return answer(400, {
        errors: { scheduleAt: t("notifications.newsletters.errors.invalidTime") },
      });
    if (scheduleAt <= now) {
      return answer(422, {
        errors: { scheduleAt: t("notifications.newsletters.errors.scheduleInPast") },
      });
    }
  }
  try {
    const saved = await saveNewsletter({
      actorId: actor.id,
      id: id ?? undefined,
      values: parsed.values,
    });
    if (!id) return { redirect: `/admin/newsletters/${saved.id}?created=1` };
    if (intent === "test") {
      const { email } = await sendTestNewsletter({ actor, id });
      return answer(200, {
        recipients: saved.recipients,
        notice: t("notifications.newsletters.testSent", { email }),
      });
    }
    if (intent === "send") {
      const sent = await sendNewsletter({ actorId: actor.id, id, now });
      return answer(200, {
        recipients: sent.recipients,
        notice: t("notifications.newsletters.sentNow", { count: sent.recipients }),
      });
    }
    if (intent === "schedule" && scheduleAt) {
      await scheduleNewsletter({ actorId: actor.id, id, at: scheduleAt, now });
      return answer(200, {
        recipients: saved.recipients,
        notice: t("notifications.newsletters.scheduled"),
      });
    }
    return answer(200, {
      recipients: saved.recipients,
      notice: t("notifications.newsletters.saved"),
    });
  } catch (error) {
    if (!(error instanceof NewsletterError)) throw error;
    const { status, errors } = newsletterErrorResponse(error, t);
    return answer(status, { errors });
  }
}
