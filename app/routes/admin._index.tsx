import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { getAccountOverview } from "~/models/account.server";
import { SEGMENTS } from "~/models/segment";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { TableWrap } from "~/components/ui/TableWrap";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return getAccountOverview();
}

export default function AdminOverview() {
  const { t } = useTranslation();
  const { number, money, date } = useFormatters();
  const overview = useLoaderData<typeof loader>();
  const stats = [
    { label: t("admin.activeAccounts"), value: number.format(overview.activeAccounts) },
    { label: t("admin.userCount"), value: number.format(overview.customerUsers) },
    { label: t("admin.arrTotal"), value: money.format(overview.arrTotal) },
    { label: t("admin.churnedAccounts"), value: number.format(overview.churnedAccounts) },
  ];
  return (
    <>
      <h2 className="visually-hidden">{t("admin.overview")}</h2>
      <dl className="stats">
        {stats.map((s) => (
          <div className="stat" key={s.label}>
            <dt>{s.label}</dt>
            <dd>{s.value}</dd>
          </div>
        ))}
      </dl>

      <section className="card" aria-labelledby="by-segment">
        <h2 id="by-segment">{t("admin.bySegment")}</h2>
        <ul className="segment-counts">
          {SEGMENTS.map((segment) => (
            <li key={segment}>
              <Link to={`/admin/accounts?segment=${segment}`}>
                <span className={`badge badge-${segment}`}>{t(`segments.${segment}`)}</span>
                <span className="segment-count">{number.format(overview.bySegment[segment])}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="renewals">
        <h2 id="renewals">{t("admin.renewingWithin", { days: overview.renewalWindowDays })}</h2>
        {overview.renewals.length === 0 ? (
          <p className="muted">{t("admin.noRenewals")}</p>
        ) : (
          <>
            <TableWrap labelledBy="renewals">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.renewal")}</th>
                    <th scope="col">{t("admin.name")}</th>
                    <th scope="col" className="num">
                      {t("admin.arr")}
                    </th>
                    <th scope="col">{t("admin.segment")}</th>
                    <th scope="col">{t("admin.owner")}</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.renewals.map((a) => (
                    <tr key={a.id}>
                      <td className="nowrap">
                        {a.renewalDate ? date.format(new Date(a.renewalDate)) : "—"}
                      </td>
                      <td>
                        <Link to={`/admin/accounts/${a.id}`}>{a.name}</Link>
                      </td>
                      <td className="num">{money.format(a.arr)}</td>
                      <td>
                        <span className={`badge badge-${a.segment}`}>
                          {t(`segments.${a.segment}`, { defaultValue: a.segment })}
                        </span>
                      </td>
                      <td>
                        {a.owner?.name ?? <span className="muted">{t("admin.noOwner")}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {overview.renewalCount > overview.renewals.length ? (
              <p className="muted">
                {t("admin.renewalsShown", {
                  shown: overview.renewals.length,
                  count: overview.renewalCount,
                })}
              </p>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
