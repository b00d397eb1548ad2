// The header's search as you type: the WAI-ARIA 1.2 combobox pattern (an input that controls a
// listbox; focus stays in the input and aria-activedescendant names the highlighted option).
// Without JavaScript it is the plain input of the surrounding GET form to /search.
import { useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SEARCH_LIMITS } from "~/search/types";
import { SEARCH_API, sendBeacon, type ApiSearchHit, type ApiSearchResponse } from "./contract";
import { Highlighted } from "./Highlighted";

export const COMBOBOX = {
  /** Results shown under the box; the last option opens the full page. */
  maxHits: 6,
  /** Just enough to merge the keystrokes of fast typing; the 100 ms target includes it. */
  debounceMs: 20,
} as const;

type Results = { query: string; hits: ApiSearchHit[]; total: number };

export function searchPageHref(query: string) {
  return `/search?${new URLSearchParams({ q: query })}`;
}

export function SearchCombobox({
  id,
  locale,
  placeholder,
}: {
  /** The input's id; the label of the surrounding form points at it. */
  id: string;
  locale: string;
  placeholder: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [value, setValue] = useState("");
  const [results, setResults] = useState<Results | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const containerRef = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef<AbortController | null>(null);
  // Responses can arrive out of order; only the newest request's answer is shown.
  const latest = useRef(0);

  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const hits = results?.hits ?? [];
  const optionCount = results ? hits.length + 1 : 0;
  const expanded = open && results !== null;

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function cancelPending() {
    clearTimeout(timer.current);
    request.current?.abort();
    request.current = null;
  }

  function reset() {
    cancelPending();
    latest.current += 1;
    setValue("");
    setResults(null);
    close();
  }

  // A new page: the box has done its job.
  useEffect(() => {
    clearTimeout(timer.current);
    request.current?.abort();
    latest.current += 1;
    setValue("");
    setResults(null);
    setOpen(false);
    setActive(-1);
  }, [location.key]);

  useEffect(() => {
    const pending = request;
    return () => pending.current?.abort();
  }, []);

  useEffect(() => {
    if (!expanded) return;
    const onPointerDown = (event: PointerEvent) => {
      if (containerRef.current?.contains(event.target as Node)) return;
      setOpen(false);
      setActive(-1);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [expanded]);

  async function fetchResults(query: string, ticket: number, controller: AbortController) {
    const params = new URLSearchParams({
      q: query,
      typeahead: "1",
      limit: String(COMBOBOX.maxHits),
      locale,
    });
    try {
      const response = await fetch(`${SEARCH_API.search}?${params}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      const body = response.ok ? ((await response.json()) as ApiSearchResponse) : null;
      if (ticket !== latest.current) return;
      if (!body) {
        setResults(null);
        close();
        return;
      }
      setResults({ query: body.query, hits: body.hits, total: body.total });
      setActive(-1);
      setOpen(true);
    } catch {
      // Aborted by the next keystroke, or offline: the form still searches on Enter.
    }
  }

  function onChange(next: string) {
    setValue(next);
    cancelPending();
    const ticket = ++latest.current;
    const query = next.trim();
    if (!query) {
      setResults(null);
      close();
      return;
    }
    const controller = new AbortController();
    request.current = controller;
    timer.current = setTimeout(() => {
      void fetchResults(query, ticket, controller);
    }, COMBOBOX.debounceMs);
  }

  function choose(index: number) {
    if (!results) return;
    const hit = hits[index];
    if (hit) {
      // This search was not logged while typing; the click logs it together with the choice.
      sendBeacon(SEARCH_API.click, {
        q: results.query,
        docId: hit.id,
        position: index + 1,
        resultCount: results.total,
      });
      navigate(hit.url);
    } else {
      navigate(searchPageHref(results.query));
    }
    reset();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    // While an input method composes (Japanese), arrows and Enter belong to it.
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (!optionCount) return;
        event.preventDefault();
        const down = event.key === "ArrowDown";
        if (!expanded) {
          setOpen(true);
          setActive(down ? 0 : optionCount - 1);
          return;
        }
        setActive((current) => {
          if (down) return current + 1 >= optionCount ? 0 : current + 1;
          return current <= 0 ? optionCount - 1 : current - 1;
        });
        return;
      }
      case "Enter":
        if (expanded && active >= 0) {
          event.preventDefault();
          choose(active);
        } else {
          // The form submits to /search as it would without JavaScript.
          close();
        }
        return;
      case "Escape":
        // The browser would clear a search field on Escape; the first press only closes the list.
        event.preventDefault();
        if (expanded) close();
        else if (value) reset();
        return;
    }
  }

  const announcement = !expanded
    ? ""
    : hits.length
      ? t("search.combobox.results", { count: results?.total ?? hits.length })
      : t("search.combobox.noResults");

  return (
    <div className="combobox" ref={containerRef}>
      <input
        id={id}
        type="search"
        name="q"
        role="combobox"
        value={value}
        placeholder={placeholder}
        maxLength={SEARCH_LIMITS.maxQueryLength}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (results && value.trim()) setOpen(true);
        }}
        onBlur={(event) => {
          if (!containerRef.current?.contains(event.relatedTarget as Node | null)) close();
        }}
      />
      <ul
        id={listboxId}
        role="listbox"
        aria-label={t("search.combobox.suggestions")}
        className="combobox-listbox"
        hidden={!expanded}
      >
        {expanded
          ? [
              ...hits.map((hit, index) => (
                <li
                  key={hit.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={active === index}
                  className="combobox-option"
                  lang={hit.locale}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => choose(index)}
                >
                  <span className="combobox-option-head">
                    <span className="combobox-option-title">
                      <Highlighted text={hit.title} ranges={hit.titleHighlights} />
                    </span>
                    <span className={`badge search-type search-type-${hit.type}`}>
                      {t(`search.types.${hit.type}`)}
                    </span>
                  </span>
                  {hit.snippet ? (
                    <span className="combobox-option-snippet" aria-hidden="true">
                      {hit.snippet}
                    </span>
                  ) : null}
                </li>
              )),
              <li
                key="all"
                id={optionId(hits.length)}
                role="option"
                aria-selected={active === hits.length}
                className="combobox-option combobox-option-all"
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(hits.length)}
                onClick={() => choose(hits.length)}
              >
                {t("search.combobox.seeAll", { query: results?.query ?? value })}
              </li>,
            ]
          : null}
      </ul>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}
