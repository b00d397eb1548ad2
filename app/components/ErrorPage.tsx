import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The page every route's ErrorBoundary shows: a message in the user's language, never a stack trace. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500 && typeof console !== "undefined") console.error(error);
  const [title, text] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundText")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbiddenText")]
        : status === 429
          ? [t("errors.tooManyTitle"), t("errors.serverText")]
          : status >= 400 && status < 500
            ? [t("errors.badRequestTitle"), t("errors.serverText")]
            : [t("errors.serverTitle"), t("errors.serverText")];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}

/** Re-exported as `ErrorBoundary` by every route module. */
export function RouteErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
