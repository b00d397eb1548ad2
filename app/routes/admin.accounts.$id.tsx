import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { detectStuckAccounts } from "~/commands/onboarding-stuck.server";
import { AccountOnboarding } from "~/components/onboarding/AccountOnboarding";
import { Notice } from "~/components/ui/Field";
import { getAccountOnboardingForStaff } from "~/models/onboarding.server";
import { getRequestT } from "~/utils/locale.server";
import { notFound } from "~/utils/request.server";
import { useTranslation } from "react-i18next";
import { MembersTable } from "~/components/MembersTable";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { acknowledgeAlertAction } from "~/components/onboarding/acknowledge-alert.server";
import { getAccountForStaff } from "~/models/account.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { TableWrap } from "~/components/ui/TableWrap";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.name} · CS console` : "CS console" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const { locale } = await getRequestT(request, user);
  const account = await getAccountForStaff(params.id ?? "");
  if (!account) throw notFound();
  // Stuck onboarding is checked when CS looks, besides the periodic run (0010-onboarding.md).
  await detectStuckAccounts({ accountId: account.id });
  return { account, onboarding: await getAccountOnboardingForStaff(account.id, locale) };
}

export function action({ request, params, context }: ActionFunctionArgs) {
  return acknowledgeAlertAction({ request, context }, params.id ?? "");
}

export default function AdminAccount() {
  const { t } = useTranslation();
  const { number, money, date, moment } = useFormatters();
  const { account, onboarding } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const churned = account.status === "churned";
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/accounts">← {t("admin.backToAccounts")}</Link>
        {" · "}
        <Link to={`/admin/accounts/${account.id}/data`}>{t("accountData.history.title")}</Link>
      </p>
      <div className="admin-account-head">
        <h2>{account.name}</h2>
        <span className={`badge badge-${account.segment}`}>
          {t(`segments.${account.segment}`, { defaultValue: account.segment })}
        </span>
        <span className={`badge badge-${account.status}`}>
          {t(`statuses.${account.status}`, { defaultValue: account.status })}
        </span>
      </div>

      <section className="card" aria-labelledby="account-details">
        <h3 id="account-details">{t("admin.accountDetails")}</h3>
        <dl className="details">
          <dt>{t("admin.externalId")}</dt>
          <dd>
            <code>{account.externalId}</code>
          </dd>
          <dt>{t("admin.plan")}</dt>
          <dd>{t(`plans.${account.plan}`, { defaultValue: account.plan })}</dd>
          <dt>{t("admin.arr")}</dt>
          <dd>{money.format(account.arr)}</dd>
          <dt>{t("admin.seats")}</dt>
          <dd>
            {t("admin.seatsUsed", {
              used: number.format(account.members.length),
              seats: number.format(account.seats),
            })}
          </dd>
          <dt>{t("admin.stage")}</dt>
          <dd>{t(`stages.${account.lifecycleStage}`, { defaultValue: account.lifecycleStage })}</dd>
          <dt>{t("admin.owner")}</dt>
          <dd>
            {account.owner ? (
              <>
                {account.owner.name} <span className="muted">({account.owner.email})</span>
              </>
            ) : (
              <span className="muted">{t("admin.noOwner")}</span>
            )}
          </dd>
          <dt>{t("admin.renewal")}</dt>
          <dd>{account.renewalDate ? date.format(new Date(account.renewalDate)) : "—"}</dd>
          {churned ? (
            <>
              <dt>{t("admin.churnedOn")}</dt>
              <dd>{account.churnedAt ? date.format(new Date(account.churnedAt)) : "—"}</dd>
              <dt>{t("admin.churnReason")}</dt>
              <dd>{account.churnReason ?? "—"}</dd>
            </>
          ) : null}
          <dt>{t("admin.createdAt")}</dt>
          <dd>{date.format(new Date(account.createdAt))}</dd>
        </dl>
      </section>

      {reply ? (
        reply.ok ? (
          <Notice>{reply.message}</Notice>
        ) : (
          <div className="alert alert-error" role="alert">
            {reply.message}
          </div>
        )
      ) : null}
      <AccountOnboarding onboarding={onboarding} busy={busy} />

      <section className="card" aria-labelledby="account-members">
        <h3 id="account-members">
          {t("admin.members")}{" "}
          <span className="muted">({number.format(account.members.length)})</span>
        </h3>
        {account.members.length === 0 ? (
          <p className="muted">{t("admin.noMembers")}</p>
        ) : (
          <MembersTable members={account.members} labelledBy="account-members" />
        )}
      </section>

      <section className="card" aria-labelledby="account-events">
        <h3 id="account-events">{t("admin.recentEvents")}</h3>
        {account.events.length === 0 ? (
          <p className="muted">{t("admin.noEvents")}</p>
        ) : (
          <TableWrap labelledBy="account-events">
            <table className="admin-nowrap">
              <thead>
                <tr>
                  <th scope="col">{t("admin.eventTime")}</th>
                  <th scope="col">{t("admin.eventType")}</th>
                  <th scope="col">{t("admin.eventUser")}</th>
                  <th scope="col">{t("admin.eventSource")}</th>
                </tr>
              </thead>
              <tbody>
                {account.events.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{moment.format(new Date(e.occurredAt))}</td>
                    <td>
                      <code>{e.type}</code>
                    </td>
                    <td>{e.user?.name ?? "—"}</td>
                    <td>{e.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
