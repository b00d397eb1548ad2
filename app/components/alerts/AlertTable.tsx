// Alerts with what CS does to them: acknowledge, assign, close with a note, reopen. Plain POST
// forms (they work without JavaScript); "Close…" opens a note field in a disclosure.
import { Form, Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/ui/TableWrap";
import { useFormatters } from "~/utils/format";

export type AlertItem = {
  id: string;
  kind: string;
  status: string;
  title: string;
  details: Record<string, unknown>;
  createdAt: string | Date;
  closedNote: string | null;
  account: { id: string; name: string };
  owner: { id: string; name: string } | null;
};

export type AlertActionResult = {
  ok: boolean;
  alertId: unknown;
  intent: unknown;
  message: string;
  field?: "note" | "assigneeId";
};

const KNOWN_KINDS = ["onboarding_stuck", "health_red", "health_drop", "expansion"];

/** The alert in the reader's language; falls back to the English title the raiser wrote. */
export function describeAlert(t: TFunction, language: string, alert: AlertItem): string {
  const d = alert.details;
  if (alert.kind === "onboarding_stuck") {
    const title = language === "ja" ? (d.titleJa ?? d.titleEn) : (d.titleEn ?? d.titleJa);
    if (typeof title === "string") return t("alerts.details.onboarding_stuck", { title });
  }
  if (typeof d.score !== "number") return alert.title;
  if (alert.kind === "health_red") return t("alerts.details.health_red", { score: d.score });
  if (alert.kind === "health_drop") {
    const trend = d.trend as { d7?: number } | undefined;
    const drop = typeof d.drop === "number" ? d.drop : Math.abs(trend?.d7 ?? 0);
    return t("alerts.details.health_drop", { score: d.score, drop });
  }
  if (alert.kind === "expansion") {
    return d.reason === "seats"
      ? t("alerts.details.expansionSeats", { activeUsers: d.activeUsers, seats: d.seats })
      : t("alerts.details.expansionPlan", { activeUsers: d.activeUsers, plan: d.plan });
  }
  return alert.title;
}

export function kindLabel(t: TFunction, kind: string) {
  return KNOWN_KINDS.includes(kind) ? t(`alerts.kinds.${kind}`) : kind;
}

export function AlertTable({
  alerts,
  staff,
  busy,
  result,
  showAccount,
  labelledBy,
}: {
  alerts: AlertItem[];
  staff: { id: string; name: string }[];
  busy: boolean;
  result?: AlertActionResult | null;
  showAccount: boolean;
  labelledBy: string;
}) {
  const { t, i18n } = useTranslation();
  const { moment } = useFormatters();
  return (
    <TableWrap labelledBy={labelledBy}>
      <table className="alerts-table">
        <thead>
          <tr>
            <th scope="col">{t("alerts.columns.alert")}</th>
            {showAccount ? <th scope="col">{t("alerts.columns.account")}</th> : null}
            <th scope="col">{t("alerts.columns.status")}</th>
            <th scope="col">{t("alerts.columns.owner")}</th>
            <th scope="col">{t("alerts.columns.raised")}</th>
            <th scope="col">{t("alerts.columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => {
            const failedHere = result && !result.ok && result.alertId === a.id;
            const noteError = failedHere && result.field === "note" ? result.message : null;
            const noteId = `close-note-${a.id}`;
            return (
              <tr key={a.id} className={`alert-row alert-row-${a.status}`}>
                <th scope="row" className="alert-text">
                  <span className={`badge alert-kind alert-kind-${a.kind}`}>
                    {kindLabel(t, a.kind)}
                  </span>{" "}
                  {describeAlert(t, i18n.language, a)}
                  {a.closedNote ? (
                    <div className="muted">{t("alerts.closedNote", { note: a.closedNote })}</div>
                  ) : null}
                </th>
                {showAccount ? (
                  <td>
                    <Link to={`/admin/accounts/${a.account.id}`}>{a.account.name}</Link>
                  </td>
                ) : null}
                <td>
                  <span className={`badge ob-alert-${a.status}`}>
                    {t(`alerts.statuses.${a.status}`, { defaultValue: a.status })}
                  </span>
                </td>
                <td>{a.owner?.name ?? <span className="muted">{t("alerts.noOwner")}</span>}</td>
                <td className="nowrap">{moment.format(new Date(a.createdAt))}</td>
                <td className="alert-actions">
                  {a.status === "open" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="acknowledge" />
                      <input type="hidden" name="alertId" value={a.id} />
                      <button
                        type="submit"
                        className="button button-secondary button-small"
                        aria-label={t("alerts.acknowledgeLabel", { account: a.account.name })}
                        disabled={busy}
                      >
                        {t("alerts.acknowledge")}
                      </button>
                    </Form>
                  ) : null}
                  {a.status !== "closed" ? (
                    <>
                      <Form method="post" className="inline-form alert-assign">
                        <input type="hidden" name="intent" value="assign" />
                        <input type="hidden" name="alertId" value={a.id} />
                        <label htmlFor={`assignee-${a.id}`} className="visually-hidden">
                          {t("alerts.assignLabel", { account: a.account.name })}
                        </label>
                        <select
                          id={`assignee-${a.id}`}
                          name="assigneeId"
                          defaultValue={a.owner?.id ?? ""}
                        >
                          <option value="">{t("alerts.nobody")}</option>
                          {staff.map((s) => (
                            <option key={s.id} value={s.id}>
                              {s.name}
                            </option>
                          ))}
                        </select>
                        <button
                          type="submit"
                          className="button button-secondary button-small"
                          disabled={busy}
                        >
                          {t("alerts.assign")}
                        </button>
                      </Form>
                      <details className="alert-close" open={Boolean(noteError)}>
                        <summary
                          className="button button-secondary button-small"
                          aria-label={t("alerts.closeLabel", { account: a.account.name })}
                        >
                          {t("alerts.close")}
                        </summary>
                        <Form method="post" className="alert-close-form">
                          <input type="hidden" name="intent" value="close" />
                          <input type="hidden" name="alertId" value={a.id} />
                          <label htmlFor={noteId}>{t("alerts.note")}</label>
                          <textarea
                            id={noteId}
                            name="note"
                            rows={3}
                            required
                            aria-invalid={noteError ? true : undefined}
                            aria-describedby={noteError ? `${noteId}-error` : undefined}
                          />
                          {noteError ? (
                            <p id={`${noteId}-error`} className="field-errors" role="alert">
                              {noteError}
                            </p>
                          ) : null}
                          <button type="submit" className="button button-small" disabled={busy}>
                            {t("alerts.closeConfirm")}
                          </button>
                        </Form>
                      </details>
                    </>
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="reopen" />
                      <input type="hidden" name="alertId" value={a.id} />
                      <button
                        type="submit"
                        className="button button-secondary button-small"
                        aria-label={t("alerts.reopenLabel", { account: a.account.name })}
                        disabled={busy}
                      >
                        {t("alerts.reopen")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The outcome of the last alert action, announced politely (success) or assertively (error). */
export function AlertActionMessage({ result }: { result?: AlertActionResult | null }) {
  if (!result || (!result.ok && result.field === "note")) return null;
  return result.ok ? (
    <div className="alert alert-success" role="status">
      {result.message}
    </div>
  ) : (
    <div className="alert alert-error" role="alert">
      {result.message}
    </div>
  );
}
