import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/ui/Field";
import { audit } from "~/models/audit.server";
import { EMAIL_STATUSES, RETRYABLE_STATUSES } from "~/models/email-status";
import { listOutbox, OUTBOX_PAGE_SIZE, retryEmail } from "~/models/email.server";
import { requireRole } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "E-mail outbox · CS console" }];

const RETRYABLE = new Set<string>(RETRYABLE_STATUSES);

const querySchema = z.object({
  status: z.enum(EMAIL_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const query = querySchema.parse(Object.fromEntries(url.searchParams));
  const { rows, total, counts } = await listOutbox(query);
  return {
    ...query,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    counts,
    smtp: !!getEnv().SMTP_URL,
    rows: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const { t } = await getRequestT(request, user);
  const form = await request.formData();
  const id = form.get("id");
  if (form.get("intent") !== "retry" || typeof id !== "string" || !id || id.length > 64) {
    return data({ notice: null, error: t("validation.invalidChoice") }, { status: 400 });
  }
  const result = await retryEmail(id);
  if (result === "not_found") {
    return data({ notice: null, error: t("notifications.outbox.notFound") }, { status: 404 });
  }
  if (result === "not_retryable") {
    return data({ notice: null, error: t("notifications.outbox.notRetryable") }, { status: 409 });
  }
  await audit({
    actorId: user.id,
    action: "email.retried",
    targetType: "email",
    targetId: id,
    ipAddress: clientIp(context),
  });
  return { notice: t("notifications.outbox.retried"), error: null };
}

export default function AdminOutbox() {
  const { t } = useTranslation();
  const { moment, number } = useFormatters();
  const { rows, status, page, pages, counts, smtp } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const link = (s: string | undefined, p = 1) =>
    `?${new URLSearchParams({ ...(s ? { status: s } : {}), page: String(p) })}`;
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t("notifications.outbox.title")}</h2>
      <p className="muted">{t("notifications.outbox.intro")}</p>
      <p>{smtp ? t("notifications.outbox.smtpOn") : t("notifications.outbox.smtpOff")}</p>
      <div aria-live="polite">
        {result?.notice ? <Notice>{result.notice}</Notice> : null}
        {result?.error ? (
          <p className="alert alert-error" role="alert">
            {result.error}
          </p>
        ) : null}
      </div>
      <nav aria-label={t("notifications.outbox.filterLabel")} className="notifications-filter">
        <Link to={link(undefined)} aria-current={!status ? "page" : undefined}>
          {t("notifications.outbox.all")}
        </Link>
        {EMAIL_STATUSES.map((s) => (
          <Link key={s} to={link(s)} aria-current={status === s ? "page" : undefined}>
            {t(`notifications.outbox.statuses.${s}`)} ({number.format(counts[s] ?? 0)})
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="card empty-state">{t("notifications.outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="outbox-table">
            <thead>
              <tr>
                <th scope="col">{t("notifications.outbox.columns.to")}</th>
                <th scope="col">{t("notifications.outbox.columns.subject")}</th>
                <th scope="col">{t("notifications.outbox.columns.status")}</th>
                <th scope="col">{t("notifications.outbox.columns.attempts")}</th>
                <th scope="col">{t("notifications.outbox.columns.created")}</th>
                <th scope="col">{t("notifications.outbox.columns.next")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("notifications.outbox.retry")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td data-label={t("notifications.outbox.columns.to")}>{r.to}</td>
                  <td data-label={t("notifications.outbox.columns.subject")}>
                    {r.subject}
                    <br />
                    <span className="muted">{r.kind}</span>
                  </td>
                  <td data-label={t("notifications.outbox.columns.status")}>
                    <span className={`badge status-badge-${r.status}`}>
                      {t(`notifications.outbox.statuses.${r.status}`, { defaultValue: r.status })}
                    </span>
                    {r.lastError ? <p className="outbox-error">{r.lastError}</p> : null}
                  </td>
                  <td data-label={t("notifications.outbox.columns.attempts")}>{r.attempts}</td>
                  <td className="nowrap" data-label={t("notifications.outbox.columns.created")}>
                    {moment.format(new Date(r.createdAt))}
                  </td>
                  <td className="nowrap" data-label={t("notifications.outbox.columns.next")}>
                    {r.status === "pending" ? moment.format(new Date(r.nextAttemptAt)) : "—"}
                  </td>
                  <td>
                    {RETRYABLE.has(r.status) ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={r.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="retry"
                          className="button button-secondary button-small"
                          disabled={busy}
                          aria-label={t("notifications.outbox.retryLabel", { to: r.to })}
                        >
                          {t("notifications.outbox.retry")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("notifications.outbox.title")}>
          {page > 1 ? <Link to={link(status, page - 1)}>←</Link> : <span />}
          <span>{t("notifications.outbox.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={link(status, page + 1)}>→</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
