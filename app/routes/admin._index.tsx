// The portfolio dashboard: the book of business, its health distribution, accounts at risk by
// ARR, renewals with their band, revenue retention, deflection and 12 weeks of engagement.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/charts/BarChart";
import { TrendChart } from "~/components/charts/TrendChart";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { BandBadge, TrendValue } from "~/components/health/HealthBits";
import { TableWrap } from "~/components/ui/TableWrap";
import { BANDS } from "~/health/model";
import { getAccountOverview } from "~/models/account.server";
import { getPortfolio } from "~/models/portfolio.server";
import { SEGMENTS } from "~/models/segment";
import { requireHealthViewer } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireHealthViewer(request);
  const [overview, portfolio] = await Promise.all([getAccountOverview(), getPortfolio()]);
  return { overview, portfolio };
}

function percent(locale: string, value: number | null) {
  if (value === null) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
    value,
  );
}

export default function AdminOverview() {
  const { t, i18n } = useTranslation();
  const { number, money, date } = useFormatters();
  const { overview, portfolio } = useLoaderData<typeof loader>();
  const { distribution, revenue } = portfolio;
  const stats = [
    { label: t("admin.activeAccounts"), value: number.format(overview.activeAccounts) },
    { label: t("admin.userCount"), value: number.format(overview.customerUsers) },
    { label: t("admin.arrTotal"), value: money.format(overview.arrTotal) },
    { label: t("admin.churnedAccounts"), value: number.format(overview.churnedAccounts) },
  ];
  const shortDay = new Intl.DateTimeFormat(i18n.language, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const weeks = portfolio.engagement.map((w) => new Date(w.week));
  const weekLabels = weeks.map((w) => shortDay.format(w));
  const weekTableLabels = weeks.map((w) => date.format(w));
  const range = {
    from: weekTableLabels[0] ?? "",
    to: weekTableLabels[weekTableLabels.length - 1] ?? "",
  };
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

      <div className="portfolio-grid">
        <section className="card" aria-labelledby="distribution">
          <h2 id="distribution">{t("healthConsole.portfolio.distribution")}</h2>
          <BarChart
            id="band-distribution"
            title={t("healthConsole.portfolio.distribution")}
            description={t("healthConsole.portfolio.distributionDescription", {
              red: distribution.red.accounts,
              yellow: distribution.yellow.accounts,
              green: distribution.green.accounts,
            })}
            bars={BANDS.map((b) => ({
              key: b,
              label: t(`healthConsole.bands.${b}`),
              value: distribution[b].accounts,
              className: `zone-${b} bar-${b}`,
            }))}
            formatNumber={(n) => number.format(n)}
          />
          <ul className="band-list">
            {BANDS.map((b) => (
              <li key={b}>
                <Link to={`/admin/accounts?band=${b}&sort=arr`}>
                  <span className={`band band-${b}`}>{t(`healthConsole.bands.${b}`)}</span>{" "}
                  {t("healthConsole.portfolio.accountsArr", {
                    count: distribution[b].accounts,
                    arr: money.format(distribution[b].arr),
                  })}
                </Link>
              </li>
            ))}
          </ul>
          {portfolio.unscored > 0 ? (
            <p className="muted">
              {t("healthConsole.portfolio.unscored", { count: portfolio.unscored })}
            </p>
          ) : null}
        </section>

        <section className="card" aria-labelledby="revenue">
          <h2 id="revenue">{t("healthConsole.portfolio.revenue")}</h2>
          <dl className="stats stats-compact">
            <div className="stat">
              <dt>{t("healthConsole.portfolio.grossRetention")}</dt>
              <dd>{percent(i18n.language, revenue.grossRetention)}</dd>
            </div>
            <div className="stat">
              <dt>{t("healthConsole.portfolio.netRetention")}</dt>
              <dd>{percent(i18n.language, revenue.netRetention)}</dd>
            </div>
            <div className="stat">
              <dt>{t("healthConsole.portfolio.logoChurn")}</dt>
              <dd>{percent(i18n.language, revenue.logoChurnRate)}</dd>
            </div>
            <div className="stat">
              <dt>{t("healthConsole.portfolio.averageLtv")}</dt>
              <dd>
                {revenue.averageLtv === null
                  ? t("healthConsole.portfolio.noChurn")
                  : money.format(Math.round(revenue.averageLtv))}
              </dd>
            </div>
            <div className="stat">
              <dt>
                {t("healthConsole.portfolio.deflection", { days: portfolio.deflection.days })}
              </dt>
              <dd>{percent(i18n.language, portfolio.deflection.rate)}</dd>
            </div>
          </dl>
          <p className="muted">
            {t("healthConsole.portfolio.revenueNote", {
              accounts: number.format(revenue.startAccounts),
              arr: money.format(revenue.startArr),
              churned: number.format(revenue.churnedAccounts),
              churnedArr: money.format(revenue.churnedArr),
            })}{" "}
            {revenue.averageArr !== null
              ? t("healthConsole.portfolio.ltvNote", {
                  arr: money.format(Math.round(revenue.averageArr)),
                })
              : null}{" "}
            {t("healthConsole.portfolio.deflectionNote", {
              deflected: number.format(portfolio.deflection.deflections),
              sent: number.format(portfolio.deflection.supportRequests),
            })}
          </p>
        </section>
      </div>

      <section className="card" aria-labelledby="at-risk">
        <h2 id="at-risk">{t("healthConsole.portfolio.atRisk")}</h2>
        <p className="muted">{t("healthConsole.portfolio.atRiskIntro")}</p>
        {portfolio.atRisk.length === 0 ? (
          <p>{t("healthConsole.portfolio.noAtRisk")}</p>
        ) : (
          <TableWrap labelledBy="at-risk">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.name")}</th>
                  <th scope="col" className="num">
                    {t("admin.arr")}
                  </th>
                  <th scope="col">{t("healthConsole.list.score")}</th>
                  <th scope="col" className="num">
                    {t("healthConsole.list.trend7")}
                  </th>
                  <th scope="col">{t("admin.renewal")}</th>
                  <th scope="col">{t("admin.owner")}</th>
                </tr>
              </thead>
              <tbody>
                {portfolio.atRisk.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/admin/accounts/${a.id}`}>{a.name}</Link>
                    </th>
                    <td className="num nowrap">{money.format(a.arr)}</td>
                    <td className="nowrap">
                      <BandBadge score={a.healthScore} band={a.healthBand} />
                    </td>
                    <td className="num nowrap">
                      <TrendValue value={a.healthTrend7} />
                    </td>
                    <td className="nowrap">
                      {a.renewalDate ? date.format(new Date(a.renewalDate)) : "—"}
                    </td>
                    <td>{a.owner?.name ?? <span className="muted">{t("admin.noOwner")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="card" aria-labelledby="renewals">
        <h2 id="renewals">
          {t("healthConsole.portfolio.renewals", { days: portfolio.renewalDays })}
        </h2>
        {portfolio.renewals.length === 0 ? (
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
                    <th scope="col">{t("healthConsole.list.score")}</th>
                    <th scope="col">{t("admin.owner")}</th>
                  </tr>
                </thead>
                <tbody>
                  {portfolio.renewals.map((a) => (
                    <tr key={a.id}>
                      <td className="nowrap">
                        {a.renewalDate ? date.format(new Date(a.renewalDate)) : "—"}
                      </td>
                      <th scope="row">
                        <Link to={`/admin/accounts/${a.id}`}>{a.name}</Link>
                      </th>
                      <td className="num nowrap">{money.format(a.arr)}</td>
                      <td className="nowrap">
                        <BandBadge score={a.healthScore} band={a.healthBand} />
                      </td>
                      <td>
                        {a.owner?.name ?? <span className="muted">{t("admin.noOwner")}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {portfolio.renewalCount > portfolio.renewals.length ? (
              <p className="muted">
                {t("healthConsole.portfolio.renewalsMore", {
                  shown: portfolio.renewals.length,
                  count: portfolio.renewalCount,
                })}{" "}
                <Link to={`/admin/accounts?renewal=${portfolio.renewalDays}&sort=renewal`}>
                  {t("admin.accounts")}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="engagement">
        <h2 id="engagement">{t("healthConsole.portfolio.engagement")}</h2>
        <TrendChart
          id="weekly-active"
          title={t("healthConsole.portfolio.weeklyActive")}
          description={t("healthConsole.portfolio.weeklyActiveDescription", range)}
          labels={weekLabels}
          tableLabels={weekTableLabels}
          series={[
            {
              key: "users",
              label: t("healthConsole.portfolio.weeklyActive"),
              values: portfolio.engagement.map((w) => w.activeUsers),
            },
          ]}
          formatNumber={(n) => number.format(n)}
          numbersLabel={t("healthConsole.account.numbers")}
          dayHeader={t("healthConsole.portfolio.week")}
        />
        <TrendChart
          id="weekly-events"
          title={t("healthConsole.portfolio.weeklyEvents")}
          description={t("healthConsole.portfolio.weeklyEventsDescription", range)}
          labels={weekLabels}
          tableLabels={weekTableLabels}
          series={[
            {
              key: "events",
              label: t("healthConsole.portfolio.weeklyEvents"),
              values: portfolio.engagement.map((w) => w.events),
            },
          ]}
          formatNumber={(n) => number.format(n)}
          numbersLabel={t("healthConsole.account.numbers")}
          dayHeader={t("healthConsole.portfolio.week")}
        />
      </section>

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
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
