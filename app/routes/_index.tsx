import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Announcements } from "~/components/Announcements";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { listHomeAnnouncements, listLiveAnnouncementsForStaff } from "~/models/announcement.server";
import { getOnboardingWidget } from "~/models/onboarding.server";
import { OnboardingWidget } from "~/components/onboarding/OnboardingWidget";
import { isStaff } from "~/models/roles";
import { useRootData } from "~/root";
import { getUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Acme Cloud Support" },
  ...(data ? [{ name: "description", content: data.description }] : []),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { locale, t } = await getRequestT(request, user);
  const description = t("home.intro");
  if (user && isStaff(user)) {
    const live = await listLiveAnnouncementsForStaff({ locale });
    return {
      description,
      mode: "staff" as const,
      announcements: live.items,
      liveTotal: live.total,
      onboarding: null,
    };
  }
  return {
    description,
    mode: user ? ("customer" as const) : ("visitor" as const),
    announcements: await listHomeAnnouncements({ viewer: user, locale }),
    liveTotal: null,
    onboarding: user ? await getOnboardingWidget(user, locale) : null,
  };
}

export default function Home() {
  const { t } = useTranslation();
  const user = useRootData()?.user ?? null;
  const { mode, announcements, liveTotal, onboarding } = useLoaderData<typeof loader>();
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
      <Announcements announcements={announcements} mode={mode} liveTotal={liveTotal ?? undefined} />
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
      {onboarding ? <OnboardingWidget widget={onboarding} /> : null}
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
