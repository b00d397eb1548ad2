import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewsletterEditor } from "~/components/NewsletterEditor";
import { Notice } from "~/components/ui/Field";
import { AUDIENCE_OPTIONS } from "~/models/newsletter-audience";
import { handleEditorAction } from "~/models/newsletter-form.server";
import { countAudience, getNewsletter, parseAudience } from "~/models/newsletter.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Newsletter · CS console" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const row = await getNewsletter(params.id ?? "");
  if (!row) throw new Response("Not found", { status: 404 });
  const audience = parseAudience(row.audience);
  return {
    newsletter: {
      id: row.id,
      subject: row.subject,
      body: row.body,
      audience,
      status: row.status,
      scheduledAt: row.scheduledAt?.toISOString() ?? null,
      sentAt: row.sentAt?.toISOString() ?? null,
      recipientCount: row.recipientCount,
    },
    recipients: row.status === "sent" ? row.recipientCount : await countAudience(audience),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const id = params.id ?? "";
  if (!(await getNewsletter(id))) throw new Response("Not found", { status: 404 });
  const answer = await handleEditorAction({ form: await request.formData(), id, actor: user, t });
  if ("redirect" in answer) return redirect(answer.redirect);
  return data(answer.result, { status: answer.status });
}

export default function EditNewsletter() {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const { newsletter, recipients } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const sent = newsletter.status === "sent" || newsletter.status === "sending";
  return (
    <section className="card" aria-labelledby="newsletter-edit-title">
      <p>
        <Link to="/admin/newsletters">← {t("notifications.newsletters.back")}</Link>
      </p>
      <h2 id="newsletter-edit-title">
        {sent ? newsletter.subject : t("notifications.newsletters.editTitle")}{" "}
        <span className="badge">
          {t(`notifications.newsletters.statuses.${newsletter.status}`)}
        </span>
      </h2>
      <div aria-live="polite">
        {params.get("created") && !result ? (
          <Notice>{t("notifications.newsletters.created")}</Notice>
        ) : null}
        {result?.notice ? <Notice>{result.notice}</Notice> : null}
      </div>
      {newsletter.status === "scheduled" && newsletter.scheduledAt ? (
        <Form method="post" className="newsletter-actions">
          <p>
            {t("notifications.newsletters.scheduleAt")}:{" "}
            {moment.format(new Date(newsletter.scheduledAt))}
          </p>
          <button
            type="submit"
            name="intent"
            value="unschedule"
            className="button button-secondary button-small"
          >
            {t("notifications.newsletters.unschedule")}
          </button>
        </Form>
      ) : null}
      {sent ? (
        <>
          <p>
            {t("notifications.newsletters.recipients", { count: newsletter.recipientCount })}
            {newsletter.sentAt
              ? ` · ${t("notifications.newsletters.sentOn", { date: moment.format(new Date(newsletter.sentAt)) })}`
              : null}
          </p>
          {result?.errors.form ? (
            <p className="alert alert-error" role="alert">
              {result.errors.form}
            </p>
          ) : null}
          <p>
            <Link to={`/newsletters/${newsletter.id}`}>
              {t("notifications.newsletters.readTitle")}
            </Link>
          </p>
        </>
      ) : (
        <NewsletterEditor
          key={newsletter.status}
          values={result?.values ?? newsletter}
          errors={result?.errors ?? {}}
          options={AUDIENCE_OPTIONS}
          recipients={result?.recipients ?? recipients}
          saved
          busy={busy}
        />
      )}
      {result?.preview ? (
        <section aria-labelledby="newsletter-preview-title">
          <h3 id="newsletter-preview-title">{t("notifications.newsletters.previewHeading")}</h3>
          <div
            className="newsletter-preview prose"
            dangerouslySetInnerHTML={{ __html: result.preview }}
          />
        </section>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
