import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { renderNewsletterBody, trackedLink } from "~/commands/newsletters.server";
import { findReadableNewsletter } from "~/models/newsletter.server";
import { db } from "~/utils/db.server";
import { requireUser } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Newsletter · Acme Cloud Support" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const newsletter = await findReadableNewsletter(user, params.id ?? "");
  // Not sent to this reader (or not sent at all): as if it did not exist.
  if (!newsletter) throw new Response("Not found", { status: 404 });
  const { links } = await db.newsletter.findUniqueOrThrow({
    where: { id: newsletter.id },
    select: { links: true },
  });
  const parsed = JSON.parse(links) as string[];
  const { html } = renderNewsletterBody(
    { id: newsletter.id, body: newsletter.body, links: parsed },
    (i) => trackedLink("", newsletter.id, i),
  );
  return {
    subject: newsletter.subject,
    sentAt: newsletter.sentAt?.toISOString() ?? null,
    html,
  };
}

export default function Newsletter() {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const { subject, sentAt, html } = useLoaderData<typeof loader>();
  return (
    <article className="notifications-page" aria-labelledby="newsletter-title">
      <p>
        <Link to="/newsletters">← {t("notifications.newsletters.readTitle")}</Link>
      </p>
      <h1 id="newsletter-title">{subject}</h1>
      {sentAt ? (
        <p className="muted">
          {t("notifications.newsletters.sentOn", { date: date.format(new Date(sentAt)) })}
        </p>
      ) : null}
      {/* Sanitised by the KB's Markdown renderer (app/utils/markdown.server.ts). */}
      <div className="newsletter-reader prose" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
