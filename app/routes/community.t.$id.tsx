import { getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
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
  useFetcher,
  useLoaderData,
  useLocation,
} from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { acceptAnswer, unacceptAnswer } from "~/commands/accept-answer.server";
import { ConvertRefused, convertTopicToArticle } from "~/commands/convert-topic.server";
import { editPost } from "~/commands/edit-post.server";
import { flagPost } from "~/commands/moderate-flags.server";
import { ModerationError } from "~/commands/moderation-common.server";
import { replyToTopic } from "~/commands/reply-to-topic.server";
import { ForumError, retryHeaders } from "~/commands/topic-errors.server";
import {
  likePost,
  setIdeaStatus,
  setWatching,
  unlikePost,
  unvoteIdea,
  voteIdea,
} from "~/commands/topic-reactions.server";
import { FlagPost, ModeratePost } from "~/components/community/FlagPost";
import { KnowledgeDraft } from "~/components/community/KnowledgeDraft";
import { ModerateTopicMenu, TopicStateNotice } from "~/components/community/ModerateTopicMenu";
import { flagSchema } from "~/components/community/moderation-schema";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm } from "~/components/ui/ConformForm";
import { FieldErrors, FormErrors } from "~/components/ui/Field";
import { FORUM_LIMITS, IDEA_STATUSES, profilePath } from "~/models/forum-policy";
import { getTopicModeration } from "~/models/moderation.server";
import {
  getTopicPage,
  loadForumViewer,
  locatePost,
  recordTopicRead,
  recordTopicView,
  topicPostUrl,
} from "~/models/topic.server";
import { willHoldPosts } from "~/models/standing.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp, notFound } from "~/utils/request.server";

/** Post numbers and page numbers in the query string; anything else is not a page. */
const QUERY_NUMBER = /^[1-9]\d{0,6}$/;
const ID_MAX_LENGTH = 64;
const SUBMISSION_KEY_MAX_LENGTH = 100;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.topic.title} · Acme Cloud Support` : "Acme Cloud Support" },
  ...(data?.description ? [{ name: "description", content: data.description }] : []),
];

function queryNumber(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return null;
  if (!QUERY_NUMBER.test(raw)) throw notFound();
  return Number(raw);
}

function bodyField(t: TFunction) {
  return z
    .string({ required_error: t("topic.errors.bodyRequired", { min: FORUM_LIMITS.bodyMin }) })
    .trim()
    .min(FORUM_LIMITS.bodyMin, t("topic.errors.bodyRequired", { min: FORUM_LIMITS.bodyMin }))
    .max(FORUM_LIMITS.bodyMax, t("topic.errors.bodyTooLong", { max: FORUM_LIMITS.bodyMax }));
}

export function replySchema(t: TFunction) {
  return z.object({
    intent: z.literal("reply"),
    body: bodyField(t),
    submissionKey: z.string().min(1).max(SUBMISSION_KEY_MAX_LENGTH),
  });
}

export function editSchema(t: TFunction) {
  return z.object({
    intent: z.literal("edit"),
    number: z.coerce.number().int().min(1),
    body: bodyField(t),
    reason: z
      .string()
      .trim()
      .max(
        FORUM_LIMITS.editReasonMax,
        t("topic.errors.reasonTooLong", { max: FORUM_LIMITS.editReasonMax }),
      )
      .default(""),
  });
}

const postIdSchema = z.object({ postId: z.string().min(1).max(ID_MAX_LENGTH) });
const statusSchema = z.object({ status: z.enum(["", ...IDEA_STATUSES]) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const viewer = await loadForumViewer(user);
  const { locale } = await getRequestT(request, user);
  const url = new URL(request.url);
  const topicId = params.id ?? "";
  const page = await getTopicPage(viewer, topicId, {
    page: queryNumber(url, "page") ?? 1,
    locale,
    quote: queryNumber(url, "quote"),
    edit: queryNumber(url, "edit"),
  });
  await recordTopicView(viewer, topicId, clientIp(context));
  await recordTopicRead(
    viewer,
    topicId,
    page.viewer.lastReadNumber,
    page.posts.at(-1)?.number ?? 0,
  );
  const moderation = page.viewer.canModerate ? await getTopicModeration(topicId, locale) : null;
  // A fresh key per rendered form: submitting the same form twice creates one post.
  const postsHeld = page.viewer.canReply && user ? await willHoldPosts(user.id) : false;
  return { ...page, moderation, submissionKey: crypto.randomUUID(), postsHeld };
}

type ActionResult = {
  intent: string | null;
  result?: SubmissionResult<string[]>;
  error?: string;
  flagged?: "open" | "hidden";
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestT(request, user);
  const viewer = await loadForumViewer(user);
  if (!viewer) throw notFound();
  const topicId = params.id ?? "";
  const formData = await request.formData();
  const intent = typeof formData.get("intent") === "string" ? String(formData.get("intent")) : null;
  const done: ActionResult = { intent };
  const refuse = (error: string, status = 400) => data<ActionResult>({ intent, error }, { status });

  try {
    if (intent === "reply" || intent === "edit") {
      const submission = parseWithZod(formData, {
        schema: intent === "reply" ? replySchema(t) : editSchema(t),
      });
      if (submission.status !== "success") {
        return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
      }
      try {
        const value = submission.value;
        const { number } =
          value.intent === "reply"
            ? await replyToTopic({
                viewer,
                topicId,
                body: value.body,
                submissionKey: value.submissionKey,
              })
            : await editPost({
                viewer,
                topicId,
                number: value.number,
                body: value.body,
                reason: value.reason,
              });
        throw redirect(topicPostUrl(topicId, await locatePost(viewer, topicId, number)));
      } catch (error) {
        if (!(error instanceof ForumError)) throw error;
        const message = t(`topic.errors.${error.code}`, error.params);
        return data<ActionResult>(
          { intent, result: submission.reply({ formErrors: [message] }) },
          { status: error.status, headers: retryHeaders(error) },
        );
      }
    }

    if (intent === "like" || intent === "unlike" || intent === "accept") {
      const parsed = postIdSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return refuse(t("topic.errors.postNotFound"));
      const input = { viewer, topicId, postId: parsed.data.postId };
      if (intent === "like") await likePost(input);
      else if (intent === "unlike") await unlikePost(input);
      else await acceptAnswer(input);
      return done;
    }

    if (intent === "flag") {
      const parsed = flagSchema(t).safeParse(Object.fromEntries(formData));
      if (!parsed.success) return refuse(parsed.error.issues[0]!.message);
      try {
        const { autoHidden } = await flagPost({ viewer, topicId, ...parsed.data });
        return { ...done, flagged: autoHidden ? "hidden" : "open" } satisfies ActionResult;
      } catch (error) {
        if (!(error instanceof ModerationError)) throw error;
        return refuse(t(`moderation.errors.${error.code}`, error.params), error.status);
      }
    }
    if (intent === "unaccept") {
      await unacceptAnswer({ viewer, topicId });
      return done;
    }
    if (intent === "watch" || intent === "unwatch") {
      await setWatching({ viewer, topicId, watch: intent === "watch" });
      return done;
    }
    if (intent === "vote" || intent === "unvote") {
      await (intent === "vote" ? voteIdea : unvoteIdea)({ viewer, topicId });
      return done;
    }
    if (intent === "convert") {
      try {
        const { articleId } = await convertTopicToArticle({
          viewer,
          topicId,
          ipAddress: clientIp(context),
        });
        throw redirect(`/admin/content/${articleId}`);
      } catch (error) {
        if (!(error instanceof ConvertRefused)) throw error;
        return refuse(t(`knowledge.errors.${error.code}`), error.status);
      }
    }
    if (intent === "status") {
      const parsed = statusSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return refuse(t("validation.invalidChoice"));
      await setIdeaStatus({ viewer, topicId, status: parsed.data.status || null });
      return done;
    }
  } catch (error) {
    if (error instanceof ForumError) {
      return refuse(t(`topic.errors.${error.code}`, error.params), error.status);
    }
    throw error;
  }
  return refuse(t("topic.errors.invalidAction"));
}

// ---------------------------------------------------------------------------------------------

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type PostView = LoaderData["posts"][number];

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** After a redirect to #post-N, move focus there so keyboard and screen-reader users follow. */
function useFocusHash() {
  const location = useLocation();
  useEffect(() => {
    if (!location.hash.startsWith("#post-")) return;
    document.getElementById(location.hash.slice(1))?.focus();
  }, [location.hash, location.key]);
}

function permalink(topicId: string, number: number) {
  return `/community/t/${topicId}/p/${number}`;
}

export default function TopicPage() {
  const { t } = useTranslation();
  const { number } = useFormatters();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { topic } = page;
  useFocusHash();
  const statusKey = topic.ideaStatus ?? "new";
  const lastError = actionData && !actionData.result ? actionData.error : undefined;

  return (
    <div className="topic stack">
      <nav
        aria-label={t("kb.breadcrumbs", { defaultValue: "Breadcrumbs" })}
        className="topic-crumbs"
      >
        <Link to="/community">{t("topic.breadcrumb")}</Link>
        {" / "}
        <Link to={`/community?category=${encodeURIComponent(topic.category.slug)}`}>
          {topic.category.name}
        </Link>
      </nav>

      <header className="topic-header">
        <p className="topic-kind">
          <span className={`badge topic-kind-${topic.kind}`}>
            {t(`topic.kinds.${topic.kind}`, { defaultValue: topic.kind })}
          </span>
          {topic.kind === "idea" ? (
            <span className={`badge topic-status-${statusKey}`}>
              {t(`topic.ideaStatuses.${statusKey}`)}
            </span>
          ) : null}
        </p>
        <h1 lang={topic.locale}>{topic.title}</h1>
        <p className="muted">
          {t("topic.stats", {
            replies: number.format(topic.replyCount),
            views: number.format(topic.viewCount),
          })}
        </p>
        {topic.tags.length ? (
          <ul className="topic-tags" aria-label="Tags">
            {topic.tags.map((tag) => (
              <li key={tag.slug} className="badge">
                {tag.name}
              </li>
            ))}
          </ul>
        ) : null}
        <TopicControls page={page} />
        {page.moderation ? (
          <ModerateTopicMenu
            topic={topic}
            categories={page.moderation.categories}
            currentCategory={page.moderation.categoryId}
          />
        ) : null}
        {page.knowledge ? <KnowledgeDraft topicId={topic.id} {...page.knowledge} /> : null}
      </header>

      <TopicStateNotice state={topic.state} />
      {topic.locked ? <p className="alert alert-error">{t("topic.locked")}</p> : null}
      {lastError ? (
        <div className="alert alert-error" role="alert">
          <p>{lastError}</p>
        </div>
      ) : null}

      <section aria-labelledby="topic-posts" className="topic-posts">
        <h2 id="topic-posts" className="visually-hidden">
          {t("topic.posts")}
        </h2>
        <ol className="topic-post-list">
          {page.posts.map((post) => (
            <li key={post.id}>
              <Post post={post} page={page} />
              {post.number === 1 && page.acceptedPost ? (
                <section className="topic-accepted" aria-labelledby="topic-accepted-title">
                  <h2 id="topic-accepted-title">{t("topic.acceptedAnswer")}</h2>
                  <Post post={page.acceptedPost} page={page} summary />
                </section>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <Pagination page={page.page} pages={page.pages} topicId={topic.id} />

      <ReplyForm page={page} />
    </div>
  );
}

function TopicControls({ page }: { page: LoaderData }) {
  const { t } = useTranslation();
  const { topic, viewer } = page;
  const watch = useFetcher<typeof action>();
  const vote = useFetcher<typeof action>();
  // Optimistic: show the new state while the request is on its way.
  const watching = watch.formData ? watch.formData.get("intent") === "watch" : viewer.watching;
  const voted = vote.formData ? vote.formData.get("intent") === "vote" : viewer.voted;
  const votes =
    topic.voteCount + (vote.formData ? (voted ? 1 : -1) * (voted === viewer.voted ? 0 : 1) : 0);

  return (
    <div className="topic-controls">
      {topic.kind === "idea" ? (
        <vote.Form method="post" preventScrollReset className="topic-vote">
          <input type="hidden" name="intent" value={voted ? "unvote" : "vote"} />
          <span className="topic-vote-count">{t("topic.votes", { count: votes })}</span>
          {viewer.canVote ? (
            <button
              type="submit"
              className={voted ? "button button-small" : "button button-small button-secondary"}
              aria-pressed={voted}
            >
              {voted ? t("topic.voted") : t("topic.vote")}
            </button>
          ) : null}
        </vote.Form>
      ) : null}
      {viewer.signedIn ? (
        <watch.Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value={watching ? "unwatch" : "watch"} />
          <button
            type="submit"
            className="button button-small button-secondary"
            aria-pressed={watching}
          >
            {watching ? t("topic.watching") : t("topic.watch")}
          </button>
        </watch.Form>
      ) : null}
      {viewer.canSetStatus ? (
        <Form method="post" preventScrollReset className="inline-form topic-status-form">
          <input type="hidden" name="intent" value="status" />
          <label htmlFor="topic-status">{t("topic.setStatus")}</label>
          <select id="topic-status" name="status" defaultValue={topic.ideaStatus ?? ""}>
            <option value="">{t("topic.ideaStatuses.new")}</option>
            {IDEA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`topic.ideaStatuses.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small button-secondary">
            {t("topic.saveStatus")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function Post({
  post,
  page,
  summary = false,
}: {
  post: PostView;
  page: LoaderData;
  summary?: boolean;
}) {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const topicId = page.topic.id;
  const name = post.author.name ?? t("topic.formerUser");
  const headingId = `${summary ? "accepted" : "post"}-${post.number}-heading`;
  const editing = !summary && page.editing?.number === post.number;

  return (
    <article
      id={summary ? undefined : `post-${post.number}`}
      className={`topic-post card${post.accepted ? " topic-post-accepted" : ""}`}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className="topic-post-header">
        <h3 id={headingId} className="topic-post-author">
          <span className="visually-hidden">
            {t("topic.postLabel", { number: post.number, name })}
          </span>
          {post.author.handle ? (
            // For the mouse; keyboard and screen-reader users get the @handle link beside it.
            <Link to={profilePath(post.author.handle)} aria-hidden="true" tabIndex={-1}>
              {name}
            </Link>
          ) : (
            <span aria-hidden="true">{name}</span>
          )}
        </h3>
        {post.author.handle ? (
          <Link to={profilePath(post.author.handle)} className="muted topic-post-handle">
            @{post.author.handle}
          </Link>
        ) : null}
        {post.author.badge ? (
          <span className={`badge topic-badge-${post.author.badge}`}>
            {t(`topic.badges.${post.author.badge}`)}
          </span>
        ) : null}
        {post.author.accountName ? (
          <span className="muted topic-post-account">{post.author.accountName}</span>
        ) : null}
        <a href={permalink(topicId, post.number)} className="topic-post-number">
          #{post.number}
        </a>
        <time dateTime={new Date(post.createdAt).toISOString()} className="muted">
          {moment.format(new Date(post.createdAt))}
        </time>
        {post.unread && !summary ? (
          <span className="badge topic-unread">{t("topic.unread")}</span>
        ) : null}
        {post.accepted && !summary ? (
          <span className="badge topic-accepted-badge">{t("topic.acceptedBadge")}</span>
        ) : null}
      </header>
      {post.state === "pending" ? (
        <p className="alert alert-error">{t("topic.pendingPost")}</p>
      ) : null}
      {post.state === "hidden" ? (
        <p className="alert alert-error">{t("topic.hiddenPost")}</p>
      ) : null}

      {editing && page.editing ? (
        <EditForm number={post.number} body={page.editing.body} topicId={topicId} />
      ) : (
        <div className="kb-prose topic-post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      )}

      {post.revisions.length && !summary ? <History post={post} /> : null}

      {summary ? (
        <p>
          <a href={permalink(topicId, post.number)}>{t("topic.goToAnswer")}</a>
        </p>
      ) : (
        <PostActions post={post} page={page} />
      )}
    </article>
  );
}

function History({ post }: { post: PostView }) {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  return (
    <details className="topic-history">
      <summary>
        {t("topic.edited", { count: post.editCount })} · {t("topic.history")}
      </summary>
      <ol>
        {post.revisions.map((r) => (
          <li key={r.number}>
            <p className="muted">
              {t("topic.revision", {
                number: r.number,
                editor: r.editor ?? t("topic.formerUser"),
                date: moment.format(new Date(r.createdAt)),
              })}
            </p>
            {r.reason ? <p>{t("topic.revisionReason", { reason: r.reason })}</p> : null}
            <pre className="topic-revision-body">{r.body}</pre>
          </li>
        ))}
      </ol>
    </details>
  );
}

function PostActions({ post, page }: { post: PostView; page: LoaderData }) {
  const { t } = useTranslation();
  const like = useFetcher<typeof action>();
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  const topicId = page.topic.id;
  const pending = like.formData?.get("intent");
  // Optimistic like: flip at once, fall back to the server's answer when it arrives.
  const liked = pending ? pending === "like" : post.liked;
  const count = post.likeCount + (liked === post.liked ? 0 : liked ? 1 : -1);
  const here = (query: string) =>
    `/community/t/${topicId}?${new URLSearchParams({ ...(page.page > 1 ? { page: String(page.page) } : {}), ...Object.fromEntries(new URLSearchParams(query)) })}`;

  return (
    <footer className="topic-post-actions">
      {post.canLike ? (
        <like.Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value={liked ? "unlike" : "like"} />
          <input type="hidden" name="postId" value={post.id} />
          <button
            type="submit"
            className={liked ? "button button-small" : "button button-small button-secondary"}
            aria-pressed={liked}
            aria-label={t("topic.likeLabel", { number: post.number, count })}
          >
            {t("topic.like")} · {count}
          </button>
        </like.Form>
      ) : (
        <span className="muted">{t("topic.likes", { count })}</span>
      )}
      {like.data?.error ? (
        <span role="alert" className="field-errors">
          {like.data.error}
        </span>
      ) : null}
      {post.canAccept ? (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value={post.accepted ? "unaccept" : "accept"} />
          <input type="hidden" name="postId" value={post.id} />
          <button
            type="submit"
            className="button button-small button-secondary"
            aria-pressed={post.accepted}
          >
            {post.accepted ? t("topic.unaccept") : t("topic.accept")}
          </button>
        </Form>
      ) : null}
      {page.viewer.canReply ? (
        <Link to={`${here(`quote=${post.number}`)}#reply`} preventScrollReset={false}>
          {t("topic.quote")}
        </Link>
      ) : null}
      {post.canEdit ? (
        <Link to={`${here(`edit=${post.number}`)}#post-${post.number}`}>{t("topic.edit")}</Link>
      ) : null}
      <a href={permalink(topicId, post.number)} className="topic-share">
        {t("topic.share")}
      </a>
      {hydrated ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            const url = new URL(permalink(topicId, post.number), window.location.origin).href;
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          {t("topic.copyLink")}
        </button>
      ) : null}
      <span role="status" className="muted">
        {copied ? t("topic.copied") : ""}
      </span>
      {page.viewer.canModerate ? (
        <ModeratePost post={post} />
      ) : (
        <FlagPost post={post} href={`${here(`flag=${post.number}`)}#post-${post.number}`} />
      )}
    </footer>
  );
}

function EditForm({ number, body, topicId }: { number: number; body: string; topicId: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `topic-edit-${number}`,
    lastResult: actionData?.intent === "edit" ? actionData.result : undefined,
    defaultValue: { body, reason: "", number: String(number) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editSchema(t) }),
  });
  return (
    <ConformForm
      form={form}
      className="topic-edit-form stack"
      aria-label={t("topic.editTitle", { number })}
    >
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="number" value={number} />
      <div className="field">
        <label htmlFor={fields.body.id}>{t("topic.editBody")}</label>
        <textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={8} />
        <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.reason.id}>{t("topic.editReason")}</label>
        <p className="field-hint" id={`${fields.reason.id}-hint`}>
          {t("topic.editReasonHint")}
        </p>
        <input
          {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })}
          key={fields.reason.key}
          type="text"
        />
        <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <p className="topic-form-actions">
        <button type="submit" className="button">
          {t("topic.saveEdit")}
        </button>
        <Link to={`${permalink(topicId, number)}`}>{t("topic.cancel")}</Link>
      </p>
    </ConformForm>
  );
}

function ReplyForm({ page }: { page: LoaderData }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useForm({
    id: "topic-reply",
    lastResult: actionData?.intent === "reply" ? actionData.result : undefined,
    defaultValue: { body: page.quote ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replySchema(t) }),
  });
  const { viewer } = page;
  if (!viewer.signedIn) {
    const redirectTo = encodeURIComponent(location.pathname + location.search);
    return (
      <p id="reply">
        <Link to={`/login?redirectTo=${redirectTo}`}>{t("topic.signInToReply")}</Link>
      </p>
    );
  }
  if (viewer.suspended) return <p className="alert alert-error">{t("topic.suspended")}</p>;
  if (!viewer.canReply) return null;
  return (
    <section aria-labelledby="reply-title" className="card topic-reply" id="reply">
      <ConformForm form={form} className="stack" key={page.submissionKey}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="reply" />
        <input type="hidden" name="submissionKey" value={page.submissionKey} />
        <div className="field">
          <h2 id="reply-title">
            <label htmlFor={fields.body.id}>{t("topic.reply")}</label>
          </h2>
          <p className="field-hint" id={`${fields.body.id}-hint`}>
            {t("topic.replyHint")}
            {page.postsHeld ? ` ${t("reputation.heldHint")}` : null}
          </p>
          <textarea
            {...getTextareaProps(fields.body, { ariaDescribedBy: `${fields.body.id}-hint` })}
            key={fields.body.key}
            rows={6}
            autoFocus={!!page.quote}
          />
          <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
        </div>
        <button type="submit" className="button">
          {t("topic.postReply")}
        </button>
      </ConformForm>
    </section>
  );
}

function Pagination({ page, pages, topicId }: { page: number; pages: number; topicId: string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const href = (p: number) => `/community/t/${topicId}${p > 1 ? `?page=${p}` : ""}`;
  return (
    <nav className="pagination" aria-label={t("topic.pagination")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("topic.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t("topic.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("topic.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
