// The small onboarding section of the CS account page: each checklist's progress and open alerts.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AlertList } from "./AlertList";

export function AccountOnboarding({
  onboarding,
  busy,
}: {
  onboarding: {
    checklists: {
      templateId: string;
      title: string;
      done: number;
      total: number;
      overdue: number;
      complete: boolean;
      stuck: boolean;
    }[];
    alerts: {
      id: string;
      status: string;
      createdAt: string | Date;
      owner: { name: string } | null;
      details: Record<string, string>;
    }[];
  };
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const ja = i18n.language === "ja";
  return (
    <section className="card" aria-labelledby="account-onboarding">
      <h3 id="account-onboarding">{t("onboarding.account.title")}</h3>
      {onboarding.checklists.length === 0 ? (
        <p className="muted">{t("onboarding.account.none")}</p>
      ) : (
        <ul className="ob-account-list">
          {onboarding.checklists.map((c) => (
            <li key={c.templateId}>
              <Link to={`/admin/checklists/${c.templateId}/funnel`}>{c.title}</Link>{" "}
              <span className="nowrap">
                {t("onboarding.progress", { done: c.done, total: c.total })}
              </span>{" "}
              <span className={`badge ${c.stuck ? "ob-alert-open" : "ob-status-done"}`}>
                {c.complete
                  ? t("onboarding.account.complete")
                  : c.stuck
                    ? t("onboarding.account.stuck")
                    : t("onboarding.account.onTrack")}
              </span>
            </li>
          ))}
        </ul>
      )}
      {onboarding.alerts.length ? (
        <>
          <h4>{t("onboarding.account.alerts")}</h4>
          <AlertList
            busy={busy}
            alerts={onboarding.alerts.map((a) => ({
              ...a,
              text: t("onboarding.account.alertText", {
                title: ja ? a.details.titleJa : a.details.titleEn,
                overdue: a.details.overdue ?? "0",
                idle: a.details.idleDays ?? "0",
              }),
            }))}
          />
        </>
      ) : null}
    </section>
  );
}
