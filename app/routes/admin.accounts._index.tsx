// The CS account list: health score and band, 7-day trend, segment, plan, ARR, renewal, owner and
// last activity; sortable, filterable by band, segment, owner and renewal window; search; pages;
// the CSV export link carries the same filters.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BandBadge, TrendValue } from "~/components/health/HealthBits";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { TableWrap } from "~/components/ui/TableWrap";
import { BANDS } from "~/health/model";
import { SEARCH_MAX_LENGTH } from "~/models/account.server";
import {
  accountListQuery,
  defaultDir,
  OWNER_NONE,
  RENEWAL_WINDOWS,
  type AccountListFilters,
  type AccountSort,
} from "~/models/account-list";
import {
  listAccountOwners,
  listAccountsWithHealth,
  parseAccountListQuery,
} from "~/models/account-list.server";
import { SEGMENTS } from "~/models/segment";
import { requireHealthViewer } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Accounts · CS console" }];

const ACCOUNTS_PATH = "/admin/accounts";
const EXPORT_PATH = "/admin/accounts/export.csv";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireHealthViewer(request);
  const filters = parseAccountListQuery(new URL(request.url).searchParams);
  // "me" is a link a CSM bookmarks: it means whoever is signed in.
  const query = filters.owner === "me" ? { ...filters, owner: user.id } : filters;
  const [result, owners] = await Promise.all([listAccountsWithHealth(query), listAccountOwners()]);
  return {
    ...result,
    // The export (app/routes/admin.accounts.export[.]csv.ts) knows owners by id, not "me".
    exportQuery: accountListQuery(query, { page: 1 }),
    filters: { ...filters, page: result.page },
    owners,
    searchMaxLength: SEARCH_MAX_LENGTH,
  };
}

function href(filters: AccountListFilters, overrides: Partial<AccountListFilters>) {
  const search = accountListQuery(filters, overrides);
  return search ? `${ACCOUNTS_PATH}?${search}` : ACCOUNTS_PATH;
}

function SortHeader({
  sort,
  label,
  filters,
  numeric,
}: {
  sort: AccountSort;
  label: string;
  filters: AccountListFilters;
  numeric?: boolean;
}) {
  const { t } = useTranslation();
  const active = filters.sort === sort;
  const nextDir = active ? (filters.dir === "asc" ? "desc" : "asc") : defaultDir(sort);
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link
        to={href(filters, { sort, dir: nextDir, page: 1 })}
        className="sort-link"
        aria-label={t("healthConsole.list.sortBy", { column: label })}
      >
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (filters.dir === "asc" ? " ▲" : " ▼") : " ↕"}
        </span>
      </Link>
    </th>
  );
}

export default function AdminAccounts() {
  const { t } = useTranslation();
  const { number, money, date } = useFormatters();
  const { accounts, total, page, pageCount, filters, owners, searchMaxLength, exportQuery } =
    useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const filtered = filters.q || filters.band || filters.segment || filters.owner || filters.renewal;
  return (
    <>
      <div className="heading-row">
        <h2 id="accounts-title">{t("admin.accounts")}</h2>
        <Link to="/admin/accounts/import" className="button button-secondary">
          {t("accountData.import.title")}
        </Link>
      </div>
      <Form method="get" className="inline-form admin-filter" role="search">
        <div className="field admin-filter-q">
          <label htmlFor="accounts-q">{t("admin.searchAccounts")}</label>
          <input
            id="accounts-q"
            type="search"
            name="q"
            defaultValue={filters.q}
            placeholder={t("admin.searchPlaceholder")}
            maxLength={searchMaxLength}
          />
        </div>
        <div className="field">
          <label htmlFor="accounts-band">{t("healthConsole.list.band")}</label>
          <select id="accounts-band" name="band" defaultValue={filters.band ?? ""}>
            <option value="">{t("admin.all")}</option>
            {BANDS.map((b) => (
              <option key={b} value={b}>
                {t(`healthConsole.bands.${b}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="accounts-segment">{t("admin.filterSegment")}</label>
          <select id="accounts-segment" name="segment" defaultValue={filters.segment ?? ""}>
            <option value="">{t("admin.all")}</option>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {t(`segments.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="accounts-owner">{t("admin.owner")}</label>
          <select id="accounts-owner" name="owner" defaultValue={filters.owner ?? ""}>
            <option value="">{t("admin.all")}</option>
            <option value="me">{t("healthConsole.list.ownerMe")}</option>
            <option value={OWNER_NONE}>{t("admin.noOwner")}</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="accounts-renewal">{t("healthConsole.list.renewalWindow")}</label>
          <select id="accounts-renewal" name="renewal" defaultValue={filters.renewal ?? ""}>
            <option value="">{t("healthConsole.list.anyRenewal")}</option>
            {RENEWAL_WINDOWS.map((d) => (
              <option key={d} value={d}>
                {t("healthConsole.list.nextDays", { days: d })}
              </option>
            ))}
          </select>
        </div>
        {filters.sort !== "name" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        {filters.dir !== defaultDir(filters.sort) ? (
          <input type="hidden" name="dir" value={filters.dir} />
        ) : null}
        <button type="submit" className="button" disabled={navigation.state === "loading"}>
          {t("admin.filter")}
        </button>
        {filtered ? (
          <Link to={ACCOUNTS_PATH} className="button button-secondary">
            {t("admin.clearFilter")}
          </Link>
        ) : null}
      </Form>

      <div className="accounts-toolbar">
        <p className="muted admin-result-count" aria-live="polite">
          {t("admin.matchCount", { count: total, formatted: number.format(total) })}
        </p>
        <a
          href={exportQuery ? `${EXPORT_PATH}?${exportQuery}` : EXPORT_PATH}
          className="button button-secondary button-small"
          download
        >
          {t("healthConsole.list.export")}
        </a>
      </div>

      {accounts.length === 0 ? (
        <p className="card">{t("admin.noAccounts")}</p>
      ) : (
        <TableWrap labelledBy="accounts-title">
          <table className="admin-accounts health-accounts">
            <thead>
              <tr>
                <SortHeader sort="name" label={t("admin.name")} filters={filters} />
                <SortHeader sort="score" label={t("healthConsole.list.score")} filters={filters} />
                <SortHeader
                  sort="trend"
                  label={t("healthConsole.list.trend7")}
                  filters={filters}
                  numeric
                />
                <th scope="col">{t("admin.segment")}</th>
                <th scope="col">{t("admin.plan")}</th>
                <SortHeader sort="arr" label={t("admin.arr")} filters={filters} numeric />
                <SortHeader sort="renewal" label={t("admin.renewal")} filters={filters} />
                <th scope="col">{t("admin.owner")}</th>
                <th scope="col">{t("healthConsole.list.lastActivity")}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/admin/accounts/${a.id}`}>{a.name}</Link>
                    {a.status === "churned" ? (
                      <>
                        {" "}
                        <span className="badge badge-churned">{t("statuses.churned")}</span>
                      </>
                    ) : null}
                  </th>
                  <td className="nowrap">
                    <BandBadge score={a.healthScore} band={a.healthBand} />
                  </td>
                  <td className="num nowrap">
                    <TrendValue value={a.healthTrend7} />
                  </td>
                  <td>
                    <span className={`badge badge-${a.segment}`}>
                      {t(`segments.${a.segment}`, { defaultValue: a.segment })}
                    </span>
                  </td>
                  <td>{t(`plans.${a.plan}`, { defaultValue: a.plan })}</td>
                  <td className="num nowrap">{money.format(a.arr)}</td>
                  <td className="nowrap">
                    {a.renewalDate ? date.format(new Date(a.renewalDate)) : "—"}
                  </td>
                  <td>{a.owner?.name ?? <span className="muted">{t("admin.noOwner")}</span>}</td>
                  <td className="nowrap">
                    {a.lastActivityAt ? date.format(new Date(a.lastActivityAt)) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {pageCount > 1 ? (
        <nav className="pagination" aria-label={t("admin.pagination")}>
          {page > 1 ? (
            <Link to={href(filters, { page: page - 1 })} rel="prev">
              {t("admin.previous")}
            </Link>
          ) : (
            <span aria-hidden="true" />
          )}
          <span>{t("admin.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <Link to={href(filters, { page: page + 1 })} rel="next">
              {t("admin.next")}
            </Link>
          ) : (
            <span aria-hidden="true" />
          )}
        </nav>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
