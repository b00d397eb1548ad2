import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requestPasswordReset, RateLimitedError } from "~/commands/password-reset.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm } from "~/components/ui/ConformForm";
import { Field, FormErrors } from "~/components/ui/Field";
import { Honeypot } from "~/components/ui/Honeypot";
import { audit } from "~/models/audit.server";
import { getEnv } from "~/utils/env.server";
import { isBotSubmission } from "~/utils/honeypot";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";
import { emailField } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Forgot password · Acme Cloud Support" }];

function forgotSchema(t: TFunction) {
  return z.object({ email: emailField(t) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t, locale } = await getRequestT(request, null);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: forgotSchema(t) });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sent: false }, { status: 400 });
  }
  // The same answer for a bot, an unknown address and a known one: nothing to learn here.
  const sent = { result: submission.reply({ resetForm: true }), sent: true };
  if (isBotSubmission(formData)) {
    await audit({
      actorId: null,
      action: "auth.honeypot",
      data: { form: "forgot-password" },
      ipAddress: clientIp(context),
    });
    return sent;
  }
  try {
    await requestPasswordReset({
      email: submission.value.email,
      ipAddress: clientIp(context),
      appUrl: getEnv().APP_URL,
      t,
      locale,
    });
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    return data(
      { result: submission.reply({ formErrors: [t("reset.tooMany", { minutes })] }), sent: false },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  return sent;
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotSchema(t) }),
  });
  return (
    <section className="narrow card">
      <h1>{t("reset.forgotTitle")}</h1>
      <p>{t("reset.forgotIntro")}</p>
      <div role="status">
        {actionData?.sent ? <p className="notice">{t("reset.sent")}</p> : null}
      </div>
      <ConformForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("login.email")} meta={fields.email} type="email" autoComplete="email" />
        <Honeypot />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("reset.send")}
        </button>
      </ConformForm>
      <p>
        <Link to="/login">{t("reset.backToLogin")}</Link>
      </p>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
