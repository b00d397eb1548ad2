// Search insights: what customers search for, what they do not find, what they find and do not
// open, and how often searching spared a support request, over a period and for one account or all.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TrendChart } from "~/components/charts/TrendChart";
import { TableWrap } from "~/components/ui/TableWrap";
import {
  getSearchInsights,
  INSIGHT_PERIODS,
  parseInsightPeriod,
  type QueryRow,
} from "~/models/search-insights.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

const INSIGHTS_PATH = "/admin/insights";
const NEW_ARTICLE_PATH = "/admin/content/new";
/** Account ids are cuids; anything much longer is not one. */
const ACCOUNT_ID_MAX_LENGTH = 64;
const DAY_MS = 24 * 60 * 60 * 1000;

// Filters come from a GET form and shared links: a bad value means "no filter", not an error.
const filtersSchema = z.object({
  account: z.string().trim().min(1).max(ACCOUNT_ID_MAX_LENGTH).nullable().catch(null),
  page: z.coerce.number().int().positive().catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const { account, page } = filtersSchema.parse({
    account: params.get("account"),
    page: params.get("page") ?? undefined,
  });
  const insights = await getSearchInsights({
    days: parseInsightPeriod(params.get("days")),
    accountId: account,
    accountPage: page,
  });
  // The component cannot import the server module, so the choices travel with the data.
  return { ...insights, periods: INSIGHT_PERIODS };
}

function insightsLink(days: number, accountId: string | null, page = 1) {
  const params = new URLSearchParams({ days: String(days) });
  if (accountId) params.set("account", accountId);
  if (page > 1) params.set("page", String(page));
  return `${INSIGHTS_PATH}?${params}`;
}

function newArticleLink(row: Pick<QueryRow, "query" | "locale">) {
  const params = new URLSearchParams({ title: row.query });
  if (row.locale) params.set("locale", row.locale);
  return `${NEW_ARTICLE_PATH}?${params}`;
}

function useInsightFormats() {
  const { i18n, t } = useTranslation();
  const base = useFormatters();
  const locale = i18n.language;
  const percentFormat = new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 1,
  });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const shortDay = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const empty = t("insights.empty");
  return {
    ...base,
    shortDay,
    percent: (value: number | null) => (value === null ? empty : percentFormat.format(value)),
    decimal: (value: number | null) => (value === null ? empty : decimal.format(value)),
    locale: (value: string) =>
      value ? t(`insights.locales.${value}`, { defaultValue: value }) : empty,
  };
}

export default function SearchInsights() {
  const { t } = useTranslation();
  const insights = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const f = useInsightFormats();
  const { totals, days, account } = insights;
  const accountId = account?.id ?? null;
  const lastDay = new Date(new Date(insights.to).getTime() - DAY_MS);
  const range = t("insights.search.range", {
    from: f.date.format(new Date(insights.from)),
    to: f.date.format(lastDay),
  });
  const dayDates = insights.daily.map((point) => new Date(`${point.day}T00:00:00Z`));

  const kpis = [
    {
      key: "searches",
      label: t("insights.search.searches"),
      value: f.number.format(totals.searches),
      detail: t("insights.search.searchers", { formatted: f.number.format(totals.searchers) }),
    },
    {
      key: "zero",
      label: t("insights.search.zeroResultRate"),
      value: f.percent(totals.zeroResultRate),
      detail: t("insights.search.zeroResultDetail", {
        formatted: f.number.format(totals.zeroResult),
      }),
    },
    {
      key: "ctr",
      label: t("insights.search.clickThroughRate"),
      value: f.percent(totals.clickThroughRate),
      detail: t("insights.search.clickThroughDetail", {
        clicks: f.number.format(totals.clicks),
        found: f.number.format(totals.withResults),
      }),
    },
    {
      key: "deflection",
      label: t("insights.search.deflectionRate"),
      value: f.percent(totals.deflectionRate),
      detail: t("insights.search.deflectionDetail", {
        deflections: f.number.format(totals.deflections),
        requests: f.number.format(totals.supportRequests),
      }),
    },
    {
      key: "position",
      label: t("insights.search.meanPosition"),
      value: f.decimal(totals.meanClickPosition),
      detail: t("insights.search.meanPositionDetail"),
    },
  ];

  return (
    <>
      <h3 className="visually-hidden">{t("insights.search.heading")}</h3>
      <Form
        method="get"
        className="inline-form admin-filter insights-filter"
        aria-label={t("insights.search.filters")}
      >
        <div className="field">
          <label htmlFor="insights-days">{t("insights.search.period")}</label>
          <select id="insights-days" name="days" defaultValue={String(days)}>
            {insights.periods.map((d) => (
              <option key={d} value={d}>
                {t("insights.search.periodDays", { days: d })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="insights-account">{t("insights.search.account")}</label>
          <select id="insights-account" name="account" defaultValue={accountId ?? ""}>
            <option value="">{t("insights.search.allAccounts")}</option>
            {insights.accounts.options.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={navigation.state === "loading"}>
          {t("insights.search.apply")}
        </button>
        {accountId || days !== insights.defaultDays ? (
          <Link to={INSIGHTS_PATH} className="button button-secondary">
            {t("insights.search.clear")}
          </Link>
        ) : null}
      </Form>

      <p className="muted insights-scope">
        {range}{" "}
        {account ? (
          <>
            {t("insights.search.scopeAccount", { account: account.name })}{" "}
            <Link to={`/admin/accounts/${account.id}`}>{t("insights.search.openAccount")}</Link>
          </>
        ) : (
          t("insights.search.scopeAll")
        )}
      </p>

      <section aria-labelledby="insights-kpis">
        <h4 id="insights-kpis" className="visually-hidden">
          {t("insights.search.kpis")}
        </h4>
        <dl className="stats insights-kpis">
          {kpis.map((kpi) => (
            <div className="stat" key={kpi.key} data-kpi={kpi.key}>
              <dt>{kpi.label}</dt>
              <dd>
                <span className="insights-kpi-value">{kpi.value}</span>
                <span className="insights-kpi-detail">{kpi.detail}</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="insights-trend">
        <h4 id="insights-trend">{t("insights.search.trendTitle")}</h4>
        <TrendChart
          id="insights-trend-chart"
          title={t("insights.search.trendTitle")}
          description={t("insights.search.trendDescription", { range })}
          labels={dayDates.map((d) => f.shortDay.format(d))}
          tableLabels={dayDates.map((d) => f.date.format(d))}
          series={[
            {
              key: "searches",
              label: t("insights.search.seriesSearches"),
              values: insights.daily.map((p) => p.searches),
            },
            {
              key: "zero",
              label: t("insights.search.seriesZero"),
              values: insights.daily.map((p) => p.zeroResult),
            },
            {
              key: "clicks",
              label: t("insights.search.seriesClicks"),
              values: insights.daily.map((p) => p.clicks),
            },
            {
              key: "deflections",
              label: t("insights.search.seriesDeflections"),
              values: insights.daily.map((p) => p.deflections),
            },
          ]}
          formatNumber={(n) => f.number.format(n)}
          numbersLabel={t("insights.search.showNumbers")}
          dayHeader={t("insights.search.day")}
        />
      </section>

      <div className="insights-grid">
        <QueryTable
          id="insights-top"
          title={t("insights.search.topQueries")}
          intro={t("insights.search.topQueriesIntro")}
          empty={t("insights.search.noSearches")}
          rows={insights.topQueries}
          columns={[
            { header: t("insights.search.count"), num: (r) => r.searches },
            { header: t("insights.search.results"), num: (r) => r.results },
            { header: t("insights.search.ctr"), percent: (r) => r.clickThroughRate },
          ]}
        />

        <QueryTable
          id="insights-zero"
          title={t("insights.search.zeroQueries")}
          intro={t("insights.search.zeroQueriesIntro")}
          empty={t("insights.search.noZeroResults")}
          rows={insights.zeroResultQueries}
          columns={[
            { header: t("insights.search.count"), num: (r) => r.searches },
            { header: t("insights.search.accountsAffected"), num: (r) => r.accounts },
            {
              header: t("insights.search.lastSearched"),
              text: (r) => f.moment.format(new Date(r.lastSearchedAt)),
            },
            {
              header: t("insights.search.nextStep"),
              text: (r) => (
                <Link to={newArticleLink(r)}>
                  {t("insights.search.writeArticle")}
                  <span className="visually-hidden">
                    {" "}
                    {t("insights.search.writeArticleFor", { query: r.query })}
                  </span>
                </Link>
              ),
            },
          ]}
        />

        <QueryTable
          id="insights-noclick"
          title={t("insights.search.noClickQueries")}
          intro={t("insights.search.noClickQueriesIntro")}
          empty={t("insights.search.noUnclicked")}
          rows={insights.noClickQueries}
          columns={[
            { header: t("insights.search.unclicked"), num: (r) => r.unclicked },
            { header: t("insights.search.count"), num: (r) => r.searches },
            { header: t("insights.search.results"), num: (r) => r.results },
            { header: t("insights.search.ctr"), percent: (r) => r.clickThroughRate },
          ]}
        />

        {account ? null : (
          <section className="card" aria-labelledby="insights-accounts">
            <h4 id="insights-accounts">{t("insights.search.byAccount")}</h4>
            <p className="muted">{t("insights.search.byAccountIntro")}</p>
            {insights.accounts.rows.length === 0 ? (
              <p>{t("insights.search.noAccounts")}</p>
            ) : (
              <>
                <TableWrap labelledBy="insights-accounts">
                  <table className="insights-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("insights.search.account")}</th>
                        <th scope="col" className="num">
                          {t("insights.search.count")}
                        </th>
                        <th scope="col" className="num">
                          {t("insights.search.zeroResultRate")}
                        </th>
                        <th scope="col" className="num">
                          {t("insights.search.ctr")}
                        </th>
                        <th scope="col" className="num">
                          {t("insights.search.seriesDeflections")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {insights.accounts.rows.map((row) => (
                        <tr key={row.id}>
                          <th scope="row">
                            <Link to={`/admin/accounts/${row.id}`}>{row.name}</Link>
                          </th>
                          <td className="num">{f.number.format(row.searches)}</td>
                          <td className="num">{f.percent(row.zeroResultRate)}</td>
                          <td className="num">{f.percent(row.clickThroughRate)}</td>
                          <td className="num">{f.number.format(row.deflections)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
                {insights.accounts.pageCount > 1 ? (
                  <nav className="pagination" aria-label={t("insights.search.pagination")}>
                    {insights.accounts.page > 1 ? (
                      <Link to={insightsLink(days, null, insights.accounts.page - 1)} rel="prev">
                        {t("admin.previous")}
                      </Link>
                    ) : (
                      <span aria-hidden="true" />
                    )}
                    <span>
                      {t("admin.pageOf", {
                        page: insights.accounts.page,
                        pages: insights.accounts.pageCount,
                      })}
                    </span>
                    {insights.accounts.page < insights.accounts.pageCount ? (
                      <Link to={insightsLink(days, null, insights.accounts.page + 1)} rel="next">
                        {t("admin.next")}
                      </Link>
                    ) : (
                      <span aria-hidden="true" />
                    )}
                  </nav>
                ) : null}
              </>
            )}
          </section>
        )}
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";

type QueryColumn<Row> = { header: string } & (
  | { num: (row: Row) => number }
  | { percent: (row: Row) => number | null }
  | { text: (row: Row) => ReactNode }
);

/** A card with one query per row (the query and its language first), or a line when empty. */
function QueryTable<Row extends { key: string; query: string; locale: string }>({
  id,
  title,
  intro,
  empty,
  rows,
  columns,
}: {
  id: string;
  title: string;
  intro: string;
  empty: string;
  rows: Row[];
  columns: QueryColumn<Row>[];
}) {
  const { t } = useTranslation();
  const f = useInsightFormats();
  const cell = (column: QueryColumn<Row>, row: Row) =>
    "num" in column
      ? f.number.format(column.num(row))
      : "percent" in column
        ? f.percent(column.percent(row))
        : column.text(row);
  return (
    <section className="card" aria-labelledby={id}>
      <h4 id={id}>{title}</h4>
      <p className="muted">{intro}</p>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <TableWrap labelledBy={id}>
          <table className="insights-table">
            <thead>
              <tr>
                <th scope="col">{t("insights.search.query")}</th>
                <th scope="col">{t("insights.search.language")}</th>
                {columns.map((column) => (
                  <th
                    key={column.header}
                    scope="col"
                    className={"text" in column ? undefined : "num"}
                  >
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row" className="insights-query">
                    {row.query}
                  </th>
                  <td>{f.locale(row.locale)}</td>
                  {columns.map((column) => (
                    <td key={column.header} className={"text" in column ? "nowrap" : "num"}>
                      {cell(column, row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
