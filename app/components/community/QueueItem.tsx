// One post in a moderation queue: where it is, who wrote it, an excerpt, and the slot for the
// tab's own details and actions.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { QueuePost } from "~/models/moderation.server";
import { useFormatters } from "~/utils/format";
import { EditPostForm, SuspendForm } from "./ModerationForm";

export function postLink(post: Pick<QueuePost, "topic" | "number">) {
  return `/community/t/${post.topic.id}/p/${post.number}`;
}

export function QueueItem({
  post,
  badges,
  children,
  headingLevel = 3,
}: {
  post: QueuePost;
  badges?: React.ReactNode;
  children?: React.ReactNode;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const Heading = `h${headingLevel}` as const;
  const headingId = `queue-${post.postId}`;
  const author = post.author?.name ?? t("moderation.queue.formerUser");
  return (
    <article className="card moderation-item" aria-labelledby={headingId}>
      <Heading id={headingId} className="moderation-item-title">
        <Link to={postLink(post)}>
          {post.topic.title} · {t("moderation.queue.post", { number: post.number })}
        </Link>
      </Heading>
      <p className="moderation-item-meta muted">
        <span>{t("moderation.queue.by", { name: author })}</span>
        {post.author?.suspended ? (
          <span className="badge">{t("moderation.queue.suspendedBadge")}</span>
        ) : null}
        <span>
          {t("moderation.queue.posted", { age: moment.format(new Date(post.createdAt)) })}
        </span>
        {badges}
      </p>
      <blockquote className="moderation-excerpt">{post.excerpt}</blockquote>
      {children}
      <div className="moderation-more">
        <EditPostForm postId={post.postId} body={post.body} number={post.number} />
        {post.author?.customer && !post.author.suspended ? (
          <SuspendForm userId={post.author.id} name={author} />
        ) : null}
      </div>
    </article>
  );
}
