import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { findOpenReset, resetPassword, ResetRefused } from "~/commands/password-reset.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm } from "~/components/ui/ConformForm";
import { FormErrors, NewPasswordFields } from "~/components/ui/Field";
import { Honeypot } from "~/components/ui/Honeypot";
import { isCommonPassword } from "~/utils/common-passwords.server";
import { isBotSubmission } from "~/utils/honeypot";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";
import { startSession } from "~/utils/session.server";
import { newPasswordField } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "New password · Acme Cloud Support" }];

function resetSchema(t: TFunction, isCommon?: (password: string) => boolean) {
  return z
    .object({
      password: newPasswordField(t, isCommon),
      confirmPassword: z.string({ required_error: t("validation.required") }),
    })
    .refine((v) => v.password === v.confirmPassword, {
      path: ["confirmPassword"],
      message: t("validation.passwordMismatch"),
    });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findOpenReset(params.token ?? "");
  // 410: the link existed or may have; either way it no longer works. The page says what to do.
  if (!reset) return data({ open: false }, { status: 410 });
  return { open: true };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { t } = await getRequestT(request, null);
  const formData = await request.formData();
  const hidden = { hideFields: ["password", "confirmPassword"] };
  const submission = parseWithZod(formData, { schema: resetSchema(t, isCommonPassword) });
  if (submission.status !== "success") {
    return data({ result: submission.reply(hidden) }, { status: 400 });
  }
  const invalid = () =>
    data(
      { result: submission.reply({ ...hidden, formErrors: [t("reset.invalid")] }) },
      { status: 410 },
    );
  if (isBotSubmission(formData)) return invalid();
  try {
    const userId = await resetPassword({
      token: params.token ?? "",
      password: submission.value.password,
      ipAddress: clientIp(context),
    });
    const cookie = await startSession(request, userId, { ipAddress: clientIp(context) });
    return redirect("/", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (!(error instanceof ResetRefused)) throw error;
    if (error.reason === "invalid") return invalid();
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    return data(
      { result: submission.reply({ ...hidden, formErrors: [t("reset.tooMany", { minutes })] }) },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema(t) }),
  });
  if (!open) {
    return (
      <section className="narrow card">
        <h1>{t("reset.title")}</h1>
        <p>{t("reset.invalid")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.askAgain")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.intro")}</p>
      <ConformForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirmPassword}
          labels={{ password: t("reset.password"), confirm: t("reset.confirmPassword") }}
        />
        <Honeypot />
        <button type="submit" className="button">
          {t("reset.submit")}
        </button>
      </ConformForm>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
