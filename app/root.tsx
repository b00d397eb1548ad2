import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { ErrorPage } from "~/components/ErrorPage";
import { Shell } from "~/components/Shell";
import { DEFAULT_LOCALE, getI18n } from "~/i18n";
import { countUnread } from "~/models/notification.server";
import { getUser } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import { useNonce } from "~/utils/nonce";
import announcementsStylesUrl from "~/styles/announcements.css?url";
import stylesUrl from "~/styles/app.css?url";
import chatStylesUrl from "~/styles/chat.css?url";
import communityStylesUrl from "~/styles/community.css?url";
import contentAdminStylesUrl from "~/styles/content-admin.css?url";
import healthConsoleStylesUrl from "~/styles/health-console.css?url";
import insightsStylesUrl from "~/styles/insights.css?url";
import integrationsStylesUrl from "~/styles/integrations.css?url";
import healthStylesUrl from "~/styles/health.css?url";
import accountDataStylesUrl from "~/styles/account-data.css?url";
import kbStylesUrl from "~/styles/kb.css?url";
import moderationStylesUrl from "~/styles/moderation.css?url";
import notificationsStylesUrl from "~/styles/notifications.css?url";
import onboardingStylesUrl from "~/styles/onboarding.css?url";
import searchStylesUrl from "~/styles/search.css?url";
import topicStylesUrl from "~/styles/topic.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "stylesheet", href: kbStylesUrl },
  { rel: "stylesheet", href: contentAdminStylesUrl },
  { rel: "stylesheet", href: announcementsStylesUrl },
  { rel: "stylesheet", href: searchStylesUrl },
  { rel: "stylesheet", href: insightsStylesUrl },
  { rel: "stylesheet", href: communityStylesUrl },
  { rel: "stylesheet", href: topicStylesUrl },
  { rel: "stylesheet", href: moderationStylesUrl },
  { rel: "stylesheet", href: onboardingStylesUrl },
  { rel: "stylesheet", href: integrationsStylesUrl },
  { rel: "stylesheet", href: healthStylesUrl },
  { rel: "stylesheet", href: healthConsoleStylesUrl },
  { rel: "stylesheet", href: accountDataStylesUrl },
  { rel: "stylesheet", href: chatStylesUrl },
  { rel: "stylesheet", href: notificationsStylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Acme Cloud Support" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const [locale, unread] = await Promise.all([
    resolveLocale(request, user),
    user ? countUnread(user.id) : Promise.resolve(0),
  ]);
  return {
    locale,
    user: user && {
      id: user.id,
      name: user.name,
      role: user.role,
      accountId: user.accountId,
      accountName: user.account?.name ?? null,
      unreadNotifications: unread,
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={getI18n(locale)}>
          <Shell user={data?.user ?? null} locale={locale}>
            {children}
          </Shell>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
