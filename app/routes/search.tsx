import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState } from "~/components/EmptyState";

export const meta: MetaFunction = () => [{ title: "Acme Cloud Support" }];

// Replaced by its own issue; until then the page says honestly that there is nothing here yet.
export default function Page() {
  const { t } = useTranslation();
  return <EmptyState title={t("nav.search")} text={t("placeholder.search")} />;
}

export { RouteErrorBoundary as ErrorBoundary };
