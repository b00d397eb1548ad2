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
  useLoaderData,
  useNavigation,
  useOutlet,
  useSearchParams,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  availableActions,
  isWorkflowAction,
  transitionArticle,
  type WorkflowAction,
} from "~/commands/article-workflow.server";
import { updateArticle } from "~/commands/save-article.server";
import { ArticleForm } from "~/components/content-admin/ArticleForm";
import { articleSchema, toUtcLocal } from "~/components/content-admin/article-schema";
import { VersionDiff } from "~/components/content-admin/Diff";
import { HelpfulRatio } from "~/components/content-admin/HelpfulRatio";
import { StatusBadge } from "~/components/content-admin/StatusBadge";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import {
  getArticleForEditor,
  listCategories,
  sourceTopicOf,
  MIN_VOTES_FOR_RATIO,
  STALE_AFTER_DAYS,
} from "~/models/content-admin.server";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { MARKDOWN_MAX_LENGTH, renderMarkdown } from "~/utils/markdown.server";
import { clientIp, notFound } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Edit article · CS console" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const now = new Date();
  const found = await getArticleForEditor(params.id ?? "", now);
  if (!found) throw notFound();
  return {
    ...found,
    categories: await listCategories(),
    sourceTopic: await sourceTopicOf(found.article.id),
    previewHtml: renderMarkdown(found.article.body).html,
    markdownMax: MARKDOWN_MAX_LENGTH,
    minVotes: MIN_VOTES_FOR_RATIO,
    staleDays: STALE_AFTER_DAYS,
    viewerIsLastAuthor: found.lastRevision?.authorId === user.id,
    actions: availableActions(found.article.status),
    now: now.toISOString(),
  };
}

async function runWorkflow(
  intent: WorkflowAction,
  args: { articleId: string; actorId: string; ipAddress: string },
  t: (key: string) => string,
) {
  const result = await transitionArticle({ ...args, action: intent });
  if (result.ok) return redirect(`/admin/content/${args.articleId}?done=${intent}`);
  if (result.error === "notFound") throw notFound();
  return data(
    { workflowError: t(`contentAdmin.errors.${result.error}`), result: null, conflict: null },
    { status: result.error === "ownRevision" ? 403 : 409 },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const articleId = params.id ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (isWorkflowAction(intent)) {
    return runWorkflow(intent, { articleId, actorId: user.id, ipAddress: clientIp(context) }, t);
  }
  if (intent !== "save") throw new Response("Unknown intent", { status: 400 });

  const submission = parseWithZod(formData, { schema: articleSchema(t, MARKDOWN_MAX_LENGTH) });
  if (submission.status !== "success") {
    return data(
      { result: submission.reply(), conflict: null, workflowError: null },
      { status: 400 },
    );
  }
  const { baseRevision, ...article } = submission.value;
  if (baseRevision === undefined) throw new Response("baseRevision is required", { status: 400 });
  const result = await updateArticle({
    actorId: user.id,
    articleId,
    baseRevision,
    article,
    ipAddress: clientIp(context),
  });
  if (result.ok) return redirect(`/admin/content/${articleId}?saved=${result.revision}`);
  if (result.reason === "notFound") throw notFound();
  if (result.reason === "conflict") {
    return data(
      { result: submission.reply(), conflict: result.conflict, workflowError: null },
      { status: 409 },
    );
  }
  return data(
    {
      result: submission.reply({
        fieldErrors: { [result.field]: [t(`contentAdmin.errors.${result.error}`)] },
      }),
      conflict: null,
      workflowError: null,
    },
    { status: 400 },
  );
}

function WorkflowButton({ action, status }: { action: WorkflowAction; status: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === action;
  const label = action === "unpublish" && status === "in_review" ? "backToDraft" : action;
  return (
    <Form method="post" className="workflow-form">
      <input type="hidden" name="intent" value={action} />
      <button
        type="submit"
        className={
          action === "approve" || action === "submit" ? "button" : "button button-secondary"
        }
        disabled={busy}
      >
        {t(`contentAdmin.actions.${label}`)}
      </button>
    </Form>
  );
}

/** The ?done= values that have a message (kept here: the component cannot import server code). */
const DONE_MESSAGES = ["submit", "approve", "archive", "unpublish"];

function Notices({
  revision,
  scheduledAt,
}: {
  revision: number;
  scheduledAt: string | Date | null;
}) {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const [params] = useSearchParams();
  const done = params.get("done");
  const saved = params.get("saved");
  let text: string | null = null;
  if (params.get("created")) text = t("contentAdmin.created");
  else if (saved && Number(saved) === revision) text = t("contentAdmin.saved", { number: saved });
  else if (done === "approve" && scheduledAt) {
    text = t("contentAdmin.actionDone.approveScheduled", {
      time: moment.format(new Date(scheduledAt)),
    });
  } else if (done && DONE_MESSAGES.includes(done)) text = t(`contentAdmin.actionDone.${done}`);
  return text ? (
    <div className="alert alert-success" role="status">
      <p>{text}</p>
    </div>
  ) : null;
}

export default function EditArticle() {
  const outlet = useOutlet();
  const { t, i18n } = useTranslation();
  const { number, moment } = useFormatters();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // /admin/content/:id/history renders in place of the editor.
  if (outlet) return outlet;

  const { article, lastRevision, comments, health, categories, now } = loaded;
  const conflict = actionData?.conflict ?? null;
  const scheduled =
    article.status === "published" &&
    article.publishAt &&
    new Date(article.publishAt) > new Date(now);
  const status = t(`contentAdmin.statuses.${scheduled ? "scheduled" : article.status}`);

  return (
    <div className="content-admin content-editor">
      <p className="breadcrumb-back">
        <Link to="/admin/content">← {t("contentAdmin.backToList")}</Link>
      </p>
      <div className="content-admin-head">
        <h2>
          {t("contentAdmin.editTitle")}{" "}
          <StatusBadge status={article.status} publishAt={article.publishAt} now={now} />
        </h2>
        <div className="content-admin-actions">
          <Link to={`/admin/content/${article.id}/history`} className="button button-secondary">
            {t("contentAdmin.history")}
          </Link>
          {article.status === "published" ? (
            <Link to={`/kb/${article.slug}`} className="button button-secondary">
              {t("contentAdmin.viewPublic")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="muted editor-meta">
        {t("contentAdmin.meta.revision", { number: article.revisionNumber })}
        {lastRevision
          ? ` · ${
              lastRevision.author
                ? t("contentAdmin.meta.lastSaved", {
                    name: lastRevision.author.name,
                    time: moment.format(new Date(lastRevision.createdAt)),
                  })
                : t("contentAdmin.meta.lastSavedImport", {
                    time: moment.format(new Date(lastRevision.createdAt)),
                  })
            }`
          : null}
        {article.reviewer
          ? ` · ${t("contentAdmin.meta.reviewer", { name: article.reviewer.name })}`
          : null}
        {scheduled && article.publishAt
          ? ` · ${t("contentAdmin.meta.scheduled", { time: moment.format(new Date(article.publishAt)) })}`
          : null}
      </p>

      {loaded.sourceTopic ? (
        <p className="editor-source">
          <Link to={`/community/t/${loaded.sourceTopic.id}`}>
            {t("knowledge.madeFrom", { title: loaded.sourceTopic.title })}
          </Link>
        </p>
      ) : null}

      <Notices
        revision={article.revisionNumber}
        scheduledAt={scheduled ? article.publishAt : null}
      />

      <section className="card workflow" aria-labelledby="workflow-title">
        <h3 id="workflow-title">{t("contentAdmin.workflow")}</h3>
        <p>{t("contentAdmin.workflowIntro", { status })}</p>
        {actionData?.workflowError ? (
          <div className="alert alert-error" role="alert">
            <p>{actionData.workflowError}</p>
          </div>
        ) : null}
        <div className="workflow-buttons">
          {loaded.actions.map((a) => (
            <WorkflowButton key={a} action={a} status={article.status} />
          ))}
        </div>
        {article.status === "in_review" ? (
          <p className="field-hint">{t("contentAdmin.fourEyesHint")}</p>
        ) : null}
      </section>

      {conflict ? (
        <section className="card conflict" role="alert" aria-labelledby="conflict-title">
          <h3 id="conflict-title">{t("contentAdmin.conflictTitle")}</h3>
          <p>
            {t("contentAdmin.conflictText", {
              name: conflict.authorName ?? t("contentAdmin.conflictSomeone"),
              number: conflict.number,
              time: moment.format(new Date(conflict.savedAt)),
            })}
          </p>
          <details open>
            <summary>{t("contentAdmin.conflictDiffTitle")}</summary>
            <VersionDiff
              before={conflict}
              after={{
                title: String(actionData?.result?.initialValue?.title ?? ""),
                summary: String(actionData?.result?.initialValue?.summary ?? ""),
                body: String(actionData?.result?.initialValue?.body ?? ""),
              }}
            />
          </details>
        </section>
      ) : null}

      <ArticleForm
        // A new revision (saved here or restored) starts a fresh form.
        key={article.revisionNumber}
        formId={`article-${article.id}`}
        defaults={{
          title: article.title,
          slug: article.slug,
          locale: article.locale,
          translationKey: article.translationKey === article.slug ? "" : article.translationKey,
          type: article.type,
          categoryId: article.categoryId,
          tags: article.tags.join(i18n.language === "ja" ? "、" : ", "),
          summary: article.summary,
          body: article.body,
          audience: article.audience,
          audiencePlans: article.audiencePlans,
          audienceSegments: article.audienceSegments,
          publishAt: toUtcLocal(article.publishAt),
        }}
        categories={categories}
        markdownMax={loaded.markdownMax}
        lastResult={actionData?.result}
        // After a conflict the next save knowingly replaces the version the author was shown.
        baseRevision={conflict ? conflict.number : article.revisionNumber}
        initialPreviewHtml={loaded.previewHtml}
        submitLabel={t("contentAdmin.save")}
      />

      <section className="card content-health" aria-labelledby="health-title">
        <h3 id="health-title">{t("contentAdmin.healthTitle")}</h3>
        <dl className="stats">
          <div className="stat">
            <dt>{t("contentAdmin.columns.views")}</dt>
            <dd>{number.format(health.views)}</dd>
          </div>
          <div className="stat">
            <dt>{t("contentAdmin.columns.helpful")}</dt>
            <dd>
              <HelpfulRatio
                ratio={health.ratio}
                helpful={health.helpful}
                unhelpful={health.unhelpful}
                minVotes={loaded.minVotes}
              />
            </dd>
          </div>
          <div className="stat">
            <dt>{t("contentAdmin.columns.comments")}</dt>
            <dd>{number.format(health.unhelpfulComments)}</dd>
          </div>
          <div className="stat">
            <dt>{t("contentAdmin.columns.requests")}</dt>
            <dd>{number.format(health.supportRequests)}</dd>
          </div>
          <div className="stat">
            <dt>{t("contentAdmin.columns.attention")}</dt>
            <dd>
              {number.format(health.attention)}
              {health.stale ? (
                <>
                  {" "}
                  <span className="badge content-stale">{t("contentAdmin.staleBadge")}</span>
                </>
              ) : null}
            </dd>
          </div>
        </dl>
        <p className="field-hint">{t("contentAdmin.attentionHint", { days: loaded.staleDays })}</p>
        <h4>{t("contentAdmin.commentsTitle")}</h4>
        {comments.length === 0 ? (
          <p className="muted">{t("contentAdmin.noComments")}</p>
        ) : (
          <ul className="feedback-comments">
            {comments.map((c) => (
              <li key={c.id}>
                <blockquote>{c.comment}</blockquote>
                <p className="muted">
                  {t("contentAdmin.commentFrom", {
                    account: c.account?.name ?? t("contentAdmin.anonymousAccount"),
                    time: moment.format(new Date(c.updatedAt)),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
