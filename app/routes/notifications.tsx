import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Notice } from "~/components/ui/Field";
import {
  listNotifications,
  markAllRead,
  markRead,
  notificationMessage,
} from "~/models/notification.server";
import { requireUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { useFormatters } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Notifications · Acme Cloud Support" }];

const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  filter: z.enum(["all", "unread"]).catch("all"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await getRequestT(request, user);
  const url = new URL(request.url);
  const { page, filter } = querySchema.parse(Object.fromEntries(url.searchParams));
  const list = await listNotifications(user.id, page, filter === "unread");
  return {
    page,
    pages: list.pages,
    total: list.total,
    filter,
    items: list.rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
      message: notificationMessage(t, locale, {
        kind: n.kind,
        params: n.params,
        actorName: n.actor?.name ?? null,
      }),
    })),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("readAll") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestT(request, user);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data({ notice: null, error: t("validation.invalidChoice") }, { status: 400 });
  }
  if (parsed.data.intent === "readAll") {
    await markAllRead(user.id);
    return { notice: t("notifications.markedAll"), error: null };
  }
  // Someone else's notification (or none) answers 404: ids do not reveal what exists.
  if (!(await markRead(user.id, parsed.data.id))) throw new Response("Not found", { status: 404 });
  return { notice: t("notifications.marked"), error: null };
}

export default function Notifications() {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const { items, page, pages, filter } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const unread = items.some((i) => !i.read);
  const query = (p: number) => `?${new URLSearchParams({ filter, page: String(p) })}`;
  return (
    <section className="notifications-page" aria-labelledby="notifications-title">
      <div className="notifications-head">
        <h1 id="notifications-title">{t("notifications.title")}</h1>
        <Link to="/settings#notifications">{t("notifications.settingsLink")}</Link>
      </div>
      <p className="muted">{t("notifications.intro")}</p>
      <div aria-live="polite">{result?.notice ? <Notice>{result.notice}</Notice> : null}</div>
      <div className="notifications-toolbar">
        <nav aria-label={t("notifications.filterLabel")} className="notifications-filter">
          <Link to="?filter=all" aria-current={filter === "all" ? "page" : undefined}>
            {t("notifications.filterAll")}
          </Link>
          <Link to="?filter=unread" aria-current={filter === "unread" ? "page" : undefined}>
            {t("notifications.filterUnread")}
          </Link>
        </nav>
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="readAll"
            className="button button-secondary button-small"
            disabled={busy || !unread}
          >
            {t("notifications.markAllRead")}
          </button>
        </Form>
      </div>
      {items.length === 0 ? (
        <p className="card empty-state">
          {filter === "unread" ? t("notifications.emptyUnread") : t("notifications.empty")}
        </p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "notification" : "notification notification-unread"}>
              <div className="notification-body">
                {n.read ? null : (
                  <span className="badge notification-unread-badge">
                    {t("notifications.unreadBadge")}
                  </span>
                )}
                <Link to={`/notifications/${n.id}`} className="notification-message">
                  {n.message}
                </Link>
                <time dateTime={n.createdAt} className="muted">
                  {moment.format(new Date(n.createdAt))}
                </time>
              </div>
              {n.read ? null : (
                <Form method="post" className="notification-actions">
                  <input type="hidden" name="id" value={n.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="read"
                    className="link-button"
                    aria-label={t("notifications.markReadLabel", { message: n.message })}
                  >
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("notifications.pagination")}>
          {page > 1 ? <Link to={query(page - 1)}>{t("notifications.newer")}</Link> : <span />}
          <span>{t("notifications.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={query(page + 1)}>{t("notifications.older")}</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
