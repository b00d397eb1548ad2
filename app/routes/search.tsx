import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import type { ApiSearchHit } from "~/components/search/contract";
import { SearchHitList } from "~/components/search/SearchHitList";
import { loadViewer } from "~/models/article.server";
import { listCategories } from "~/models/content-admin.server";
import { isStaff } from "~/models/roles";
import { logSearch, popularArticles, searchContent } from "~/models/search.server";
import { cleanQuery } from "~/search/query";
import { SEARCH_DOC_TYPES, SEARCH_LIMITS, type SearchDocType } from "~/search/types";
import { getUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";

export const SEARCH_PAGE = {
  perPage: SEARCH_LIMITS.defaultLimit,
  /** Nobody reads further; it also bounds the offset the engine is asked for. */
  maxPages: 50,
} as const;

/** Help-center slugs are [a-z0-9-]; forum categories may add "_". Others are ignored. */
const CATEGORY_PARAM = /^[A-Za-z0-9_-]{1,100}$/;

// The page is forgiving: a bad filter or page number falls back to the default instead of an error.
const filtersSchema = z.object({
  type: z.enum(SEARCH_DOC_TYPES).nullable().catch(null),
  category: z.string().regex(CATEGORY_PARAM).nullable().catch(null),
  lang: z.literal("all").nullable().catch(null),
  page: z.coerce.number().int().min(1).max(SEARCH_PAGE.maxPages).catch(1),
});

type Filters = {
  q: string;
  type: SearchDocType | null;
  category: string | null;
  lang: "all" | null;
};

/** A /search URL with these settings; defaults are left out so links stay short. */
function searchHref(filters: Filters, page = 1) {
  const params = new URLSearchParams({ q: filters.q });
  if (filters.type) params.set("type", filters.type);
  if (filters.category) params.set("category", filters.category);
  if (filters.lang) params.set("lang", filters.lang);
  if (page > 1) params.set("page", String(page));
  return `/search?${params}`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Search"} · Acme Cloud Support` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { locale, t } = await getRequestT(request, user);
  const url = new URL(request.url);
  const cleaned = cleanQuery(url.searchParams.get("q"));
  const { page, ...filters } = filtersSchema.parse({
    type: url.searchParams.get("type"),
    category: url.searchParams.get("category"),
    lang: url.searchParams.get("lang"),
    page: url.searchParams.get("page") ?? undefined,
  });
  const canContactSupport = !user || (!isStaff(user) && Boolean(user.accountId));
  const base = { locale, canContactSupport, page, ...filters };

  if (!cleaned.ok) {
    return data(
      {
        ...base,
        q: "",
        title: t("search.title"),
        error: t("search.tooLong", { max: SEARCH_LIMITS.maxQueryLength }),
        result: null,
      },
      { status: 400 },
    );
  }
  const q = cleaned.query;
  if (!q) return { ...base, q, title: t("search.title"), error: null, result: null };

  const viewer = await loadViewer(user);
  const result = await searchContent({
    viewer,
    query: q,
    types: filters.type ? [filters.type] : undefined,
    category: filters.category ?? undefined,
    locale: filters.lang === "all" ? undefined : locale,
    limit: SEARCH_PAGE.perPage,
    offset: (page - 1) * SEARCH_PAGE.perPage,
  });
  // Page 1 is the search; later pages of it are the same search read further.
  const searchId =
    page === 1
      ? await logSearch({ viewer, query: q, locale, source: "page", resultCount: result.total })
      : null;
  const [popular, categories] = await Promise.all([
    result.total === 0 ? popularArticles(viewer, locale) : Promise.resolve([]),
    listCategories(),
  ]);
  const categoryLabels = Object.fromEntries(
    categories.map((c) => [c.slug, locale === "ja" ? c.nameJa : c.nameEn]),
  );
  const hits: ApiSearchHit[] = result.hits.map((hit) => ({
    type: hit.type,
    id: hit.id,
    title: hit.title,
    url: hit.url,
    snippet: hit.snippet,
    locale: hit.locale,
    category: hit.category,
    highlights: hit.highlights,
    titleHighlights: hit.titleHighlights,
  }));
  return {
    ...base,
    q,
    title: t("search.pageTitle", { query: q }),
    error: null,
    result: {
      total: result.total,
      tookMs: result.tookMs,
      hits,
      facets: result.facets,
      suggestion: result.suggestion,
      searchId,
      pageCount: Math.min(Math.ceil(result.total / SEARCH_PAGE.perPage), SEARCH_PAGE.maxPages),
      popular,
      categoryLabels,
    },
  };
}

export default function SearchPage() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { q, type, category, lang, page, result, error, locale } = loaded;
  const filters: Filters = { q, type, category, lang };

  return (
    <div className="search stack">
      <header className="search-header">
        <h1>{t("search.title")}</h1>
        <Form method="get" action="/search" role="search" className="search-form">
          <label htmlFor="search-q" className="visually-hidden">
            {t("search.label")}
          </label>
          <input
            key={q}
            id="search-q"
            type="search"
            name="q"
            defaultValue={q}
            placeholder={t("search.placeholder")}
            maxLength={SEARCH_LIMITS.maxQueryLength}
            aria-describedby={error ? "search-error" : undefined}
            aria-invalid={error ? true : undefined}
          />
          {type ? <input type="hidden" name="type" value={type} /> : null}
          {lang ? <input type="hidden" name="lang" value={lang} /> : null}
          <button type="submit" className="button">
            {t("search.submit")}
          </button>
        </Form>
      </header>

      {error ? (
        <div id="search-error" className="alert alert-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {!error && !result ? <p className="muted">{t("search.prompt")}</p> : null}

      {result ? (
        <div className={result.total > 0 ? "search-layout" : undefined}>
          {/* With nothing found the counts are all zero; the help below offers the way out. */}
          {result.total > 0 ? <Facets filters={filters} result={result} /> : null}
          <section className="search-results" aria-labelledby="search-results-title">
            <h2 id="search-results-title" className="visually-hidden">
              {t("search.results")}
            </h2>
            <p className="search-summary" role="status">
              {t("search.summary", { count: result.total, query: q, ms: result.tookMs })}
            </p>
            {result.suggestion ? (
              <p className="search-suggestion">
                {t("search.didYouMean")}{" "}
                <Link to={searchHref({ ...filters, q: result.suggestion })}>
                  {result.suggestion}
                </Link>
              </p>
            ) : null}
            {result.total === 0 ? (
              <NoResults
                q={q}
                filtered={Boolean(type || category || lang !== "all")}
                popular={result.popular}
                canContactSupport={loaded.canContactSupport}
                clearFiltersHref={searchHref({ q, type: null, category: null, lang: "all" })}
              />
            ) : result.hits.length === 0 ? (
              <p>
                <Link to={searchHref(filters)}>{t("search.beyondLast")}</Link>
              </p>
            ) : (
              <>
                <SearchHitList
                  hits={result.hits}
                  searchId={result.searchId}
                  firstPosition={(page - 1) * SEARCH_PAGE.perPage + 1}
                  pageLocale={locale}
                  categoryLabels={result.categoryLabels}
                />
                <Pagination filters={filters} page={page} pageCount={result.pageCount} />
              </>
            )}
          </section>
        </div>
      ) : null}
    </div>
  );
}

type PageResult = {
  facets: { type: Record<string, number>; category: Record<string, number> };
  categoryLabels: Record<string, string>;
};

function Facets({ filters, result }: { filters: Filters; result: PageResult }) {
  const { t } = useTranslation();
  const typeCounts = result.facets.type;
  const allCount = Object.values(typeCounts).reduce((sum, n) => sum + n, 0);
  const types = SEARCH_DOC_TYPES.filter((ty) => (typeCounts[ty] ?? 0) > 0 || filters.type === ty);
  const categories = Object.entries(result.facets.category)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (filters.category && !categories.some(([slug]) => slug === filters.category)) {
    categories.push([filters.category, 0]);
  }
  return (
    <aside className="search-facets card" aria-labelledby="search-facets-title">
      <h2 id="search-facets-title">{t("search.filters")}</h2>
      <FacetGroup title={t("search.typeFacet")}>
        <FacetLink
          to={searchHref({ ...filters, type: null })}
          label={t("search.allTypes")}
          count={allCount}
          current={!filters.type}
        />
        {types.map((ty) => (
          <FacetLink
            key={ty}
            to={searchHref({ ...filters, type: ty })}
            label={t(`search.typesPlural.${ty}`)}
            count={typeCounts[ty] ?? 0}
            current={filters.type === ty}
          />
        ))}
      </FacetGroup>
      {categories.length ? (
        <FacetGroup title={t("search.categoryFacet")}>
          <FacetLink
            to={searchHref({ ...filters, category: null })}
            label={t("search.allCategories")}
            current={!filters.category}
          />
          {categories.map(([slug, count]) => (
            <FacetLink
              key={slug}
              to={searchHref({ ...filters, category: slug })}
              label={result.categoryLabels[slug] ?? slug}
              count={count}
              current={filters.category === slug}
            />
          ))}
        </FacetGroup>
      ) : null}
      <FacetGroup title={t("search.languageFacet")}>
        <FacetLink
          to={searchHref({ ...filters, lang: null })}
          label={t("search.myLanguage")}
          current={!filters.lang}
        />
        <FacetLink
          to={searchHref({ ...filters, lang: "all" })}
          label={t("search.allLanguages")}
          current={filters.lang === "all"}
        />
      </FacetGroup>
    </aside>
  );
}

function FacetGroup({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="search-facet">
      <h3>{title}</h3>
      <ul>{children}</ul>
    </section>
  );
}

function FacetLink({
  to,
  label,
  count,
  current,
}: {
  to: string;
  label: string;
  count?: number;
  current: boolean;
}) {
  return (
    <li>
      <Link to={to} aria-current={current ? "true" : undefined} className="search-facet-link">
        <span>{label}</span>
        {count !== undefined ? <span className="search-facet-count">{count}</span> : null}
      </Link>
    </li>
  );
}

function Pagination({
  filters,
  page,
  pageCount,
}: {
  filters: Filters;
  page: number;
  pageCount: number;
}) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("search.pagination")}>
      {page > 1 ? (
        <Link to={searchHref(filters, page - 1)} rel="prev">
          ← {t("search.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="muted">{t("search.pageOf", { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <Link to={searchHref(filters, page + 1)} rel="next">
          {t("search.next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

function NoResults({
  q,
  filtered,
  popular,
  canContactSupport,
  clearFiltersHref,
}: {
  q: string;
  filtered: boolean;
  popular: Array<{ slug: string; title: string; summary: string }>;
  canContactSupport: boolean;
  clearFiltersHref: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="search-empty card" aria-labelledby="search-empty-title">
      <h2 id="search-empty-title">{t("search.noResultsTitle", { query: q })}</h2>
      <p>{t("search.noResultsText")}</p>
      {filtered ? (
        <p>
          <Link to={clearFiltersHref}>{t("search.noResultsFiltered")}</Link>
        </p>
      ) : null}
      <ul className="search-help">
        <li>
          <Link to={`/community/new?${new URLSearchParams({ title: q })}`}>
            {t("search.askCommunity")}
          </Link>
          <p className="muted">{t("search.askCommunityText")}</p>
        </li>
        {canContactSupport ? (
          <li>
            <Link to={`/support/new?${new URLSearchParams({ q })}`}>
              {t("search.contactSupport")}
            </Link>
            <p className="muted">{t("search.contactSupportText")}</p>
          </li>
        ) : null}
      </ul>
      {popular.length ? (
        <section aria-labelledby="search-popular-title">
          <h3 id="search-popular-title">{t("search.popularTitle")}</h3>
          <ul className="kb-article-list">
            {popular.map((a) => (
              <li key={a.slug}>
                <Link to={`/kb/${a.slug}`} className="kb-article-link">
                  {a.title}
                </Link>
                {a.summary ? <p className="kb-article-summary muted">{a.summary}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
