import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Field, FieldErrors, FormErrors, NewPasswordFields, Notice } from "~/components/ui/Field";
import { getT, LOCALES } from "~/i18n";
import { audit } from "~/models/audit.server";
import { getCommunitySettings, setShowAccountName } from "~/models/profile.server";
import { checkPassword, listLiveSessions, setPassword, updateProfile } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { getRequestT, resolveLocale } from "~/utils/locale.server";
import { PASSWORD_MAX_LENGTH } from "~/utils/password-rules";
import { clientIp } from "~/utils/request.server";
import { revokeOtherSessions, sessionTokenHash } from "~/utils/session.server";
import { useFormatters } from "~/utils/format";
import { NAME_MAX_LENGTH, newPasswordField, requiredText } from "~/utils/validation";
import { isCommonPassword } from "~/utils/common-passwords.server";
import { ConformForm } from "~/components/ui/ConformForm";
import { NotificationPreferences } from "~/components/NotificationPreferences";
import {
  loadPreferencesForm,
  savePreferencesForm,
} from "~/models/notification-preferences-form.server";
import { loadForumViewer } from "~/models/topic.server";

export const meta: MetaFunction = () => [{ title: "Settings · Acme Cloud Support" }];

const LOCALE_CHOICES = ["auto", ...LOCALES] as const;

function profileSchema(t: TFunction) {
  return z.object({
    intent: z.literal("profile"),
    name: requiredText(t, NAME_MAX_LENGTH),
    locale: z.enum(LOCALE_CHOICES, {
      errorMap: () => ({ message: t("validation.invalidChoice") }),
    }),
  });
}

function passwordSchema(t: TFunction, isCommon?: (password: string) => boolean) {
  return z
    .object({
      intent: z.literal("password"),
      currentPassword: requiredText(t, PASSWORD_MAX_LENGTH),
      newPassword: newPasswordField(t, isCommon),
      confirmPassword: z.string({ required_error: t("validation.required") }),
    })
    .refine((v) => v.newPassword === v.confirmPassword, {
      path: ["confirmPassword"],
      message: t("validation.passwordMismatch"),
    });
}

const communitySchema = z.object({
  intent: z.literal("community"),
  showAccountName: z.boolean().default(false),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale } = await getRequestT(request, user);
  const viewer = (await loadForumViewer(user))!;
  const [sessions, currentHash, community, notificationPrefs] = await Promise.all([
    listLiveSessions(user.id),
    sessionTokenHash(request),
    getCommunitySettings(user.id),
    loadPreferencesForm(viewer, locale),
  ]);
  return {
    profile: { name: user.name, email: user.email, locale: user.locale ?? "auto" },
    community,
    notificationPrefs,
    sessions: sessions.map(({ tokenHash, ...s }) => ({ ...s, current: tokenHash === currentHash })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "profile") {
    const submission = parseWithZod(formData, { schema: profileSchema(t) });
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply(), notice: null }, { status: 400 });
    }
    const { name, locale } = submission.value;
    const stored = locale === "auto" ? null : locale;
    await updateProfile(user.id, { name, locale: stored });
    // Answer in the language just chosen, as the next page will be.
    const tNext = getT(await resolveLocale(request, { locale: stored }));
    return { intent, result: submission.reply(), notice: tNext("settings.saved") };
  }

  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: passwordSchema(t, isCommonPassword) });
    const hidden = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply(hidden), notice: null }, { status: 400 });
    }
    if (!(await checkPassword(user.id, submission.value.currentPassword))) {
      return data(
        {
          intent,
          result: submission.reply({
            ...hidden,
            fieldErrors: { currentPassword: [t("settings.wrongPassword")] },
          }),
          notice: null,
        },
        { status: 400 },
      );
    }
    await setPassword(user.id, submission.value.newPassword);
    await revokeOtherSessions(request, user.id);
    await audit({
      actorId: user.id,
      action: "user.password_changed",
      ipAddress: clientIp(context),
    });
    return {
      intent,
      result: submission.reply({ resetForm: true }),
      notice: t("settings.passwordChanged"),
    };
  }

  if (intent === "community") {
    const submission = parseWithZod(formData, { schema: communitySchema });
    // Customers only: staff have no company to show.
    if (submission.status !== "success" || !user.accountId) {
      return data(
        { intent, result: undefined, notice: null, error: t("validation.invalidChoice") },
        { status: 400 },
      );
    }
    await setShowAccountName(user.id, submission.value.showAccountName);
    return { intent, result: undefined, notice: t("reputation.settings.saved") };
  }

  if (intent === "notifications") {
    const { locale } = await getRequestT(request, user);
    const viewer = (await loadForumViewer(user))!;
    const saved = await savePreferencesForm(viewer, locale, formData, t);
    if (!saved.ok) {
      return data(
        { intent, result: undefined, notice: null, fieldErrors: saved.errors },
        { status: 400 },
      );
    }
    return { intent, result: undefined, notice: t("notifications.prefs.saved") };
  }

  if (intent === "sessions") {
    const count = await revokeOtherSessions(request, user.id);
    await audit({
      actorId: user.id,
      action: "user.signed_out_elsewhere",
      data: { count },
      ipAddress: clientIp(context),
    });
    return { intent, result: undefined, notice: t("settings.othersSignedOut", { count }) };
  }

  return data(
    { intent: null, result: undefined, notice: null, error: "Unknown intent" },
    { status: 400 },
  );
}

export default function Settings() {
  const { t } = useTranslation();
  const { profile, sessions, community, notificationPrefs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { moment } = useFormatters();

  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: profile,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema(t) }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema(t) }),
  });
  const notice = (intent: string) =>
    actionData?.intent === intent && actionData.notice ? (
      <Notice>{actionData.notice}</Notice>
    ) : null;

  return (
    <div className="stack narrow-wide">
      <h1>{t("settings.title")}</h1>

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("settings.profile")}</h2>
        {notice("profile")}
        <ConformForm form={profileForm}>
          <FormErrors id={profileForm.errorId} errors={profileForm.errors} />
          <input type="hidden" name="intent" value="profile" />
          <p className="muted">{profile.email}</p>
          <Field label={t("settings.name")} meta={profileFields.name} autoComplete="name" />
          <div className="field">
            <label htmlFor={profileFields.locale.id}>{t("settings.locale")}</label>
            <select
              id={profileFields.locale.id}
              name={profileFields.locale.name}
              defaultValue={profileFields.locale.initialValue}
              aria-invalid={profileFields.locale.errors ? true : undefined}
              aria-describedby={
                profileFields.locale.errors ? profileFields.locale.errorId : undefined
              }
            >
              <option value="auto">{t("settings.localeAuto")}</option>
              <option value="ja" lang="ja">
                日本語
              </option>
              <option value="en" lang="en">
                English
              </option>
            </select>
            <FieldErrors id={profileFields.locale.errorId} errors={profileFields.locale.errors} />
          </div>
          <button type="submit" className="button">
            {t("settings.save")}
          </button>
        </ConformForm>
      </section>

      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t("settings.passwordTitle")}</h2>
        {notice("password")}
        <ConformForm form={passwordForm}>
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <input type="hidden" name="intent" value="password" />
          <Field
            label={t("settings.currentPassword")}
            meta={passwordFields.currentPassword}
            type="password"
            autoComplete="current-password"
          />
          <NewPasswordFields
            password={passwordFields.newPassword}
            confirm={passwordFields.confirmPassword}
            labels={{ password: t("settings.newPassword"), confirm: t("settings.confirmPassword") }}
          />
          <button type="submit" className="button">
            {t("settings.changePassword")}
          </button>
        </ConformForm>
      </section>

      {community ? (
        <section className="card" aria-labelledby="community-title">
          <h2 id="community-title">{t("reputation.settings.title")}</h2>
          {notice("community")}
          <Form method="post">
            <input type="hidden" name="intent" value="community" />
            <div className="field field-checkbox">
              <label>
                <input
                  type="checkbox"
                  name="showAccountName"
                  defaultChecked={community.showAccountName}
                  aria-describedby="show-account-name-hint"
                />{" "}
                {t("reputation.settings.showAccountName")}
              </label>
              <p className="field-hint" id="show-account-name-hint">
                {t("reputation.settings.showAccountNameHint", { account: community.accountName })}
              </p>
            </div>
            <button type="submit" className="button">
              {t("reputation.settings.save")}
            </button>
          </Form>
        </section>
      ) : null}

      <NotificationPreferences
        kinds={notificationPrefs.kinds}
        categories={notificationPrefs.categories}
        notice={notice("notifications")}
        errors={
          actionData?.intent === "notifications" && "fieldErrors" in actionData
            ? actionData.fieldErrors
            : undefined
        }
      />

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("settings.sessionsTitle")}</h2>
        {notice("sessions")}
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id}>
              <strong>
                {s.userAgent ? summarizeAgent(s.userAgent) : t("settings.unknownBrowser")}
              </strong>
              {s.current ? <span className="badge">{t("settings.thisDevice")}</span> : null}
              <br />
              <span className="muted">
                {moment.format(new Date(s.lastUsedAt))}
                {s.ipAddress ? ` · ${s.ipAddress}` : ""}
              </span>
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="sessions" />
          <button type="submit" className="button button-secondary">
            {t("settings.signOutOthers")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="your-data-title">
        <h2 id="your-data-title">{t("accountData.me.title")}</h2>
        <p>{t("accountData.me.downloadIntro")}</p>
        <Link to="/settings/data">{t("accountData.me.title")} →</Link>
      </section>
    </div>
  );
}

/** "Chrome on Linux" style label from a User-Agent string. */
function summarizeAgent(agent: string): string {
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrome\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(agent)
    ? "Windows"
    : /Mac OS X/.test(agent)
      ? "macOS"
      : /Android/.test(agent)
        ? "Android"
        : /iPhone|iPad/.test(agent)
          ? "iOS"
          : /Linux/.test(agent)
            ? "Linux"
            : "";
  return os ? `${browser} · ${os}` : browser;
}

export { RouteErrorBoundary as ErrorBoundary };
