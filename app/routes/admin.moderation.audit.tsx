// The Audit log tab: every moderator action (and automatic hides), newest first, paged.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { TableWrap } from "~/components/ui/TableWrap";
import { listModerationLog } from "~/models/moderation.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { notFound } from "~/utils/request.server";

const PAGE = /^[1-9]\d{0,5}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const raw = new URL(request.url).searchParams.get("page") ?? "1";
  if (!PAGE.test(raw)) throw notFound();
  const page = Number(raw);
  const log = await listModerationLog(page);
  if (page > log.pages) throw notFound();
  return { ...log, page };
}

export default function AuditTab() {
  const { t } = useTranslation();
  const { moment, number } = useFormatters();
  const { rows, page, pages, total } = useLoaderData<typeof loader>();
  const href = (p: number) => `/admin/moderation/audit${p > 1 ? `?page=${p}` : ""}`;
  return (
    <section aria-labelledby="audit-title" className="stack">
      <h3 id="audit-title">{t("moderation.audit.caption")}</h3>
      <p className="muted">
        {t("moderation.audit.total", { count: total, formatted: number.format(total) })}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t("moderation.queue.empty")}</p>
      ) : (
        <TableWrap labelledBy="audit-title">
          <table className="moderation-audit">
            <thead>
              <tr>
                <th scope="col">{t("moderation.audit.when")}</th>
                <th scope="col">{t("moderation.audit.who")}</th>
                <th scope="col">{t("moderation.audit.action")}</th>
                <th scope="col">{t("moderation.audit.target")}</th>
                <th scope="col">{t("moderation.audit.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const target = `${t(`moderation.audit.targets.${r.targetType ?? "post"}`, {
                  defaultValue: r.targetType ?? "",
                })}${r.label ? ` ${r.label}` : ""}`;
                return (
                  <tr key={r.id}>
                    <td>{moment.format(new Date(r.createdAt))}</td>
                    <td>{r.automatic ? t("moderation.audit.system") : (r.actor ?? "—")}</td>
                    <td>{t(`moderation.audit.actions.${r.action}`, { defaultValue: r.action })}</td>
                    <td>{r.link ? <Link to={r.link}>{target}</Link> : target}</td>
                    <td>{r.reason || "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("admin.pagination")}>
          {page > 1 ? (
            <Link to={href(page - 1)} rel="prev">
              {t("admin.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span aria-current="page">{t("admin.pageOf", { page, pages })}</span>
          {page < pages ? (
            <Link to={href(page + 1)} rel="next">
              {t("admin.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
