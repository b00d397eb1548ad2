// One webhook's delivery log (newest first, by status, paged) with "resend" for admins.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Notice } from "~/components/ui/Field";
import { TableWrap } from "~/components/ui/TableWrap";
import { DELIVERY_STATUSES, isDeliveryStatus } from "~/commands/webhook-deliveries.server";
import { canManageWebhooks, getWebhook, resendDelivery } from "~/models/webhook.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp, notFound } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Webhook deliveries · CS console" }];

const BASE = "/admin/integrations/webhooks";
const ID_MAX_LENGTH = 40;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const id = params.id ?? "";
  if (id.length > ID_MAX_LENGTH) throw notFound();
  const url = new URL(request.url);
  const status = url.searchParams.get("status") ?? "";
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const result = await getWebhook(user, id, {
    page,
    status: isDeliveryStatus(status) ? status : undefined,
  });
  return {
    ...result,
    page: Math.min(page, result.pageCount),
    status: isDeliveryStatus(status) ? status : "",
    statuses: DELIVERY_STATUSES,
    canManage: canManageWebhooks(user),
    done: url.searchParams.get("done"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const id = params.id ?? "";
  const form = await request.formData();
  const deliveryId = form.get("deliveryId");
  if (
    form.get("intent") !== "resend" ||
    typeof deliveryId !== "string" ||
    !deliveryId ||
    deliveryId.length > ID_MAX_LENGTH
  ) {
    return data({ error: t("alerts.errors.invalid") }, { status: 400 });
  }
  const copy = await resendDelivery(user, id, deliveryId, clientIp(context));
  if (!copy) return data({ error: t("webhooks.inactive") }, { status: 409 });
  return redirect(`${BASE}/${id}?done=resent`);
}

function pageLink(id: string, status: string, page: number) {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return `${BASE}/${id}${search ? `?${search}` : ""}`;
}

export default function WebhookDeliveries() {
  const { t } = useTranslation();
  const { moment, number } = useFormatters();
  const { webhook, deliveries, total, page, pageCount, status, statuses, canManage, done } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const doneText: Record<string, string> = {
    resent: t("webhooks.resent"),
    pinged: t("webhooks.pinged"),
  };
  return (
    <div className="integrations webhooks">
      <p>
        <Link to={BASE}>← {t("webhooks.title")}</Link>
      </p>
      <h2 id="deliveries-title" className="webhook-url">
        {t("webhooks.logFor", { url: webhook.url })}
      </h2>
      <p>
        <span className={`badge ${webhook.active ? "badge-tech_touch" : "badge-churned"}`}>
          {webhook.active ? t("webhooks.active") : t("webhooks.disabled")}
        </span>{" "}
        {webhook.description ? <span className="muted">{webhook.description}</span> : null}{" "}
        {webhook.events.map((e) => (
          <code key={e} className="scope">
            {e}
          </code>
        ))}
      </p>
      {done && doneText[done] && !actionData ? <Notice>{doneText[done]}</Notice> : null}
      {actionData ? (
        <div className="alert alert-error" role="alert">
          {actionData.error}
        </div>
      ) : null}
      <Form method="get" className="inline-form admin-filter">
        <div className="field">
          <label htmlFor="delivery-status">{t("webhooks.filterStatus")}</label>
          <select id="delivery-status" name="status" defaultValue={status}>
            <option value="">{t("webhooks.allStatuses")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`webhooks.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("alerts.filters.apply")}
        </button>
      </Form>
      <p className="muted" aria-live="polite">
        {number.format(total)}
      </p>
      {deliveries.length === 0 ? (
        <p className="card">{t("webhooks.noDeliveries")}</p>
      ) : (
        <TableWrap labelledBy="deliveries-title">
          <table className="webhook-deliveries">
            <thead>
              <tr>
                <th scope="col">{t("webhooks.deliveryColumns.event")}</th>
                <th scope="col">{t("webhooks.deliveryColumns.status")}</th>
                <th scope="col" className="num">
                  {t("webhooks.deliveryColumns.attempts")}
                </th>
                <th scope="col">{t("webhooks.deliveryColumns.response")}</th>
                <th scope="col">{t("webhooks.deliveryColumns.when")}</th>
                <th scope="col">{t("webhooks.deliveryColumns.next")}</th>
                {canManage ? <th scope="col">{t("webhooks.deliveryColumns.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <code>{d.event}</code>
                    <details>
                      <summary>{t("webhooks.payload")}</summary>
                      <pre className="webhook-payload">
                        {JSON.stringify(JSON.parse(d.payload), null, 2)}
                      </pre>
                    </details>
                  </th>
                  <td>
                    <span className={`badge delivery-${d.status}`}>
                      {t(`webhooks.statuses.${d.status}`, { defaultValue: d.status })}
                    </span>
                  </td>
                  <td className="num">{number.format(d.attempts)}</td>
                  <td className="webhook-answer">
                    {d.lastStatusCode ? <code>HTTP {d.lastStatusCode}</code> : null}
                    {d.attempts > 0 && !d.lastStatusCode ? t("webhooks.noAnswer") : null}
                    {d.lastError ? <div className="muted">{d.lastError}</div> : null}
                    {d.lastDurationMs !== null ? (
                      <div className="muted">{number.format(d.lastDurationMs)} ms</div>
                    ) : null}
                  </td>
                  <td className="nowrap">{moment.format(new Date(d.createdAt))}</td>
                  <td className="nowrap">
                    {d.status === "pending" || d.status === "failed"
                      ? moment.format(new Date(d.nextAttemptAt))
                      : "—"}
                  </td>
                  {canManage ? (
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="resend" />
                        <input type="hidden" name="deliveryId" value={d.id} />
                        <button
                          type="submit"
                          className="button button-secondary button-small"
                          aria-label={t("webhooks.resendLabel", { id: d.id })}
                          disabled={navigation.state === "submitting" || !webhook.active}
                        >
                          {t("webhooks.resend")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label={t("webhooks.pagination")}>
          {page > 1 ? (
            <Link to={pageLink(webhook.id, status, page - 1)} rel="prev">
              {t("webhooks.previous")}
            </Link>
          ) : (
            <span aria-hidden="true" />
          )}
          <span>{t("webhooks.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageLink(webhook.id, status, page + 1)} rel="next">
              {t("webhooks.next")}
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
