import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Field, FormErrors, NewPasswordFields } from "~/components/ui/Field";
import {
  acceptInvitation,
  findOpenInvitation,
  InvitationInvalid,
} from "~/commands/accept-invitation.server";
import { getRequestT, resolveLocale } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";
import { startSession } from "~/utils/session.server";
import { NAME_MAX_LENGTH, newPasswordField, requiredText } from "~/utils/validation";
import { isCommonPassword } from "~/utils/common-passwords.server";
import { ConformForm } from "~/components/ui/ConformForm";
import { Honeypot } from "~/components/ui/Honeypot";
import { isBotSubmission } from "~/utils/honeypot";

export const meta: MetaFunction = () => [{ title: "Invitation · Acme Cloud Support" }];

function acceptSchema(t: TFunction, isCommon?: (password: string) => boolean) {
  return z
    .object({
      name: requiredText(t, NAME_MAX_LENGTH),
      password: newPasswordField(t, isCommon),
      confirmPassword: z.string({ required_error: t("validation.required") }),
    })
    .refine((v) => v.password === v.confirmPassword, {
      path: ["confirmPassword"],
      message: t("validation.passwordMismatch"),
    });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(params.token ?? "");
  if (!invitation) return data({ invitation: null }, { status: 404 });
  return {
    invitation: {
      email: invitation.email,
      accountName: invitation.account.name,
      inviterName: invitation.invitedBy?.name ?? invitation.account.name,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { t } = await getRequestT(request, null);
  const token = params.token ?? "";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: acceptSchema(t, isCommonPassword) });
  const hidden = { hideFields: ["password", "confirmPassword"] };
  if (submission.status !== "success") {
    return data({ result: submission.reply(hidden) }, { status: 400 });
  }
  if (isBotSubmission(formData)) {
    return data(
      { result: submission.reply({ ...hidden, formErrors: [t("invite.invalid")] }) },
      { status: 410 },
    );
  }
  try {
    const browserLocale = await resolveLocale(request, null);
    const user = await acceptInvitation(token, {
      name: submission.value.name,
      password: submission.value.password,
      locale: browserLocale,
    });
    const cookie = await startSession(request, user.id, { ipAddress: clientIp(context) });
    return redirect("/", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (!(error instanceof InvitationInvalid)) throw error;
    return data(
      { result: submission.reply({ ...hidden, formErrors: [t("invite.invalid")] }) },
      { status: 410 },
    );
  }
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptSchema(t) }),
  });
  if (!invitation) {
    return (
      <section className="narrow card">
        <h1>{t("errors.notFoundTitle")}</h1>
        <p>{t("invite.invalid")}</p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t("invite.title", { account: invitation.accountName })}</h1>
      <p>
        {t("invite.intro", { inviter: invitation.inviterName, account: invitation.accountName })}
      </p>
      <p className="muted">{invitation.email}</p>
      <ConformForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("invite.name")} meta={fields.name} autoComplete="name" />
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirmPassword}
          labels={{ password: t("invite.password"), confirm: t("invite.confirmPassword") }}
        />
        <Honeypot />
        <button type="submit" className="button">
          {t("invite.submit")}
        </button>
      </ConformForm>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
