// The insights section of the console: one tab per kind of insight (search first, synonyms
// next, then the answer bot), each a child route rendered in the outlet.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Insights · CS console" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

const TABS = [
  { to: "/admin/insights", label: "insights.tabSearch", end: true },
  { to: "/admin/insights/synonyms", label: "insights.tabSynonyms", end: false },
  { to: "/admin/insights/answer-bot", label: "answerBot.insights.tab", end: false },
] as const;

export default function InsightsLayout() {
  const { t } = useTranslation();
  return (
    <div className="insights">
      <h2 className="insights-title">{t("insights.title")}</h2>
      <nav aria-label={t("insights.tabs")}>
        <ul className="insights-tabs">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.end}>
                {t(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
