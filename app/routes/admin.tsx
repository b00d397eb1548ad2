import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { countMyOpenAlerts } from "~/models/alert.server";
import { countOpenQueue } from "~/models/moderation.server";
import { isHealthPath, requireHealthViewer, requireStaff } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "CS console · Acme Cloud Support" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Health pages answer customers 404 (they never learn those pages exist); the rest 403.
  const user = isHealthPath(new URL(request.url).pathname)
    ? await requireHealthViewer(request)
    : await requireStaff(request);
  const [moderationQueue, myAlerts] = await Promise.all([
    countOpenQueue(),
    countMyOpenAlerts(user.id),
  ]);
  return { moderationQueue, myAlerts, admin: user.role === "admin" };
}

export default function AdminLayout() {
  const { t } = useTranslation();
  const { moderationQueue, myAlerts, admin } = useLoaderData<typeof loader>();
  const tabs = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();
  // On a phone the tabs scroll sideways (app.css): bring the current one into view, sideways
  // only, so that a link to a #section further down keeps its place.
  useEffect(() => {
    const list = tabs.current;
    const current = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !current || list.scrollWidth <= list.clientWidth) return;
    const offset = current.getBoundingClientRect().left - list.getBoundingClientRect().left;
    list.scrollLeft += offset - (list.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);
  return (
    <div className="admin">
      <h1 className="admin-title">{t("admin.title")}</h1>
      <nav aria-label={t("admin.title")}>
        <ul className="subnav console-tabs" ref={tabs}>
          <li>
            <NavLink to="/admin" end>
              {t("admin.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/accounts">{t("admin.accounts")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/alerts">
              {myAlerts ? t("alerts.navLabel", { count: myAlerts }) : t("alerts.title")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/content">{t("admin.content")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/announcements">{t("admin.announcements")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/newsletters">{t("notifications.newsletters.nav")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/checklists">{t("onboarding.admin.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/community">{t("admin.community")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/moderation">
              {moderationQueue
                ? t("moderation.navLabel", { count: moderationQueue })
                : t("admin.moderation")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/insights">{t("admin.insights")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/health">{t("admin.healthModel")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/integrations">{t("admin.integrations")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/settings">{t("admin.settings")}</NavLink>
          </li>
          {admin ? (
            <li>
              <NavLink to="/admin/outbox">{t("notifications.outbox.title")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
