import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { cleanQuery } from "~/search/query";

export const meta: MetaFunction = () => [{ title: "Acme Cloud Support" }];

// "Ask the community" from a search that found nothing. The forum issue replaces this page with
// the real question form; until then it says so and passes the question on to support.
// "community_": community.tsx has no <Outlet>, so a nested route would never show.
export function loader({ request }: LoaderFunctionArgs) {
  const cleaned = cleanQuery(new URL(request.url).searchParams.get("title"));
  return { title: cleaned.ok ? cleaned.query : "" };
}

export default function NewCommunityTopic() {
  const { t } = useTranslation();
  const { title } = useLoaderData<typeof loader>();
  const supportHref = title ? `/support/new?${new URLSearchParams({ q: title })}` : "/support/new";
  return (
    <section className="empty-state">
      <h1>{t("search.community.title")}</h1>
      <p>{t("search.community.text")}</p>
      {title ? (
        <p className="community-question">{t("search.community.yourQuestion", { title })}</p>
      ) : null}
      <p className="community-actions">
        <Link to={supportHref} className="button">
          {t("search.community.contactSupport")}
        </Link>
        <Link to="/kb">{t("search.community.backToSearch")}</Link>
      </p>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
