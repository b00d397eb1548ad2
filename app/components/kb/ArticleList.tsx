import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TypeBadge } from "./TypeBadge";

export type ArticleLink = {
  slug: string;
  locale: string;
  type: string;
  title: string;
  summary?: string;
  updatedAt?: string | Date;
};

/** A list of article links; `lang` marks titles shown in the other language. */
export function ArticleList({
  articles,
  showSummary = false,
  showBadge = true,
  pageLocale,
}: {
  articles: ArticleLink[];
  showSummary?: boolean;
  showBadge?: boolean;
  pageLocale: string;
}) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <ul className="kb-article-list">
      {articles.map((a) => (
        <li key={a.slug} lang={a.locale !== pageLocale ? a.locale : undefined}>
          <Link to={`/kb/${a.slug}`} className="kb-article-link">
            {a.title}
          </Link>
          {showBadge ? <TypeBadge type={a.type} /> : null}
          {showSummary && a.summary ? <p className="kb-article-summary">{a.summary}</p> : null}
          {a.updatedAt ? (
            <p className="kb-article-meta muted">
              {t("kb.updatedOn", { date: date.format(new Date(a.updatedAt)) })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
