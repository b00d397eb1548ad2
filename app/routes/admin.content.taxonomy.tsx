import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  createCategory,
  deleteCategory,
  deleteTag,
  mergeTag,
  renameTag,
  updateCategory,
  type TaxonomyResult,
} from "~/commands/manage-taxonomy.server";
import { SLUG_PATTERN, TAG_MAX_LENGTH } from "~/components/content-admin/article-schema";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Field, FieldErrors, FormErrors, Notice } from "~/components/ui/Field";
import { getTaxonomy } from "~/models/content-admin.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";
import { CATEGORY_LIMITS, categoryFields, requiredText } from "~/utils/validation";
import { ConformForm } from "~/components/ui/ConformForm";

export const meta: MetaFunction = () => [{ title: "Categories and tags · CS console" }];

function schemas(t: TFunction) {
  const id = z.string().min(1);
  return {
    createCategory: z.object({
      slug: requiredText(t, CATEGORY_LIMITS.slugMax).pipe(
        z.string().regex(SLUG_PATTERN, t("contentAdmin.errors.slugPattern")),
      ),
      ...categoryFields(t, t("contentAdmin.errors.position")),
    }),
    updateCategory: z.object({ id, ...categoryFields(t, t("contentAdmin.errors.position")) }),
    deleteCategory: z.object({ id }),
    renameTag: z.object({ id, name: requiredText(t, TAG_MAX_LENGTH) }),
    mergeTag: z.object({
      id,
      intoId: z
        .string({ required_error: t("contentAdmin.chooseTag") })
        .min(1, t("contentAdmin.chooseTag")),
    }),
    deleteTag: z.object({ id }),
  };
}

type Intent = keyof ReturnType<typeof schemas>;
const INTENTS: readonly Intent[] = [
  "createCategory",
  "updateCategory",
  "deleteCategory",
  "renameTag",
  "mergeTag",
  "deleteTag",
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return getTaxonomy();
}

/** Where a refusal is shown: on the field it concerns, or over the whole form. */
const ERROR_FIELD: Partial<Record<Exclude<TaxonomyResult, { ok: true }>["error"], string>> = {
  slugTaken: "slug",
  tagTaken: "name",
  sameTag: "intoId",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent;
  if (!INTENTS.includes(intent)) throw new Response("Unknown intent", { status: 400 });
  const formId = String(formData.get("formId") ?? intent);
  const s = schemas(t);
  const actor = { actorId: user.id, ipAddress: clientIp(context) };

  // Each intent: parse with its schema, then run its command.
  async function handle<T>(
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    run: (value: T) => Promise<TaxonomyResult>,
  ) {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return { submission, result: null };
    return { submission, result: await run(submission.value), value: submission.value };
  }
  const outcome =
    intent === "createCategory"
      ? await handle(s.createCategory, (category) => createCategory({ ...actor, category }))
      : intent === "updateCategory"
        ? await handle(s.updateCategory, ({ id, ...category }) =>
            updateCategory({ ...actor, id, category }),
          )
        : intent === "deleteCategory"
          ? await handle(s.deleteCategory, ({ id }) => deleteCategory({ ...actor, id }))
          : intent === "renameTag"
            ? await handle(s.renameTag, ({ id, name }) => renameTag({ ...actor, id, name }))
            : intent === "mergeTag"
              ? await handle(s.mergeTag, ({ id, intoId }) => mergeTag({ ...actor, id, intoId }))
              : await handle(s.deleteTag, ({ id }) => deleteTag({ ...actor, id }));
  const { submission, result } = outcome;
  if (!result) {
    return data({ formId, result: submission.reply(), done: null }, { status: 400 });
  }
  if (result.ok) {
    return data({ formId, result: submission.reply({ resetForm: true }), done: DONE[intent] });
  }
  let message: string;
  if (result.error === "categoryNotEmpty") {
    const count = await countArticles(String(formData.get("id")));
    message = t("contentAdmin.errors.categoryNotEmpty", { count });
  } else if (result.error === "slugTaken") {
    message = t("contentAdmin.errors.categorySlugTaken");
  } else {
    message = t(`contentAdmin.errors.${result.error}`);
  }
  const field = ERROR_FIELD[result.error];
  return data(
    {
      formId,
      result: submission.reply(
        field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] },
      ),
      done: null,
    },
    { status: result.error === "notFound" ? 404 : result.error === "categoryNotEmpty" ? 409 : 400 },
  );
}

const DONE: Record<Intent, string> = {
  createCategory: "categoryCreated",
  updateCategory: "categorySaved",
  deleteCategory: "categoryDeleted",
  renameTag: "tagRenamed",
  mergeTag: "tagMerged",
  deleteTag: "tagDeleted",
};

async function countArticles(categoryId: string) {
  const { categories } = await getTaxonomy();
  return categories.find((c) => c.id === categoryId)?._count.articles ?? 0;
}

type ActionData = { formId: string; result: SubmissionResult<string[]>; done: string | null };

/** The action's answer, only for the form that sent it. */
function useResultFor(formId: string) {
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return actionData?.formId === formId ? actionData : undefined;
}

function HiddenIntent({ intent, formId }: { intent: Intent; formId: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
    </>
  );
}

type CategoryRow = Awaited<ReturnType<typeof getTaxonomy>>["categories"][number];

function CategoryForm({ category }: { category?: CategoryRow }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const formId = category ? `category-${category.id}` : "category-new";
  const intent: Intent = category ? "updateCategory" : "createCategory";
  const answer = useResultFor(formId);
  const [form, fields] = useForm({
    id: formId,
    lastResult: answer?.result,
    defaultValue: category
      ? {
          nameEn: category.nameEn,
          nameJa: category.nameJa,
          descriptionEn: category.descriptionEn,
          descriptionJa: category.descriptionJa,
          position: String(category.position),
        }
      : { position: "0" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schemas(t)[intent] }),
  });
  const deleteAnswer = useResultFor(`${formId}-delete`);
  const busy = navigation.state === "submitting";
  return (
    <>
      {answer?.done ? <Notice>{t(`contentAdmin.${answer.done}`)}</Notice> : null}
      <ConformForm form={form} className="category-form">
        <HiddenIntent intent={intent} formId={formId} />
        {category ? <input type="hidden" name="id" value={category.id} /> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="category-grid">
          {category ? null : (
            <Field
              label={t("contentAdmin.categorySlug")}
              hint={t("contentAdmin.fields.slugHint")}
              meta={fields.slug}
              autoComplete="off"
            />
          )}
          <Field label={t("contentAdmin.nameJa")} meta={fields.nameJa} />
          <Field label={t("contentAdmin.nameEn")} meta={fields.nameEn} />
          <Field label={t("contentAdmin.descriptionJa")} meta={fields.descriptionJa} />
          <Field label={t("contentAdmin.descriptionEn")} meta={fields.descriptionEn} />
          <Field
            label={t("contentAdmin.position")}
            hint={t("contentAdmin.positionHint")}
            meta={fields.position}
            type="number"
            inputMode="numeric"
          />
        </div>
        <button type="submit" className="button button-small" disabled={busy}>
          {category ? t("contentAdmin.saveCategory") : t("contentAdmin.createCategory")}
        </button>
      </ConformForm>
      {category ? (
        <Form method="post" className="inline-form category-delete">
          <HiddenIntent intent="deleteCategory" formId={`${formId}-delete`} />
          <input type="hidden" name="id" value={category.id} />
          <button type="submit" className="button button-small button-secondary" disabled={busy}>
            {t("contentAdmin.deleteCategory")}
          </button>
          {deleteAnswer?.result.error?.[""] ? (
            <div className="alert alert-error" role="alert">
              {deleteAnswer.result.error[""].map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          ) : null}
        </Form>
      ) : null}
    </>
  );
}

type TagRow = Awaited<ReturnType<typeof getTaxonomy>>["tags"][number];

function TagItem({ tag, tags }: { tag: TagRow; tags: TagRow[] }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const rename = useResultFor(`tag-${tag.id}-rename`);
  const merge = useResultFor(`tag-${tag.id}-merge`);
  const renameErrors = rename?.result.error?.name ?? rename?.result.error?.[""];
  const mergeErrors = merge?.result.error?.intoId ?? merge?.result.error?.[""];
  return (
    <li className="tag-item">
      <p className="tag-item-name">
        <strong>{tag.name}</strong>{" "}
        <span className="muted">
          {t("contentAdmin.articleCount", { count: tag._count.articles })}
        </span>
      </p>
      <div className="tag-item-forms">
        <Form method="post" className="inline-form">
          <HiddenIntent intent="renameTag" formId={`tag-${tag.id}-rename`} />
          <input type="hidden" name="id" value={tag.id} />
          <div className="field">
            <label htmlFor={`tag-${tag.id}-name`}>{t("contentAdmin.tagName")}</label>
            <input
              id={`tag-${tag.id}-name`}
              name="name"
              defaultValue={tag.name}
              maxLength={TAG_MAX_LENGTH}
              aria-invalid={renameErrors ? true : undefined}
              aria-describedby={`tag-${tag.id}-name-errors`}
            />
            <FieldErrors id={`tag-${tag.id}-name-errors`} errors={renameErrors ?? undefined} />
          </div>
          <button type="submit" className="button button-small button-secondary" disabled={busy}>
            {t("contentAdmin.renameTag")}
          </button>
        </Form>
        {tags.length > 1 ? (
          <Form method="post" className="inline-form">
            <HiddenIntent intent="mergeTag" formId={`tag-${tag.id}-merge`} />
            <input type="hidden" name="id" value={tag.id} />
            <div className="field">
              <label htmlFor={`tag-${tag.id}-into`}>{t("contentAdmin.mergeInto")}</label>
              <select
                id={`tag-${tag.id}-into`}
                name="intoId"
                defaultValue=""
                aria-invalid={mergeErrors ? true : undefined}
                aria-describedby={`tag-${tag.id}-into-errors`}
              >
                <option value="">{t("contentAdmin.chooseTag")}</option>
                {tags
                  .filter((other) => other.id !== tag.id)
                  .map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.name}
                    </option>
                  ))}
              </select>
              <FieldErrors id={`tag-${tag.id}-into-errors`} errors={mergeErrors ?? undefined} />
            </div>
            <button type="submit" className="button button-small button-secondary" disabled={busy}>
              {t("contentAdmin.merge")}
            </button>
          </Form>
        ) : null}
        <Form method="post" className="inline-form">
          <HiddenIntent intent="deleteTag" formId={`tag-${tag.id}-delete`} />
          <input type="hidden" name="id" value={tag.id} />
          <button type="submit" className="button button-small button-secondary" disabled={busy}>
            {t("contentAdmin.deleteTag")}
          </button>
        </Form>
      </div>
    </li>
  );
}

export default function Taxonomy() {
  const { t, i18n } = useTranslation();
  const { categories, tags } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const tagDone = actionData?.done && actionData.formId.startsWith("tag-") ? actionData.done : null;
  const categoryDeleted = actionData?.done === "categoryDeleted";
  return (
    <div className="content-admin taxonomy">
      <p className="breadcrumb-back">
        <Link to="/admin/content">← {t("contentAdmin.backToList")}</Link>
      </p>
      <h2>{t("contentAdmin.taxonomyTitle")}</h2>

      <section aria-labelledby="categories-title" className="stack">
        <h3 id="categories-title">{t("contentAdmin.categories")}</h3>
        {categoryDeleted ? <Notice>{t("contentAdmin.categoryDeleted")}</Notice> : null}
        {categories.length === 0 ? <p className="muted">{t("contentAdmin.noCategories")}</p> : null}
        {categories.map((c) => (
          <article key={c.id} className="card category-card" aria-labelledby={`cat-${c.id}`}>
            <h4 id={`cat-${c.id}`}>
              {i18n.language === "ja" ? c.nameJa : c.nameEn} <code className="muted">{c.slug}</code>{" "}
              <span className="muted">
                {t("contentAdmin.articleCount", { count: c._count.articles })}
              </span>
            </h4>
            <CategoryForm category={c} />
          </article>
        ))}
        <div className="card category-card">
          <h4>{t("contentAdmin.newCategory")}</h4>
          <CategoryForm />
        </div>
      </section>

      <section aria-labelledby="tags-title" className="stack">
        <h3 id="tags-title">{t("contentAdmin.tags")}</h3>
        {tagDone ? <Notice>{t(`contentAdmin.${tagDone}`)}</Notice> : null}
        {tags.length === 0 ? (
          <p className="muted">{t("contentAdmin.noTags")}</p>
        ) : (
          <ul className="tag-list card">
            {tags.map((tag) => (
              <TagItem key={tag.id} tag={tag} tags={tags} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
