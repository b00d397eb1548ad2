import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ArticleList } from "~/components/kb/ArticleList";
import { Breadcrumbs } from "~/components/kb/Breadcrumbs";
import { KbSearch } from "~/components/kb/KbSearch";
import { getHelpCenter, loadViewer } from "~/models/article.server";
import { getUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Help center"} · Acme Cloud Support` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { locale, t } = await getRequestT(request, user);
  const helpCenter = await getHelpCenter(await loadViewer(user), locale);
  return { locale, title: t("kb.title"), ...helpCenter };
}

export default function HelpCenter() {
  const { t } = useTranslation();
  const { locale, categories, mostViewed, recentlyUpdated } = useLoaderData<typeof loader>();
  const hasArticles = categories.some((c) => c.articles.length > 0);
  return (
    <div className="kb stack">
      <Breadcrumbs items={[{ label: t("kb.title") }]} />
      <header className="kb-hero">
        <h1>{t("kb.title")}</h1>
        <p>{t("kb.intro")}</p>
        <KbSearch />
      </header>

      {!hasArticles ? <p className="empty-state">{t("kb.empty")}</p> : null}

      <div className="kb-home">
        <div className="kb-categories">
          {categories.map((category) => (
            <section
              key={category.slug}
              className="card kb-category"
              aria-labelledby={`cat-${category.slug}`}
            >
              <h2 id={`cat-${category.slug}`}>
                <Link to={`/kb/c/${category.slug}`}>{category.name}</Link>
              </h2>
              {category.description ? <p className="muted">{category.description}</p> : null}
              {category.fallbackLocale ? (
                <p className="kb-fallback">
                  {t("kb.otherLanguageOnly", {
                    language: t(`kb.languages.${category.fallbackLocale}`),
                  })}
                </p>
              ) : null}
              {category.articles.length ? (
                <ArticleList articles={category.articles} pageLocale={locale} />
              ) : (
                <p className="muted">{t("kb.noArticles")}</p>
              )}
            </section>
          ))}
        </div>

        <aside className="kb-aside stack">
          {mostViewed.length ? (
            <section className="card" aria-labelledby="kb-most-viewed">
              <h2 id="kb-most-viewed">{t("kb.mostViewed")}</h2>
              <ArticleList articles={mostViewed} pageLocale={locale} showBadge={false} />
            </section>
          ) : null}
          {recentlyUpdated.length ? (
            <section className="card" aria-labelledby="kb-recent">
              <h2 id="kb-recent">{t("kb.recentlyUpdated")}</h2>
              <ArticleList articles={recentlyUpdated} pageLocale={locale} showBadge={false} />
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
