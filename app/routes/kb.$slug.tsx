import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { voteOnArticle } from "~/commands/article-feedback.server";
import { setTutorialStep } from "~/commands/tutorial-progress.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ArticleList } from "~/components/kb/ArticleList";
import { Breadcrumbs } from "~/components/kb/Breadcrumbs";
import { Feedback } from "~/components/kb/Feedback";
import { feedbackSchema } from "~/components/kb/feedback-schema";
import { TableOfContents } from "~/components/kb/TableOfContents";
import { TutorialSteps } from "~/components/kb/TutorialSteps";
import { TypeBadge } from "~/components/kb/TypeBadge";
import {
  findReadableArticle,
  getArticlePage,
  loadViewer,
  recordArticleView,
  renderArticle,
} from "~/models/article.server";
import { isStaff } from "~/models/roles";
import { getUser, requireUser } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

/** The search that led here arrives as ?q= and is passed on to the support form. */
const SEARCH_QUERY_MAX_LENGTH = 200;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.article.title} · Acme Cloud Support` },
        { name: "description", content: data.article.summary },
      ]
    : [{ title: "Acme Cloud Support" }];

function stepSchema(t: TFunction, steps: number) {
  return z.object({
    intent: z.literal("step"),
    step: z.coerce
      .number({ invalid_type_error: t("kb.invalidStep") })
      .int(t("kb.invalidStep"))
      .min(1, t("kb.invalidStep"))
      .max(steps, t("kb.invalidStep")),
    done: z.enum(["1", "0"], { errorMap: () => ({ message: t("validation.invalidChoice") }) }),
  });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const viewer = await loadViewer(user);
  const page = await getArticlePage(viewer, params.slug ?? "");
  await recordArticleView(viewer, page.article, clientIp(context));
  const q = new URL(request.url).searchParams.get("q")?.trim().slice(0, SEARCH_QUERY_MAX_LENGTH);
  return {
    ...page,
    searchQuery: q || null,
    signedIn: !!user,
    // Staff answer requests; they do not file them.
    canRequestSupport: !!user && !isStaff(user),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestT(request, user);
  const viewer = await loadViewer(user);
  const article = await findReadableArticle(viewer, params.slug ?? "");
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "vote") {
    const submission = parseWithZod(formData, { schema: feedbackSchema(t) });
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply() }, { status: 400 });
    }
    await voteOnArticle({
      article,
      user,
      helpful: submission.value.helpful === "yes",
      comment: submission.value.comment,
    });
    return { intent, result: submission.reply({ resetForm: false }) };
  }

  if (intent === "step") {
    const steps = article.type === "tutorial" ? renderArticle(article).steps.length : 0;
    const submission = parseWithZod(formData, { schema: stepSchema(t, steps) });
    if (submission.status !== "success") {
      return data({ intent, result: submission.reply() }, { status: 400 });
    }
    await setTutorialStep({
      article: { id: article.id, slug: article.slug, steps },
      user,
      step: submission.value.step,
      done: submission.value.done === "1",
    });
    return { intent, result: submission.reply() };
  }

  return data(
    { intent: null, result: { status: "error" as const, error: { "": [t("kb.invalidAction")] } } },
    { status: 400 },
  );
}

export default function ArticlePage() {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { article, category, translation } = page;
  const isTutorial = article.type === "tutorial";
  const supportParams = new URLSearchParams({ article: article.slug });
  if (page.searchQuery) supportParams.set("q", page.searchQuery);

  return (
    <div className="kb stack">
      <Breadcrumbs
        items={[
          { label: t("kb.title"), to: "/kb" },
          { label: category.name, to: `/kb/c/${category.slug}` },
          { label: article.title },
        ]}
      />
      <div className="kb-article-layout">
        <article className="kb-article card" lang={article.locale}>
          <header className="kb-article-header">
            <TypeBadge type={article.type} />
            <h1>{article.title}</h1>
            {article.summary ? <p className="kb-lead">{article.summary}</p> : null}
            <p className="muted kb-article-meta">
              {t("kb.lastUpdated", { date: date.format(new Date(article.updatedAt)) })}
              {translation ? (
                <>
                  {" · "}
                  <Link
                    to={`/kb/${translation.slug}`}
                    lang={translation.locale}
                    hrefLang={translation.locale}
                  >
                    {t("kb.translation", { language: t(`kb.languages.${translation.locale}`) })}
                  </Link>
                </>
              ) : null}
            </p>
            {article.status !== "published" ? (
              <p className="alert alert-error">{t("kb.notPublished")}</p>
            ) : null}
          </header>

          {isTutorial ? (
            <TutorialSteps
              intro={page.intro ?? ""}
              steps={page.steps}
              doneSteps={page.doneSteps}
              signedIn={page.signedIn}
              loginHref={`/login?redirectTo=${encodeURIComponent(`/kb/${article.slug}`)}`}
            />
          ) : (
            <div className="kb-prose" dangerouslySetInnerHTML={{ __html: page.html ?? "" }} />
          )}

          <Feedback
            current={page.feedback}
            signedIn={page.signedIn}
            canRequestSupport={page.canRequestSupport}
            supportHref={`/support/new?${supportParams}`}
            loginHref={`/login?redirectTo=${encodeURIComponent(`/kb/${article.slug}`)}`}
            lastResult={actionData?.intent === "vote" ? actionData.result : undefined}
          />
        </article>

        <aside className="kb-article-aside stack">
          {!isTutorial && page.toc.length ? <TableOfContents headings={page.toc} /> : null}
          {page.related.length ? (
            <section className="card" aria-labelledby="kb-related">
              <h2 id="kb-related">{t("kb.related")}</h2>
              <ArticleList articles={page.related} pageLocale={article.locale} showBadge={false} />
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
