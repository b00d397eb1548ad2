import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HelpfulRatio } from "~/components/content-admin/HelpfulRatio";
import { StatusBadge } from "~/components/content-admin/StatusBadge";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ARTICLE_STATUSES, ARTICLE_TYPES } from "~/models/article-policy";
import {
  CONTENT_SEARCH_MAX_LENGTH,
  CONTENT_SORTS,
  listContent,
  MIN_VOTES_FOR_RATIO,
  parseContentFilters,
  STALE_AFTER_DAYS,
  type ContentFilters,
} from "~/models/content-admin.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Content · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = parseContentFilters(new URL(request.url).searchParams);
  const now = new Date();
  const result = await listContent(filters, now);
  return {
    ...result,
    filters,
    sorts: CONTENT_SORTS,
    now: now.toISOString(),
    limits: {
      searchMaxLength: CONTENT_SEARCH_MAX_LENGTH,
      minVotes: MIN_VOTES_FOR_RATIO,
      staleDays: STALE_AFTER_DAYS,
    },
  };
}

const LIST_PATH = "/admin/content";

function listLink(filters: ContentFilters, page: number) {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.status) params.set("status", filters.status);
  if (filters.locale) params.set("locale", filters.locale);
  if (filters.type) params.set("type", filters.type);
  if (filters.categoryId) params.set("category", filters.categoryId);
  if (filters.sort !== "updated") params.set("sort", filters.sort);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${LIST_PATH}?${search}` : LIST_PATH;
}

export default function ContentList() {
  const { t, i18n } = useTranslation();
  const { number, date } = useFormatters();
  const { articles, total, page, pageCount, categories, filters, sorts, now, limits } =
    useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const filtered =
    filters.q || filters.status || filters.locale || filters.type || filters.categoryId;
  const categoryName = (c: { nameEn: string; nameJa: string }) =>
    i18n.language === "ja" ? c.nameJa : c.nameEn;

  return (
    <div className="content-admin">
      <div className="content-admin-head">
        <h2>{t("contentAdmin.title")}</h2>
        <div className="content-admin-actions">
          <Link to="/admin/content/new" className="button">
            {t("contentAdmin.newArticle")}
          </Link>
          <Link to="/admin/content/taxonomy" className="button button-secondary">
            {t("contentAdmin.taxonomy")}
          </Link>
        </div>
      </div>
      <p className="muted">{t("contentAdmin.intro")}</p>

      <Form
        method="get"
        className="inline-form content-filter"
        aria-label={t("contentAdmin.filters")}
      >
        <div className="field content-filter-q">
          <label htmlFor="content-q">{t("contentAdmin.search")}</label>
          <input
            id="content-q"
            type="search"
            name="q"
            defaultValue={filters.q}
            maxLength={limits.searchMaxLength}
          />
        </div>
        <div className="field">
          <label htmlFor="content-status">{t("contentAdmin.status")}</label>
          <select id="content-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("contentAdmin.all")}</option>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`contentAdmin.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="content-locale">{t("contentAdmin.locale")}</label>
          <select id="content-locale" name="locale" defaultValue={filters.locale ?? ""}>
            <option value="">{t("contentAdmin.all")}</option>
            <option value="ja">{t("contentAdmin.locales.ja")}</option>
            <option value="en">{t("contentAdmin.locales.en")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="content-type">{t("contentAdmin.type")}</label>
          <select id="content-type" name="type" defaultValue={filters.type ?? ""}>
            <option value="">{t("contentAdmin.all")}</option>
            {ARTICLE_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`contentAdmin.types.${ty}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="content-category">{t("contentAdmin.category")}</label>
          <select id="content-category" name="category" defaultValue={filters.categoryId ?? ""}>
            <option value="">{t("contentAdmin.all")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryName(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="content-sort">{t("contentAdmin.sort")}</label>
          <select id="content-sort" name="sort" defaultValue={filters.sort}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`contentAdmin.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={navigation.state === "loading"}>
          {t("contentAdmin.filter")}
        </button>
        {filtered || filters.sort !== "updated" ? (
          <Link to={LIST_PATH} className="button button-secondary">
            {t("contentAdmin.clearFilter")}
          </Link>
        ) : null}
      </Form>

      <p className="muted" aria-live="polite">
        {t("contentAdmin.matchCount", { count: total, formatted: number.format(total) })}
        {filters.sort === "attention" ? (
          <>
            {" · "}
            {t("contentAdmin.attentionHint", { days: limits.staleDays })}
          </>
        ) : null}
      </p>

      {articles.length === 0 ? (
        <p className="card empty-state">{t("contentAdmin.noArticles")}</p>
      ) : (
        <div className="table-wrap">
          <table className="content-table">
            <thead>
              <tr>
                <th scope="col">
                  {t("contentAdmin.columns.title")}
                  <span className="content-row-meta">{t("contentAdmin.columns.titleMeta")}</span>
                </th>
                <th scope="col">{t("contentAdmin.status")}</th>
                <th scope="col">{t("contentAdmin.category")}</th>
                <th scope="col" className="num">
                  {t("contentAdmin.columns.views")}
                </th>
                <th scope="col" className="num">
                  {t("contentAdmin.columns.helpful")}
                </th>
                <th scope="col" className="num">
                  {t("contentAdmin.columns.comments")}
                </th>
                <th scope="col" className="num">
                  {t("contentAdmin.columns.requests")}
                </th>
                <th scope="col" className="num">
                  <abbr title={t("contentAdmin.attentionHint", { days: limits.staleDays })}>
                    {t("contentAdmin.columns.attention")}
                  </abbr>
                </th>
                <th scope="col">{t("contentAdmin.columns.updated")}</th>
                <th scope="col">{t("contentAdmin.columns.author")}</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className="content-title-cell">
                    <Link to={`/admin/content/${a.id}`}>{a.title}</Link>
                    <span className="content-row-meta muted">
                      <code>{a.slug}</code> ·{" "}
                      {t(`contentAdmin.types.${a.type}`, { defaultValue: a.type })} ·{" "}
                      <span lang={a.locale}>{a.locale.toUpperCase()}</span>
                    </span>
                  </th>
                  <td>
                    <StatusBadge status={a.status} publishAt={a.publishAt} now={now} />
                  </td>
                  <td className="content-category-cell">{categoryName(a.category)}</td>
                  <td className="num">{number.format(a.health.views)}</td>
                  <td className="num">
                    <HelpfulRatio
                      ratio={a.health.ratio}
                      helpful={a.health.helpful}
                      unhelpful={a.health.unhelpful}
                      minVotes={limits.minVotes}
                    />
                  </td>
                  <td className="num">{number.format(a.health.unhelpfulComments)}</td>
                  <td className="num">{number.format(a.health.supportRequests)}</td>
                  <td className="num">
                    <span className={a.health.attention >= 50 ? "attention-high" : undefined}>
                      {number.format(a.health.attention)}
                    </span>
                  </td>
                  <td className="nowrap">
                    {date.format(new Date(a.updatedAt))}
                    {a.health.stale ? (
                      <>
                        {" "}
                        <span
                          className="badge content-stale"
                          title={t("contentAdmin.staleHint", { days: limits.staleDays })}
                        >
                          {t("contentAdmin.staleBadge")}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {a.author?.name ?? <span className="muted">{t("contentAdmin.noAuthor")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pageCount > 1 ? (
        <nav className="pagination" aria-label={t("contentAdmin.pagination")}>
          {page > 1 ? (
            <Link to={listLink(filters, page - 1)} rel="prev">
              {t("contentAdmin.previous")}
            </Link>
          ) : (
            <span aria-hidden="true" />
          )}
          <span>{t("contentAdmin.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <Link to={listLink(filters, page + 1)} rel="next">
              {t("contentAdmin.next")}
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
