import type { MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { isStaff } from "~/models/roles";
import { useRootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "Acme Cloud Support" }];

export default function Home() {
  const { t } = useTranslation();
  const user = useRootData()?.user ?? null;
  const tiles = [
    { to: "/kb", title: t("nav.helpCenter"), text: t("home.helpCenterText") },
    { to: "/community", title: t("nav.community"), text: t("home.communityText") },
    { to: "/onboarding", title: t("nav.onboarding"), text: t("home.onboardingText") },
    ...(user && isStaff(user)
      ? [{ to: "/admin", title: t("nav.console"), text: t("home.staffText") }]
      : []),
  ];
  return (
    <>
      <section className="hero">
        {user ? <p className="hero-greeting">{t("home.greeting", { name: user.name })}</p> : null}
        <h1>{t("home.title")}</h1>
        <p>{t("home.intro")}</p>
        <Form method="get" action="/search" role="search" className="hero-search">
          <label htmlFor="hero-q" className="visually-hidden">
            {t("nav.search")}
          </label>
          <input
            id="hero-q"
            type="search"
            name="q"
            placeholder={t("nav.searchPlaceholder")}
            maxLength={200}
          />
          <button type="submit" className="button">
            {t("nav.search")}
          </button>
        </Form>
      </section>
      <ul className="tiles">
        {tiles.map((tile) => (
          <li key={tile.to}>
            <Link to={tile.to} className="tile">
              <h2>{tile.title}</h2>
              <p>{tile.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
