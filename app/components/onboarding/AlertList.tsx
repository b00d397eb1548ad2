// Open onboarding alerts with an "acknowledge" button (funnel page and CS account page).
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "~/utils/format";

export type AlertRow = {
  id: string;
  status: string;
  createdAt: string | Date;
  account?: { id: string; name: string };
  owner: { name: string } | null;
  text?: string;
};

export function AlertList({ alerts, busy }: { alerts: AlertRow[]; busy: boolean }) {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  if (!alerts.length) return <p className="muted">{t("onboarding.funnel.noAlerts")}</p>;
  return (
    <ul className="ob-alerts">
      {alerts.map((a) => (
        <li key={a.id} className="ob-alert">
          <span className={`badge ob-alert-${a.status}`}>
            {t(`onboarding.alertStatuses.${a.status}`)}
          </span>{" "}
          {a.account ? <Link to={`/admin/accounts/${a.account.id}`}>{a.account.name}</Link> : null}
          {a.text ? <span> {a.text}</span> : null}{" "}
          <span className="muted">
            {moment.format(new Date(a.createdAt))} ·{" "}
            {a.owner?.name ?? t("onboarding.funnel.noOwner")}
          </span>
          {a.status === "open" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="acknowledge" />
              <input type="hidden" name="alertId" value={a.id} />
              <button
                type="submit"
                className="button button-secondary button-small"
                disabled={busy}
              >
                {t("onboarding.funnel.acknowledge")}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
