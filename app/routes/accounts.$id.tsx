import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { MembersTable } from "~/components/MembersTable";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Field, FieldErrors, FormErrors, Notice } from "~/components/ui/Field";
import { InviteRefused, inviteMember, revokeInvitation } from "~/commands/invite-member.server";
import { canManageAccount, INVITABLE_ROLES } from "~/models/roles";
import { getAccountForMember } from "~/models/team.server";
import { requireAccountAdmin, requireAccountMember } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { getRequestT } from "~/utils/locale.server";
import { assertUnderLimits, hit, INVITE_LIMIT, RateLimitedError } from "~/utils/rate-limit.server";
import { clientIp, notFound } from "~/utils/request.server";
import { useFormatters } from "~/utils/format";
import { choiceField, emailField } from "~/utils/validation";
import { ConformForm } from "~/components/ui/ConformForm";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? ""} · Acme Cloud Support` },
];

function inviteSchema(t: TFunction) {
  return z.object({
    intent: z.literal("invite"),
    email: emailField(t),
    role: choiceField(t, INVITABLE_ROLES),
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccountMember(request, params.id ?? "");
  const canManage = canManageAccount(user, params.id ?? "");
  const found = await getAccountForMember(params.id ?? "", { withTeam: canManage });
  if (!found) throw notFound();
  return { ...found, canManage };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const accountId = params.id ?? "";
  const user = await requireAccountAdmin(request, accountId);
  const { t, locale } = await getRequestT(request, user);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "revoke") {
    const id = String(formData.get("invitationId") ?? "");
    if (!(await revokeInvitation(user, accountId, id))) throw notFound();
    return { intent, result: undefined, notice: t("account.revoked") };
  }
  if (intent !== "invite") {
    return data({ intent: null, result: undefined, notice: null }, { status: 400 });
  }

  const submission = parseWithZod(formData, { schema: inviteSchema(t) });
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply(), notice: null }, { status: 400 });
  }
  const limitKey = `invite:${user.id}`;
  try {
    await assertUnderLimits([[limitKey, INVITE_LIMIT]]);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return data(
      {
        intent,
        result: submission.reply({ formErrors: [t("errors.tooManyTitle")] }),
        notice: null,
      },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  await hit(limitKey, INVITE_LIMIT);
  try {
    await inviteMember(
      user,
      { accountId, email: submission.value.email, role: submission.value.role },
      { t, locale, appUrl: getEnv().APP_URL, ipAddress: clientIp(context) },
    );
  } catch (error) {
    if (!(error instanceof InviteRefused) || error.code === "forbidden") throw error;
    const message =
      error.code === "already_member" ? t("account.alreadyMember") : t("account.seatsFull");
    return data(
      {
        intent,
        result: submission.reply(
          error.code === "already_member"
            ? { fieldErrors: { email: [message] } }
            : { formErrors: [message] },
        ),
        notice: null,
      },
      { status: 422 },
    );
  }
  return {
    intent,
    result: submission.reply({ resetForm: true }),
    notice: t("account.invited", { email: submission.value.email }),
  };
}

export default function AccountPage() {
  const { t } = useTranslation();
  const { account, memberCount, members, invitations, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { date } = useFormatters();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    defaultValue: { role: "member" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema(t) }),
  });

  return (
    <div className="stack">
      <h1>{account.name}</h1>
      <section className="card">
        <dl className="details">
          <dt>{t("account.plan")}</dt>
          <dd>{t(`plans.${account.plan}`, { defaultValue: account.plan })}</dd>
          <dt>{t("account.seats")}</dt>
          <dd>
            {memberCount} / {account.seats}
          </dd>
          {account.renewalDate ? (
            <>
              <dt>{t("account.renewal")}</dt>
              <dd>{date.format(new Date(account.renewalDate))}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {canManage ? (
        <>
          {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
          <section className="card" aria-labelledby="members-title">
            <h2 id="members-title">{t("account.members")}</h2>
            <MembersTable members={members} labelledBy="members-title" />
          </section>

          <section className="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t("account.inviteTitle")}</h2>
            <ConformForm form={form} className="inline-form">
              <input type="hidden" name="intent" value="invite" />
              <div className="form-errors-row">
                <FormErrors id={form.errorId} errors={form.errors} />
              </div>
              <Field
                label={t("account.inviteEmail")}
                meta={fields.email}
                type="email"
                autoComplete="off"
              />
              <div className="field">
                <label htmlFor={fields.role.id}>{t("account.inviteRole")}</label>
                <select
                  id={fields.role.id}
                  name={fields.role.name}
                  defaultValue={fields.role.initialValue}
                  aria-invalid={fields.role.errors ? true : undefined}
                  aria-describedby={fields.role.errors ? fields.role.errorId : undefined}
                >
                  {INVITABLE_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </select>
                <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
              </div>
              <button type="submit" className="button">
                {t("account.inviteSubmit")}
              </button>
            </ConformForm>

            {invitations.length ? (
              <>
                <h3>{t("account.pending")}</h3>
                <ul className="session-list">
                  {invitations.map((inv) => (
                    <li key={inv.id} className="pending-invite">
                      <span>
                        {inv.email} · {t(`roles.${inv.role}`, { defaultValue: inv.role })} ·{" "}
                        <span className="muted">
                          {t("account.expires")} {date.format(new Date(inv.expiresAt))}
                        </span>
                      </span>
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={inv.id} />
                        <button type="submit" className="link-button">
                          {t("account.revoke")}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        </>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
