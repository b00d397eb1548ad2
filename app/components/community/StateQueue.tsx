// The Held-for-review and Hidden tabs: topics first (a topic and its opening post share one
// state), then replies, each with the actions that fit the state.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { QueuePost } from "~/models/moderation.server";
import { ModerationButtons } from "./ModerationForm";
import type { ModerationIntent } from "./moderation-schema";
import { QueueItem } from "./QueueItem";

type TopicItem = {
  id: string;
  title: string;
  category: string;
  opening: QueuePost | null;
};

const ACTIONS = {
  pending: {
    topic: [
      { intent: "approveTopic", label: "moderation.actions.approveTopic", primary: true },
      { intent: "rejectTopic", label: "moderation.actions.rejectTopic" },
    ],
    post: [
      { intent: "approvePost", label: "moderation.actions.approvePost", primary: true },
      { intent: "rejectPost", label: "moderation.actions.rejectPost" },
    ],
  },
  hidden: {
    topic: [{ intent: "restoreTopic", label: "moderation.actions.restoreTopic", primary: true }],
    post: [{ intent: "restorePost", label: "moderation.actions.restorePost", primary: true }],
  },
} as const satisfies Record<
  string,
  Record<
    "topic" | "post",
    ReadonlyArray<{ intent: ModerationIntent; label: string; primary?: boolean }>
  >
>;

export function StateQueue({
  state,
  topics,
  posts,
}: {
  state: "pending" | "hidden";
  topics: TopicItem[];
  posts: QueuePost[];
}) {
  const { t } = useTranslation();
  const actions = (kind: "topic" | "post") =>
    ACTIONS[state][kind].map((a) => ({ ...a, label: t(a.label) }));
  return (
    <div className="stack">
      <section aria-labelledby="queue-topics" className="stack">
        <h3 id="queue-topics">{t("moderation.queue.topics")}</h3>
        {topics.length === 0 ? <p className="muted">{t("moderation.queue.empty")}</p> : null}
        {topics.map((topic) =>
          topic.opening ? (
            <QueueItem key={topic.id} post={topic.opening} headingLevel={4}>
              <p className="muted">{t("moderation.queue.category", { name: topic.category })}</p>
              <ModerationButtons
                inQueue
                label={topic.title}
                fields={{ topicId: topic.id }}
                actions={actions("topic")}
              />
            </QueueItem>
          ) : (
            <article key={topic.id} className="card moderation-item">
              <h4>
                <Link to={`/community/t/${topic.id}`}>{topic.title}</Link>
              </h4>
              <ModerationButtons
                inQueue
                label={topic.title}
                fields={{ topicId: topic.id }}
                actions={actions("topic")}
              />
            </article>
          ),
        )}
      </section>
      <section aria-labelledby="queue-posts" className="stack">
        <h3 id="queue-posts">{t("moderation.queue.posts")}</h3>
        {posts.length === 0 ? <p className="muted">{t("moderation.queue.empty")}</p> : null}
        {posts.map((post) => (
          <QueueItem key={post.postId} post={post} headingLevel={4}>
            <ModerationButtons
              inQueue
              label={`${post.topic.title} · ${t("moderation.queue.post", { number: post.number })}`}
              fields={{ postId: post.postId }}
              actions={actions("post")}
            />
          </QueueItem>
        ))}
      </section>
    </div>
  );
}
