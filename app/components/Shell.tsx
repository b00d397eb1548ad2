import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n";
import { isStaff } from "~/models/roles";
import { ChatLauncher } from "./chat/ChatLauncher";
import { NotificationBell } from "./NotificationBell";
import { SearchCombobox } from "./search/SearchCombobox";

/** The full chat page has the conversation already; the widget would only repeat it. */
const NO_WIDGET_PATHS = new Set(["/help/chat", "/login", "/logout"]);

export type ShellUser = {
  id: string;
  name: string;
  role: string;
  accountId: string | null;
  accountName: string | null;
  /** Unread notifications (capped, see BELL_COUNT_CAP). */
  unreadNotifications?: number;
};

export function Shell({
  user,
  locale,
  children,
}: {
  user: ShellUser | null;
  locale: Locale;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              A
            </span>
            <span>{t("app.name")}</span>
          </Link>
          <Form method="get" action="/search" role="search" className="header-search">
            <label htmlFor="site-search" className="visually-hidden">
              {t("nav.search")}
            </label>
            <SearchCombobox
              id="site-search"
              locale={locale}
              placeholder={t("nav.searchPlaceholder")}
            />
          </Form>
          <nav aria-label={t("nav.main")} className="main-nav">
            <ul>
              <li>
                <NavLink to="/kb">{t("nav.helpCenter")}</NavLink>
              </li>
              <li>
                <NavLink to="/community">{t("nav.community")}</NavLink>
              </li>
              <li>
                <NavLink to="/onboarding">{t("nav.onboarding")}</NavLink>
              </li>
              {user && isStaff(user) ? (
                <li>
                  <NavLink to="/admin">{t("nav.console")}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="header-tools">
            <Form
              method="post"
              action="/locale"
              className="locale-switch"
              aria-label={t("nav.language")}
            >
              <input type="hidden" name="redirectTo" value={here} />
              <button
                type="submit"
                name="locale"
                value="ja"
                aria-pressed={locale === "ja"}
                lang="ja"
              >
                日本語
              </button>
              <button
                type="submit"
                name="locale"
                value="en"
                aria-pressed={locale === "en"}
                lang="en"
              >
                English
              </button>
            </Form>
            {user ? <NotificationBell count={user.unreadNotifications ?? 0} /> : null}
            {user ? (
              <div className="user-menu">
                <span className="user-name" title={t("nav.signedInAs", { name: user.name })}>
                  {user.name}
                  {user.accountName ? <small>{user.accountName}</small> : null}
                </span>
                {user.accountId ? (
                  <Link to={`/accounts/${user.accountId}`}>{t("nav.myAccount")}</Link>
                ) : null}
                <Link to="/settings">{t("nav.settings")}</Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </div>
            ) : (
              <Link
                to={`/login?redirectTo=${encodeURIComponent(here)}`}
                className="button button-small"
              >
                {t("nav.signIn")}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("footer.rights", { year: new Date().getFullYear() })}</p>
      </footer>
      {user && !isStaff(user) && user.accountId && !NO_WIDGET_PATHS.has(location.pathname) ? (
        <aside aria-label={t("answerBot.panelLabel")}>
          <ChatLauncher />
        </aside>
      ) : null}
    </>
  );
}
