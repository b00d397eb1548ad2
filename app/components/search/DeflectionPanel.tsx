// Answers beside a support request or forum question, searched from the subject as it is typed:
// the cheapest support request is the one an article answers first. The page that holds the form
// records, with useDeflectionBeacon, whether the customer then left without sending it.
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DeflectionContext } from "~/models/search.server";
import { SEARCH_API, sendBeacon, type ApiSearchHit, type ApiSearchResponse } from "./contract";
import { Highlighted } from "./Highlighted";

export const DEFLECTION = {
  /** Wait for a pause in typing: each search is a request, and the list should not flicker. */
  debounceMs: 250,
  maxHits: 3,
  /** Two characters already name a topic in Japanese (請求, 招待). */
  minSearchChars: 2,
  /** A subject this long counts as a started request when the page is left. */
  minSubjectChars: 3,
} as const;

export function DeflectionPanel({
  text,
  context,
  onOpen,
  onCount,
}: {
  /** What the customer typed so far (the subject). */
  text: string;
  context: DeflectionContext;
  /** Called with the document id when a suggestion is opened. */
  onOpen: (docId: string) => void;
  /** Told how many suggestions show, e.g. to point at them when they sit below the form. */
  onCount?: (count: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [hits, setHits] = useState<ApiSearchHit[] | null>(null);
  const query = text.trim();

  useEffect(() => {
    if (query.length < DEFLECTION.minSearchChars) {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    const params = new URLSearchParams({
      q: query,
      typeahead: "1",
      limit: String(DEFLECTION.maxHits),
      locale,
    });
    // Support requests are answered by articles; a forum question also by solved topics.
    if (context === "support") params.set("type", "article");
    const timer = setTimeout(() => {
      fetch(`${SEARCH_API.search}?${params}`, { signal: controller.signal })
        .then((r) => (r.ok ? (r.json() as Promise<ApiSearchResponse>) : null))
        .then((body) => setHits(body ? body.hits : []))
        .catch(() => undefined);
    }, DEFLECTION.debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, context, locale]);

  const count = hits?.length ?? 0;
  useEffect(() => onCount?.(count), [count, onCount]);

  return (
    <aside id="deflection" className="deflection card" aria-labelledby="deflection-title">
      <h2 id="deflection-title">{t("search.deflection.title")}</h2>
      {hits === null ? (
        <p className="muted">{t("search.deflection.hint")}</p>
      ) : hits.length === 0 ? (
        <p className="muted">{t("search.deflection.none")}</p>
      ) : (
        <ul className="deflection-list">
          {hits.map((hit) => (
            <li key={hit.id} lang={hit.locale}>
              <Link to={hit.url} onClick={() => onOpen(hit.id)}>
                <Highlighted text={hit.title} ranges={hit.titleHighlights} />
              </Link>
              {context !== "support" ? (
                <span className={`badge search-type search-type-${hit.type}`}>
                  {t(`search.types.${hit.type}`)}
                </span>
              ) : null}
              {hit.snippet ? (
                <p className="deflection-snippet muted">
                  <Highlighted text={hit.snippet} ranges={hit.highlights} />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status">
        {hits?.length ? t("search.deflection.found", { count: hits.length }) : ""}
      </p>
    </aside>
  );
}

/**
 * Sends the deflection beacon when the page is left (closed, reloaded or another route) while a
 * started request is unsent. `pending` is read at that moment, so pass the live state.
 */
export function useDeflectionBeacon(
  context: DeflectionContext,
  pending: { subject: string; clickedDocId: string | null } | null,
) {
  const latest = useRef(pending);
  latest.current = pending;
  useEffect(() => {
    let sent = false;
    const send = () => {
      const started = latest.current;
      if (sent || !started || started.subject.trim().length < DEFLECTION.minSubjectChars) return;
      sent = true;
      sendBeacon(SEARCH_API.deflection, {
        context,
        subject: started.subject.trim(),
        clickedDocId: started.clickedDocId,
      });
    };
    // A page restored from the back/forward cache is being worked on again.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) sent = false;
    };
    window.addEventListener("pagehide", send);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      window.removeEventListener("pagehide", send);
      window.removeEventListener("pageshow", onPageShow);
      send(); // leaving the route inside the app
    };
  }, [context]);
}
