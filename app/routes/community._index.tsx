import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LOCALES } from "~/i18n";
import { getTopicList, loadForumViewer } from "~/models/community-list.server";
import type { TopicRow } from "~/models/community-list.server";
import {
  DEFAULT_TOP_PERIOD,
  LIST_TABS,
  TOP_PERIOD_DAYS,
  TOPIC_KINDS,
  type TopicKind,
  type TopPeriod,
} from "~/models/forum-policy";
import { getUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";

/** Nobody pages this far; it bounds the offset a crafted URL can ask for. */
const MAX_PAGE = 1_000;
const SLUG_PARAM = /^[\p{L}\p{N}_-]{1,100}$/u;
const TOP_PERIODS = Object.keys(TOP_PERIOD_DAYS) as [TopPeriod, ...TopPeriod[]];

// The page is forgiving: a bad filter or page number falls back to the default instead of an error.
const filtersSchema = z.object({
  tab: z.enum(LIST_TABS).catch("latest"),
  category: z.string().regex(SLUG_PARAM).nullable().catch(null),
  tag: z.string().regex(SLUG_PARAM).nullable().catch(null),
  kind: z.enum(TOPIC_KINDS).nullable().catch(null),
  lang: z.enum(LOCALES).nullable().catch(null),
  period: z.enum(TOP_PERIODS).catch(DEFAULT_TOP_PERIOD),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});
type Filters = z.infer<typeof filtersSchema>;

/** A /community URL with these settings; defaults are left out so links stay short. */
function listHref(filters: Filters, change: Partial<Filters> = {}) {
  const f = { ...filters, page: 1, ...change };
  const params = new URLSearchParams();
  if (f.tab !== "latest") params.set("tab", f.tab);
  if (f.category) params.set("category", f.category);
  if (f.tag) params.set("tag", f.tag);
  if (f.kind) params.set("kind", f.kind);
  if (f.lang) params.set("lang", f.lang);
  if (f.tab === "top" && f.period !== DEFAULT_TOP_PERIOD) params.set("period", f.period);
  if (f.page > 1) params.set("page", String(f.page));
  const query = params.toString();
  return query ? `/community?${query}` : "/community";
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Community"} · Acme Cloud Support` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { locale, t } = await getRequestT(request, user);
  const params = new URL(request.url).searchParams;
  const filters = filtersSchema.parse({
    tab: params.get("tab") ?? undefined,
    category: params.get("category"),
    tag: params.get("tag"),
    kind: params.get("kind"),
    lang: params.get("lang"),
    period: params.get("period") ?? undefined,
    page: params.get("page") ?? undefined,
  });
  const viewer = await loadForumViewer(user);
  const list = await getTopicList(viewer, {
    tab: filters.tab,
    categorySlug: filters.category,
    tagSlug: filters.tag,
    kind: filters.kind,
    locale: filters.lang,
    period: filters.period,
    page: filters.page,
  });
  return { title: t("community.title"), locale, signedIn: !!user, filters, ...list };
}

export default function CommunityList() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { filters, rows, categories, category, tag, signedIn, unknownFilter } = data;
  const filtered = !!(filters.category || filters.tag || filters.kind || filters.lang);
  return (
    <div className="community stack">
      <header className="community-hero">
        <div>
          <h1>{category ? categoryName(category, data.locale) : t("community.title")}</h1>
          <p>{category ? categoryDescription(category, data.locale) : t("community.intro")}</p>
        </div>
        <Link
          to={signedIn ? newTopicHref(category?.id) : "/login?redirectTo=%2Fcommunity%2Fnew"}
          className="button"
        >
          {signedIn ? t("community.ask") : t("community.signInToAsk")}
        </Link>
      </header>

      <div className="community-layout">
        <div className="community-main stack">
          <nav aria-label={t("community.tabs.label")}>
            <ul className="community-tabs">
              {LIST_TABS.filter((tab) => tab !== "mine" || signedIn).map((tab) => (
                <li key={tab}>
                  <Link
                    to={listHref(filters, { tab })}
                    aria-current={tab === filters.tab ? "page" : undefined}
                  >
                    {t(`community.tabs.${tab}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>

          <FilterForm filters={filters} categories={categories} locale={data.locale} />

          {tag ? (
            <p className="community-active-filter">
              <span className="badge">{t("community.filters.tag", { tag: tag.name })}</span>{" "}
              <Link to={listHref(filters, { tag: null })}>{t("community.filters.clearTag")}</Link>
            </p>
          ) : null}

          {unknownFilter ? (
            <p className="empty-state" role="status">
              {t("community.filters.unknown")}
            </p>
          ) : rows.length === 0 ? (
            <p className="empty-state">
              {filters.tab === "mine" && !signedIn
                ? t("community.signInForMine")
                : filtered
                  ? t("community.empty.filtered")
                  : t(`community.empty.${filters.tab}`)}
            </p>
          ) : (
            <ol className="topic-list" aria-label={t(`community.tabs.${filters.tab}`)}>
              {rows.map((row) => (
                <TopicItem key={row.id} row={row} filters={filters} locale={data.locale} />
              ))}
            </ol>
          )}

          {data.page > 1 || data.hasNext ? (
            <nav aria-label={t("community.pages.label")} className="community-pages">
              {data.page > 1 ? (
                <Link to={listHref(filters, { page: data.page - 1 })} rel="prev">
                  ← {t("community.pages.previous")}
                </Link>
              ) : null}
              <span aria-current="page">{t("community.pages.current", { page: data.page })}</span>
              {data.hasNext ? (
                <Link to={listHref(filters, { page: data.page + 1 })} rel="next">
                  {t("community.pages.next")} →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </div>

        <aside className="community-aside card" aria-labelledby="community-categories">
          <h2 id="community-categories">{t("community.categories")}</h2>
          <ul className="community-category-list">
            {categories.map((c) => (
              <li key={c.id}>
                <Link
                  to={listHref(filters, { category: c.slug })}
                  aria-current={c.slug === filters.category ? "page" : undefined}
                >
                  {categoryName(c, data.locale)}
                </Link>
                {c.restricted ? (
                  <span className="badge community-restricted">{t("community.restricted")}</span>
                ) : null}
                {categoryDescription(c, data.locale) ? (
                  <p className="muted">{categoryDescription(c, data.locale)}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}

type CategoryNames = { nameEn: string; nameJa: string };
function categoryName(c: CategoryNames, locale: string) {
  return locale === "ja" ? c.nameJa : c.nameEn;
}
function categoryDescription(c: { descriptionEn: string; descriptionJa: string }, locale: string) {
  return locale === "ja" ? c.descriptionJa : c.descriptionEn;
}
function newTopicHref(categoryId?: string) {
  return categoryId
    ? `/community/new?category=${encodeURIComponent(categoryId)}`
    : "/community/new";
}

function FilterForm({
  filters,
  categories,
  locale,
}: {
  filters: Filters;
  categories: Array<CategoryNames & { id: string; slug: string }>;
  locale: string;
}) {
  const { t } = useTranslation();
  // A plain GET form: filters work without JavaScript and every state has a shareable URL.
  return (
    <Form
      method="get"
      action="/community"
      className="community-filters"
      aria-label={t("community.filters.title")}
    >
      {filters.tab !== "latest" ? <input type="hidden" name="tab" value={filters.tab} /> : null}
      {filters.tag ? <input type="hidden" name="tag" value={filters.tag} /> : null}
      <div className="field">
        <label htmlFor="filter-category">{t("community.filters.category")}</label>
        <select id="filter-category" name="category" defaultValue={filters.category ?? ""}>
          <option value="">{t("community.filters.allCategories")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.slug}>
              {categoryName(c, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-kind">{t("community.filters.kind")}</label>
        <select id="filter-kind" name="kind" defaultValue={filters.kind ?? ""}>
          <option value="">{t("community.filters.allKinds")}</option>
          {TOPIC_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`community.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-lang">{t("community.filters.locale")}</label>
        <select id="filter-lang" name="lang" defaultValue={filters.lang ?? ""}>
          <option value="">{t("community.filters.allLocales")}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`community.languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
      {filters.tab === "top" ? (
        <div className="field">
          <label htmlFor="filter-period">{t("community.filters.period")}</label>
          <select id="filter-period" name="period" defaultValue={filters.period}>
            {TOP_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`community.periods.${p}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="button button-secondary button-small">
        {t("community.filters.apply")}
      </button>
    </Form>
  );
}

function TopicItem({ row, filters, locale }: { row: TopicRow; filters: Filters; locale: string }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
  const kind = row.kind as TopicKind;
  const titleId = `topic-${row.id}`;
  return (
    <li
      className={`topic-row${row.unread ? " community-row-unread" : ""}`}
      aria-labelledby={titleId}
    >
      <div className="topic-row-main">
        <p className="topic-row-title" id={titleId}>
          {row.unread ? (
            <span className="unread-dot" title={t("community.unread")}>
              <span className="visually-hidden">{t("community.unread")}: </span>
            </span>
          ) : null}
          <span className={`badge community-kind community-kind-${kind}`}>
            {t(`community.kinds.${kind}`)}
          </span>{" "}
          <Link to={`/community/t/${row.id}`} lang={row.locale}>
            {row.title}
          </Link>
          {row.pinned ? <span className="badge">{t("community.pinned")}</span> : null}
          {row.locked ? <span className="badge">{t("community.locked")}</span> : null}
          {row.state === "pending" ? (
            <span className="badge topic-pending">{t("community.pending")}</span>
          ) : null}
          {row.solved ? (
            <span className="badge topic-solved">✓ {t("community.solved")}</span>
          ) : null}
          {kind === "idea" && row.ideaStatus ? (
            <span className={`badge idea-status idea-status-${row.ideaStatus}`}>
              {t(`community.ideaStatuses.${row.ideaStatus}`)}
            </span>
          ) : null}
        </p>
        <p className="topic-row-meta muted">
          <Link to={listHref(filters, { category: row.category.slug })}>
            {categoryName(row.category, locale)}
          </Link>
          {" · "}
          {t("community.by", { name: row.author?.name ?? t("community.formerUser") })}
          {row.author?.staff ? (
            <span className="badge staff-badge">{t("community.staff")}</span>
          ) : null}
          {kind === "idea" ? <> · {t("community.votes", { count: row.voteCount })}</> : null}
          {row.tags.length ? (
            <span className="community-row-tags">
              {row.tags.map((tag) => (
                <Link key={tag.slug} to={listHref(filters, { tag: tag.slug })} className="tag">
                  #{tag.name}
                </Link>
              ))}
            </span>
          ) : null}
        </p>
      </div>
      <dl className="topic-row-stats">
        <div>
          <dt>{t("community.columns.replies")}</dt>
          <dd>{number.format(row.replyCount)}</dd>
        </div>
        <div>
          <dt>{t("community.columns.views")}</dt>
          <dd>{number.format(row.viewCount)}</dd>
        </div>
        <div>
          <dt>{t("community.columns.activity")}</dt>
          <dd>
            <time dateTime={row.lastPostedAt.toISOString()}>{date.format(row.lastPostedAt)}</time>
          </dd>
        </div>
      </dl>
    </li>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
