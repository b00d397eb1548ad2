import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SEARCH_API, sendBeacon, type ApiSearchHit } from "./contract";
import { Highlighted } from "./Highlighted";

/** The ranked results of the search page: type, title and snippet with the matched words marked. */
export function SearchHitList({
  hits,
  searchId,
  firstPosition,
  pageLocale,
  categoryLabels,
}: {
  hits: ApiSearchHit[];
  /** The logged search; opening a hit credits it (first page only). */
  searchId: string | null;
  /** 1-based position of the first hit in the whole ranking. */
  firstPosition: number;
  pageLocale: string;
  categoryLabels: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <ol className="search-hits" start={firstPosition}>
      {hits.map((hit, index) => (
        <li key={hit.id} className="search-hit">
          <p className="search-hit-meta">
            <span className={`badge search-type search-type-${hit.type}`}>
              {t(`search.types.${hit.type}`)}
            </span>
            {hit.category ? (
              <span className="muted">{categoryLabels[hit.category] ?? hit.category}</span>
            ) : null}
            {hit.locale !== pageLocale ? (
              <span className="badge" lang={hit.locale}>
                {t(`kb.languages.${hit.locale}`)}
              </span>
            ) : null}
          </p>
          <h3 className="search-hit-title" lang={hit.locale}>
            <Link
              to={hit.url}
              onClick={() => {
                if (searchId) {
                  sendBeacon(SEARCH_API.click, {
                    searchId,
                    docId: hit.id,
                    position: firstPosition + index,
                  });
                }
              }}
            >
              <Highlighted text={hit.title} ranges={hit.titleHighlights} />
            </Link>
          </h3>
          {hit.snippet ? (
            <p className="search-hit-snippet" lang={hit.locale}>
              <Highlighted text={hit.snippet} ranges={hit.highlights} />
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
