import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** GET /search?q=…: the search page itself belongs to the search feature. */
export function KbSearch() {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/search" role="search" className="kb-search">
      <label htmlFor="kb-q" className="visually-hidden">
        {t("kb.searchLabel")}
      </label>
      <input
        id="kb-q"
        type="search"
        name="q"
        placeholder={t("kb.searchPlaceholder")}
        maxLength={200}
      />
      <input type="hidden" name="type" value="article" />
      <button type="submit" className="button">
        {t("kb.searchButton")}
      </button>
    </Form>
  );
}
