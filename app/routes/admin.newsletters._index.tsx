import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listNewsletters } from "~/models/newsletter.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Newsletters · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const rows = await listNewsletters();
  return {
    newsletters: rows.map((n) => ({
      id: n.id,
      subject: n.subject,
      status: n.status,
      recipients: n.recipientCount,
      when: (n.sentAt ?? n.scheduledAt)?.toISOString() ?? null,
    })),
  };
}

export default function AdminNewsletters() {
  const { t } = useTranslation();
  const { moment, number } = useFormatters();
  const { newsletters } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="newsletters-title">
      <div className="notifications-head">
        <h2 id="newsletters-title">{t("notifications.newsletters.title")}</h2>
        <Link to="/admin/newsletters/new" className="button">
          {t("notifications.newsletters.new")}
        </Link>
      </div>
      <p className="muted">{t("notifications.newsletters.intro")}</p>
      {newsletters.length === 0 ? (
        <p className="card empty-state">{t("notifications.newsletters.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="newsletter-table">
            <thead>
              <tr>
                <th scope="col">{t("notifications.newsletters.columns.subject")}</th>
                <th scope="col">{t("notifications.newsletters.columns.status")}</th>
                <th scope="col">{t("notifications.newsletters.columns.recipients")}</th>
                <th scope="col">{t("notifications.newsletters.columns.when")}</th>
              </tr>
            </thead>
            <tbody>
              {newsletters.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <Link to={`/admin/newsletters/${n.id}`}>{n.subject}</Link>
                  </th>
                  <td data-label={t("notifications.newsletters.columns.status")}>
                    <span className="badge">
                      {t(`notifications.newsletters.statuses.${n.status}`)}
                    </span>
                  </td>
                  <td data-label={t("notifications.newsletters.columns.recipients")}>
                    {n.status === "sent" ? number.format(n.recipients) : "—"}
                  </td>
                  <td data-label={t("notifications.newsletters.columns.when")}>
                    {n.when ? moment.format(new Date(n.when)) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
