import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AudienceText } from "~/components/Announcements";
import { Notice } from "~/components/ui/Field";
import { listAnnouncementsForConsole } from "~/models/announcement.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Announcements · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const { locale } = await getRequestT(request, user);
  return { announcements: await listAnnouncementsForConsole(), locale };
}

export default function AdminAnnouncements() {
  const { t } = useTranslation();
  const { moment, number } = useFormatters();
  const { announcements, locale } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="admin-announcements" aria-labelledby="announcements-admin-title">
      <div className="announcements-admin-head">
        <h2 id="announcements-admin-title">{t("announcements.title")}</h2>
        <Link to="/admin/announcements/new" className="button">
          {t("announcements.new")}
        </Link>
      </div>
      <p className="muted">{t("announcements.intro")}</p>
      {params.get("deleted") ? <Notice>{t("announcements.deleted")}</Notice> : null}
      {announcements.length === 0 ? (
        <p className="card empty-state">{t("announcements.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="announcements-table">
            <thead>
              <tr>
                <th scope="col">{t("announcements.columns.title")}</th>
                <th scope="col">{t("announcements.columns.kind")}</th>
                <th scope="col">{t("announcements.columns.audience")}</th>
                <th scope="col">{t("announcements.columns.status")}</th>
                <th scope="col">{t("announcements.columns.published")}</th>
                <th scope="col">{t("announcements.columns.expires")}</th>
                <th scope="col" className="num">
                  {t("announcements.columns.dismissals")}
                </th>
              </tr>
            </thead>
            <tbody>
              {announcements.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/admin/announcements/${a.id}`}>
                      {locale === "ja" ? a.titleJa : a.titleEn}
                    </Link>
                  </th>
                  <td data-label={t("announcements.columns.kind")}>
                    <span className={`badge announcement-badge announcement-badge-${a.kind}`}>
                      {t(`announcements.kinds.${a.kind}`, { defaultValue: a.kind })}
                    </span>
                  </td>
                  <td data-label={t("announcements.columns.audience")}>
                    <AudienceText segments={a.segments} plans={a.plans} />
                  </td>
                  <td data-label={t("announcements.columns.status")}>
                    <span className={`badge announcement-status announcement-status-${a.status}`}>
                      {t(`announcements.statuses.${a.status}`)}
                    </span>
                  </td>
                  <td className="nowrap" data-label={t("announcements.columns.published")}>
                    {a.publishedAt ? moment.format(new Date(a.publishedAt)) : "—"}
                  </td>
                  <td className="nowrap" data-label={t("announcements.columns.expires")}>
                    {a.expiresAt ? moment.format(new Date(a.expiresAt)) : "—"}
                  </td>
                  <td className="num" data-label={t("announcements.columns.dismissals")}>
                    {number.format(a.dismissals)}
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
