import { useTranslation } from "react-i18next";

export type TocHeading = { level: number; id: string; text: string };

export function TableOfContents({ headings }: { headings: TocHeading[] }) {
  const { t } = useTranslation();
  return (
    <nav className="card kb-toc" aria-labelledby="kb-toc-title">
      <h2 id="kb-toc-title">{t("kb.toc")}</h2>
      <ul>
        {headings.map((h) => (
          <li key={h.id} className={h.level === 3 ? "kb-toc-sub" : undefined}>
            <a href={`#${h.id}`}>{h.text}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
