import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { detectStuckAccounts } from "~/commands/onboarding-stuck.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { acknowledgeAlertAction } from "~/components/onboarding/acknowledge-alert.server";
import { AlertList } from "~/components/onboarding/AlertList";
import { FunnelChart } from "~/components/onboarding/FunnelChart";
import { Notice } from "~/components/ui/Field";
import { TableWrap } from "~/components/ui/TableWrap";
import { getTemplateFunnel } from "~/models/onboarding.server";
import { STUCK_NO_PROGRESS_DAYS } from "~/models/onboarding-rules";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { notFound } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Checklist funnel · CS console" }];

const HOUR_MS = 60 * 60 * 1000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const { locale } = await getRequestT(request, user);
  // Opening the page checks for stuck accounts now rather than at the next periodic run.
  await detectStuckAccounts({ templateId: params.id ?? "" });
  const funnel = await getTemplateFunnel(params.id ?? "", locale);
  if (!funnel) throw notFound();
  return { ...funnel, stuckDays: STUCK_NO_PROGRESS_DAYS };
}

export function action({ request, context }: ActionFunctionArgs) {
  return acknowledgeAlertAction({ request, context });
}

export function useDuration() {
  const { t } = useTranslation();
  return (ms: number | null) => {
    if (ms === null) return "—";
    if (ms < 2 * 24 * HOUR_MS)
      return t("onboarding.funnel.hours", { count: Math.round(ms / HOUR_MS) });
    return t("onboarding.funnel.days", { count: Math.round(ms / (24 * HOUR_MS)) });
  };
}

export default function ChecklistFunnel() {
  const { t } = useTranslation();
  const { number } = useFormatters();
  const duration = useDuration();
  const { template, steps, funnel, stuck, alerts, stuckDays } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p className="admin-back">
        <Link to={`/admin/checklists/${template.id}`}>← {template.title}</Link>
      </p>
      <h2>
        {t("onboarding.funnel.title")}: {template.title}
      </h2>
      {reply ? (
        reply.ok ? (
          <Notice>{reply.message}</Notice>
        ) : (
          <div className="alert alert-error" role="alert">
            {reply.message}
          </div>
        )
      ) : null}
      <section className="card" aria-labelledby="funnel-title">
        <h3 id="funnel-title">{t("onboarding.funnel.title")}</h3>
        <p className="muted">{t("onboarding.funnel.intro")}</p>
        <dl className="stats">
          <div className="stat">
            <dt>{t("onboarding.funnel.started")}</dt>
            <dd>{number.format(funnel.started)}</dd>
          </div>
          <div className="stat">
            <dt>{t("onboarding.funnel.completed")}</dt>
            <dd>{number.format(funnel.completed)}</dd>
          </div>
        </dl>
        {funnel.started === 0 ? (
          <p>{t("onboarding.funnel.noAccounts")}</p>
        ) : (
          <>
            <FunnelChart
              label={t("onboarding.funnel.chartLabel")}
              started={funnel.started}
              rows={funnel.rows.map((r, i) => ({
                label: `${i + 1}. ${steps[i]!.title}`,
                value: r.reached,
              }))}
            />
            <TableWrap labelledBy="funnel-title">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("onboarding.funnel.step")}</th>
                    <th scope="col">{t("onboarding.funnel.reached")}</th>
                    <th scope="col">{t("onboarding.funnel.median")}</th>
                    <th scope="col">{t("onboarding.funnel.stalled")}</th>
                  </tr>
                </thead>
                <tbody>
                  {funnel.rows.map((r, i) => (
                    <tr key={r.stepId}>
                      <th scope="row">
                        {i + 1}. {steps[i]!.title}
                      </th>
                      <td>{number.format(r.reached)}</td>
                      <td>{duration(r.medianMs)}</td>
                      <td>{number.format(r.stalled)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="stuck-title">
        <h3 id="stuck-title">{t("onboarding.funnel.stuckTitle")}</h3>
        <p className="muted">{t("onboarding.funnel.stuckIntro", { days: stuckDays })}</p>
        {stuck.length === 0 ? (
          <p>{t("onboarding.funnel.noStuck")}</p>
        ) : (
          <TableWrap labelledBy="stuck-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("onboarding.funnel.account")}</th>
                  <th scope="col">{t("onboarding.funnel.owner")}</th>
                  <th scope="col">{t("onboarding.funnel.progress")}</th>
                  <th scope="col">{t("onboarding.funnel.overdue")}</th>
                  <th scope="col">{t("onboarding.funnel.idle")}</th>
                </tr>
              </thead>
              <tbody>
                {stuck.map((s) => (
                  <tr key={s.accountId}>
                    <td>
                      <Link to={`/admin/accounts/${s.accountId}`}>{s.accountName}</Link>
                    </td>
                    <td>{s.owner ?? t("onboarding.funnel.noOwner")}</td>
                    <td className="nowrap">
                      {t("onboarding.progress", { done: s.done, total: s.total })}
                    </td>
                    <td>{number.format(s.overdue)}</td>
                    <td>{number.format(s.idleDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section className="card" aria-labelledby="alerts-title">
        <h3 id="alerts-title">{t("onboarding.funnel.alertsTitle")}</h3>
        <AlertList alerts={alerts} busy={busy} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
