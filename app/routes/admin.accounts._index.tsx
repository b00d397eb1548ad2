import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { isSegment, listAccounts, SEARCH_MAX_LENGTH } from "~/models/account.server";
import { SEGMENTS } from "~/models/segment";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { TableWrap } from "~/components/ui/TableWrap";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const segment = params.get("segment");
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  // Unknown filter values come from edited links: they mean "no filter", not an error page.
  const result = await listAccounts({
    q: params.get("q"),
    segment: isSegment(segment) ? segment : null,
    page: Number.isNaN(page) ? 1 : page,
  });
  // The component cannot import the server module, so the limit travels with the data.
  return { ...result, searchMaxLength: SEARCH_MAX_LENGTH };
}

const ACCOUNTS_PATH = "/admin/accounts";

function pageLink(q: string, segment: string | null, page: number) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (segment) params.set("segment", segment);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${ACCOUNTS_PATH}?${search}` : ACCOUNTS_PATH;
}

export default function AdminAccounts() {
  const { t } = useTranslation();
  const { number, money, date } = useFormatters();
  const { accounts, total, page, pageCount, q, segment, searchMaxLength } =
    useLoaderData<typeof loader>();
  const navigation = useNavigation();
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
            defaultValue={q}
            placeholder={t("admin.searchPlaceholder")}
            maxLength={searchMaxLength}
          />
        </div>
        <div className="field">
          <label htmlFor="accounts-segment">{t("admin.filterSegment")}</label>
          <select id="accounts-segment" name="segment" defaultValue={segment ?? ""}>
            <option value="">{t("admin.all")}</option>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {t(`segments.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={navigation.state === "loading"}>
          {t("admin.filter")}
        </button>
        {q || segment ? (
          <Link to={ACCOUNTS_PATH} className="button button-secondary">
            {t("admin.clearFilter")}
          </Link>
        ) : null}
      </Form>

      <p className="muted admin-result-count" aria-live="polite">
        {t("admin.matchCount", { count: total, formatted: number.format(total) })}
      </p>

      {accounts.length === 0 ? (
        <p className="card">{t("admin.noAccounts")}</p>
      ) : (
        <TableWrap labelledBy="accounts-title">
          <table className="admin-accounts">
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.externalId")}</th>
                <th scope="col">{t("admin.plan")}</th>
                <th scope="col" className="num">
                  {t("admin.arr")}
                </th>
                <th scope="col" className="num">
                  {t("admin.seats")}
                </th>
                <th scope="col">{t("admin.segment")}</th>
                <th scope="col">{t("admin.stage")}</th>
                <th scope="col">{t("admin.status")}</th>
                <th scope="col">{t("admin.owner")}</th>
                <th scope="col">{t("admin.renewal")}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/admin/accounts/${a.id}`}>{a.name}</Link>
                  </th>
                  <td>
                    <code>{a.externalId}</code>
                  </td>
                  <td>{t(`plans.${a.plan}`, { defaultValue: a.plan })}</td>
                  <td className="num">{money.format(a.arr)}</td>
                  <td className="num">{number.format(a.seats)}</td>
                  <td>
                    <span className={`badge badge-${a.segment}`}>
                      {t(`segments.${a.segment}`, { defaultValue: a.segment })}
                    </span>
                  </td>
                  <td>{t(`stages.${a.lifecycleStage}`, { defaultValue: a.lifecycleStage })}</td>
                  <td>
                    <span className={`badge badge-${a.status}`}>
                      {t(`statuses.${a.status}`, { defaultValue: a.status })}
                    </span>
                  </td>
                  <td>{a.owner?.name ?? <span className="muted">{t("admin.noOwner")}</span>}</td>
                  <td className="nowrap">
                    {a.renewalDate ? date.format(new Date(a.renewalDate)) : "—"}
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
            <Link to={pageLink(q, segment, page - 1)} rel="prev">
              {t("admin.previous")}
            </Link>
          ) : (
            <span aria-hidden="true" />
          )}
          <span>{t("admin.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageLink(q, segment, page + 1)} rel="next">
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
