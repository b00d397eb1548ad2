import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listNewslettersForReader } from "~/models/newsletter.server";
import { requireUser } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Newsletters · Acme Cloud Support" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rows = await listNewslettersForReader(user.id);
  return { newsletters: rows.map((n) => ({ ...n, sentAt: n.sentAt?.toISOString() ?? null })) };
}

export default function Newsletters() {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const { newsletters } = useLoaderData<typeof loader>();
  return (
    <section className="notifications-page" aria-labelledby="newsletters-title">
      <h1 id="newsletters-title">{t("notifications.newsletters.readTitle")}</h1>
      <p className="muted">{t("notifications.newsletters.readIntro")}</p>
      {newsletters.length === 0 ? (
        <p className="card empty-state">{t("notifications.newsletters.readEmpty")}</p>
      ) : (
        <ul className="notification-list">
          {newsletters.map((n) => (
            <li key={n.id} className="notification">
              <div className="notification-body">
                <Link to={`/newsletters/${n.id}`}>{n.subject}</Link>
                {n.sentAt ? (
                  <time dateTime={n.sentAt} className="muted">
                    {t("notifications.newsletters.sentOn", {
                      date: date.format(new Date(n.sentAt)),
                    })}
                  </time>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
