import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ArticleList } from "~/components/kb/ArticleList";
import { Breadcrumbs } from "~/components/kb/Breadcrumbs";
import { KbSearch } from "~/components/kb/KbSearch";
import { getCategoryPage, loadViewer } from "~/models/article.server";
import { getUser } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.category.name ?? "Help center"} · Acme Cloud Support` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const category = await getCategoryPage(await loadViewer(user), locale, params.category ?? "");
  return { locale, category };
}

export default function CategoryPage() {
  const { t } = useTranslation();
  const { locale, category } = useLoaderData<typeof loader>();
  return (
    <div className="kb stack">
      <Breadcrumbs items={[{ label: t("kb.title"), to: "/kb" }, { label: category.name }]} />
      <header className="kb-category-header">
        <h1>{category.name}</h1>
        {category.description ? <p className="muted">{category.description}</p> : null}
      </header>
      <KbSearch />
      <section className="card">
        {category.fallbackLocale ? (
          <p className="kb-fallback">
            {t("kb.otherLanguageOnly", { language: t(`kb.languages.${category.fallbackLocale}`) })}
          </p>
        ) : null}
        {category.articles.length ? (
          <ArticleList articles={category.articles} pageLocale={locale} showSummary />
        ) : (
          <p className="muted">{t("kb.noArticles")}</p>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
