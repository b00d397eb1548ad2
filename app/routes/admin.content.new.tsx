import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createArticle } from "~/commands/save-article.server";
import { ArticleForm } from "~/components/content-admin/ArticleForm";
import {
  articleSchema,
  EDITOR_LOCALES,
  TITLE_MAX_LENGTH,
} from "~/components/content-admin/article-schema";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { listCategories } from "~/models/content-admin.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { MARKDOWN_MAX_LENGTH } from "~/utils/markdown.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "New article · CS console" }];

// A link may prefill the draft (search insights link a query nobody found an answer for); a
// value the form would refuse is ignored rather than shown as an error.
const prefillSchema = z.object({
  title: z.string().trim().max(TITLE_MAX_LENGTH).catch(""),
  locale: z.enum(EDITOR_LOCALES).nullable().catch(null),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const { locale } = await getRequestT(request, user);
  const params = new URL(request.url).searchParams;
  const prefill = prefillSchema.parse({
    title: params.get("title") ?? "",
    locale: params.get("locale"),
  });
  return {
    categories: await listCategories(),
    markdownMax: MARKDOWN_MAX_LENGTH,
    locale: prefill.locale ?? locale,
    title: prefill.title,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: articleSchema(t, MARKDOWN_MAX_LENGTH) });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { baseRevision: _unused, ...article } = submission.value;
  const result = await createArticle({ actorId: user.id, article, ipAddress: clientIp(context) });
  if (result.ok) return redirect(`/admin/content/${result.id}?created=1`);
  if (result.reason === "invalid") {
    return data(
      {
        result: submission.reply({
          fieldErrors: { [result.field]: [t(`contentAdmin.errors.${result.error}`)] },
        }),
      },
      { status: 400 },
    );
  }
  // A new article cannot conflict with anyone or be missing.
  throw new Response("Unexpected save result", { status: 500 });
}

export default function NewArticle() {
  const { t } = useTranslation();
  const { categories, markdownMax, locale, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="content-admin content-editor">
      <p className="breadcrumb-back">
        <Link to="/admin/content">← {t("contentAdmin.backToList")}</Link>
      </p>
      <h2>{t("contentAdmin.newTitle")}</h2>
      <ArticleForm
        formId="article-new"
        defaults={{
          title,
          slug: "",
          locale,
          translationKey: "",
          type: "faq",
          categoryId: "",
          tags: "",
          summary: "",
          body: "",
          audience: "all",
          audiencePlans: [],
          audienceSegments: [],
          publishAt: "",
        }}
        categories={categories}
        markdownMax={markdownMax}
        lastResult={actionData?.result}
        initialPreviewHtml=""
        submitLabel={t("contentAdmin.saveDraft")}
      />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
