// The alerts inbox: every alert CS must act on, filtered by status, kind and owner ("me").
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { alertAction } from "~/components/alerts/alert-actions.server";
import { AlertActionMessage, AlertTable, kindLabel } from "~/components/alerts/AlertTable";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import {
  ALERT_STATUS_FILTERS,
  listAlerts,
  listStaff,
  parseAlertFilters,
} from "~/models/alert.server";
import { requireHealthViewer } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Alerts · CS console" }];

const PATH = "/admin/alerts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireHealthViewer(request);
  const filters = parseAlertFilters(new URL(request.url).searchParams);
  const [result, staff] = await Promise.all([listAlerts(user, filters), listStaff()]);
  return { ...result, staff, filters, statusFilters: ALERT_STATUS_FILTERS };
}

export async function action(args: ActionFunctionArgs) {
  return alertAction(args);
}

function link(filters: { status: string; kind: string; owner: string }, page: number) {
  const params = new URLSearchParams();
  if (filters.status !== "active") params.set("status", filters.status);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.owner) params.set("owner", filters.owner);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${PATH}?${search}` : PATH;
}

export default function AlertsInbox() {
  const { t } = useTranslation();
  const { number } = useFormatters();
  const { alerts, total, pageCount, kinds, staff, filters, statusFilters } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const page = Math.min(filters.page, pageCount);
  const filtered = filters.status !== "active" || filters.kind || filters.owner;
  return (
    <div className="alerts-inbox">
      <h2 id="alerts-title">{t("alerts.title")}</h2>
      <p className="muted">{t("alerts.intro")}</p>
      <Form
        method="get"
        className="inline-form admin-filter"
        aria-label={t("alerts.filters.label")}
      >
        <div className="field">
          <label htmlFor="alerts-status">{t("alerts.filters.status")}</label>
          <select id="alerts-status" name="status" defaultValue={filters.status}>
            {statusFilters.map((s) => (
              <option key={s} value={s}>
                {s === "active"
                  ? t("alerts.filters.active")
                  : s === "all"
                    ? t("alerts.filters.all")
                    : t(`alerts.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="alerts-kind">{t("alerts.filters.kind")}</label>
          <select id="alerts-kind" name="kind" defaultValue={filters.kind}>
            <option value="">{t("alerts.filters.all")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="alerts-owner">{t("alerts.filters.owner")}</label>
          <select id="alerts-owner" name="owner" defaultValue={filters.owner}>
            <option value="">{t("alerts.filters.anyOwner")}</option>
            <option value="me">{t("alerts.filters.mine")}</option>
            <option value="none">{t("alerts.filters.unassigned")}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t("alerts.filters.apply")}
        </button>
        {filtered ? (
          <Link to={PATH} className="button button-secondary">
            {t("alerts.filters.clear")}
          </Link>
        ) : null}
      </Form>
      <AlertActionMessage result={actionData} />
      <p className="muted admin-result-count" aria-live="polite">
        {t("alerts.count", { count: total, formatted: number.format(total) })}
      </p>
      {alerts.length === 0 ? (
        <p className="card">{t("alerts.none")}</p>
      ) : (
        <AlertTable
          alerts={alerts}
          staff={staff}
          busy={navigation.state === "submitting"}
          result={actionData}
          showAccount
          labelledBy="alerts-title"
        />
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label={t("alerts.pagination")}>
          {page > 1 ? (
            <Link to={link(filters, page - 1)} rel="prev">
              {t("alerts.previous")}
            </Link>
          ) : (
            <span aria-hidden="true" />
          )}
          <span>{t("alerts.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <Link to={link(filters, page + 1)} rel="next">
              {t("alerts.next")}
            </Link>
          ) : (
            <span aria-hidden="true" />
          )}
        </nav>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
