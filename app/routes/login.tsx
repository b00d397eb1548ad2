import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Field, FormErrors } from "~/components/ui/Field";
import { signIn, SignInRefused } from "~/commands/sign-in.server";
import { getUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp, safeRedirect } from "~/utils/request.server";
import { emailField, requiredText } from "~/utils/validation";
import { PASSWORD_MAX_LENGTH } from "~/utils/password-rules";
import { ConformForm } from "~/components/ui/ConformForm";
import { Honeypot } from "~/components/ui/Honeypot";
import { audit } from "~/models/audit.server";
import { isBotSubmission } from "~/utils/honeypot";

export const meta: MetaFunction = () => [{ title: "Sign in · Acme Cloud Support" }];

function loginSchema(t: TFunction) {
  return z.object({
    email: emailField(t),
    // No length rule beyond the maximum: a wrong password must not be told apart from a short one.
    password: requiredText(t, PASSWORD_MAX_LENGTH),
    redirectTo: z.string().optional(),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = await getRequestT(request, null);
  const formData = await request.clone().formData();
  const submission = parseWithZod(formData, { schema: loginSchema(t) });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  if (isBotSubmission(formData)) {
    // Answered like a wrong password, so the bot learns nothing; the attempt is on record.
    await audit({
      actorId: null,
      action: "auth.honeypot",
      data: { form: "login", email: submission.value.email },
      ipAddress: clientIp(context),
    });
    return data(
      { result: submission.reply({ formErrors: [t("login.invalid")], hideFields: ["password"] }) },
      { status: 401 },
    );
  }
  try {
    const { cookie } = await signIn(request, {
      email: submission.value.email,
      ipAddress: clientIp(context),
    });
    return redirect(safeRedirect(submission.value.redirectTo), {
      headers: { "Set-Cookie": cookie },
    });
  } catch (error) {
    if (!(error instanceof SignInRefused)) throw error;
    const message =
      error.reason === "rate_limited"
        ? t("login.tooMany", { minutes: Math.ceil(error.retryAfterSeconds / 60) })
        : t("login.invalid");
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      {
        status: error.reason === "rate_limited" ? 429 : 401,
        headers:
          error.reason === "rate_limited" ? { "Retry-After": String(error.retryAfterSeconds) } : {},
      },
    );
  }
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema(t) }),
  });
  return (
    <section className="narrow card">
      <h1>{t("login.title")}</h1>
      <ConformForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field label={t("login.email")} meta={fields.email} type="email" autoComplete="username" />
        <Field
          label={t("login.password")}
          meta={fields.password}
          type="password"
          autoComplete="current-password"
        />
        <Honeypot />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </ConformForm>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p className="muted">{t("login.noAccount")}</p>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
