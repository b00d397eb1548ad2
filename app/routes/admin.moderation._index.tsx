// The Flagged tab: open flags grouped by post, the longest-waiting first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ModerationButtons } from "~/components/community/ModerationForm";
import { QueueItem } from "~/components/community/QueueItem";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { listFlaggedPosts } from "~/models/moderation.server";
import { MODERATION_LIMITS } from "~/models/moderation-policy";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { posts: await listFlaggedPosts() };
}

export default function FlaggedTab() {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const { posts } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="moderation-tab-title" className="stack">
      <h3 id="moderation-tab-title" className="visually-hidden">
        {t("moderation.tabs.flagged")}
      </h3>
      {posts.length === 0 ? <p className="muted">{t("moderation.queue.empty")}</p> : null}
      {posts.length >= MODERATION_LIMITS.queueMax ? (
        <p className="muted">{t("moderation.queue.shown", { max: MODERATION_LIMITS.queueMax })}</p>
      ) : null}
      {posts.map((post) => {
        const hidden = post.state === "hidden";
        const title = `${post.topic.title} · ${t("moderation.queue.post", { number: post.number })}`;
        return (
          <QueueItem
            key={post.postId}
            post={post}
            badges={
              <>
                <span className="badge moderation-flag-count">
                  {t("moderation.queue.flagCount", { count: post.flagCount })}
                </span>
                {hidden ? (
                  <span className="badge moderation-hidden">
                    {t("moderation.queue.autoHidden")}
                  </span>
                ) : null}
                <span>
                  {t("moderation.queue.waiting", {
                    age: moment.format(new Date(post.firstFlaggedAt)),
                  })}
                </span>
              </>
            }
          >
            <ul className="moderation-reasons" aria-label={t("moderation.fields.reason")}>
              {post.reasons.map((r) => (
                <li key={r.reason} className="badge">
                  {t(`moderation.reasons.${r.reason}`, { defaultValue: r.reason })} × {r.count}
                </li>
              ))}
            </ul>
            {post.notes.length ? (
              <div className="moderation-notes">
                <h4>{t("moderation.queue.notes")}</h4>
                <ul>
                  {post.notes.map((n) => (
                    <li key={n.id}>
                      <q>{n.note}</q> — {n.reporter ?? t("moderation.queue.anonymous")}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <ModerationButtons
              inQueue
              label={title}
              fields={{ postId: post.postId }}
              actions={[
                {
                  intent: "uphold",
                  label: t(hidden ? "moderation.actions.keepHidden" : "moderation.actions.uphold"),
                  primary: true,
                },
                { intent: "dismiss", label: t("moderation.actions.dismiss") },
              ]}
            />
          </QueueItem>
        );
      })}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
