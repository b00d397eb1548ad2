import { getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  createForumCategory,
  deleteForumCategory,
  listForumCategoriesForAdmin,
  moveForumCategory,
  updateForumCategory,
  type ForumCategoryResult,
} from "~/commands/manage-forum-categories.server";
import { SLUG_PATTERN } from "~/components/content-admin/article-schema";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm } from "~/components/ui/ConformForm";
import { Field, FieldErrors, FormErrors, Notice } from "~/components/ui/Field";
import { parseList } from "~/models/article-policy";
import { PLANS } from "~/models/segment";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";
import { CATEGORY_LIMITS, categoryFields, requiredText } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Community categories · CS console" }];

function forumCategoryFields(t: TFunction) {
  return {
    ...categoryFields(t, t("community.admin.positionInvalid")),
    audiencePlans: z.array(z.enum(PLANS)).default([]),
  };
}

function schemas(t: TFunction) {
  const id = z.string().min(1);
  return {
    create: z.object({
      slug: requiredText(t, CATEGORY_LIMITS.slugMax).pipe(
        z.string().regex(SLUG_PATTERN, t("community.admin.slugPattern")),
      ),
      ...forumCategoryFields(t),
    }),
    update: z.object({ id, ...forumCategoryFields(t) }),
    move: z.object({ id, direction: z.enum(["up", "down"]) }),
    delete: z.object({ id }),
  };
}
type Intent = keyof ReturnType<typeof schemas>;
const INTENTS: readonly Intent[] = ["create", "update", "move", "delete"];
const DONE: Record<Intent, string> = {
  create: "created",
  update: "saved",
  move: "moved",
  delete: "deleted",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const categories = await listForumCategoriesForAdmin();
  return {
    categories: categories.map((c) => ({ ...c, audiencePlans: parseList(c.audiencePlans) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent;
  if (!INTENTS.includes(intent)) throw new Response("Unknown intent", { status: 400 });
  const formId = String(formData.get("formId") ?? intent);
  const actor = { actorId: user.id, ipAddress: clientIp(context) };
  const s = schemas(t);

  async function handle<T>(
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    run: (value: T) => Promise<ForumCategoryResult>,
  ) {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return { submission, result: null };
    return { submission, result: await run(submission.value) };
  }
  const { submission, result } =
    intent === "create"
      ? await handle(s.create, (category) => createForumCategory({ ...actor, category }))
      : intent === "update"
        ? await handle(s.update, ({ id, ...category }) =>
            updateForumCategory({ ...actor, id, category }),
          )
        : intent === "move"
          ? await handle(s.move, ({ id, direction }) =>
              moveForumCategory({ ...actor, id, direction }),
            )
          : await handle(s.delete, ({ id }) => deleteForumCategory({ ...actor, id }));
  if (!result) return data({ formId, result: submission.reply(), done: null }, { status: 400 });
  if (result.ok) {
    return data({ formId, result: submission.reply({ resetForm: true }), done: DONE[intent] });
  }
  const message =
    result.error === "notEmpty"
      ? t("community.admin.notEmpty", { count: result.count ?? 0 })
      : t(`community.admin.${result.error}`);
  return data(
    {
      formId,
      result: submission.reply(
        result.error === "slugTaken"
          ? { fieldErrors: { slug: [message] } }
          : { formErrors: [message] },
      ),
      done: null,
    },
    { status: result.error === "notFound" ? 404 : result.error === "notEmpty" ? 409 : 400 },
  );
}

type ActionData = { formId: string; result: SubmissionResult<string[]>; done: string | null };
type CategoryRow = Awaited<ReturnType<typeof loader>>["categories"][number];

function useResultFor(formId: string) {
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return actionData?.formId === formId ? actionData : undefined;
}

function Hidden({ intent, formId, id }: { intent: Intent; formId: string; id?: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
    </>
  );
}

function CategoryForm({ category }: { category?: CategoryRow }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const formId = category ? `forum-category-${category.id}` : "forum-category-new";
  const intent: Intent = category ? "update" : "create";
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
          audiencePlans: category.audiencePlans,
        }
      : { position: "0", audiencePlans: [] },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schemas(t)[intent] }),
  });
  const plansField = fields.audiencePlans;
  const chosen = new Set((plansField.initialValue as string[] | undefined) ?? []);
  return (
    <>
      {answer?.done ? <Notice>{t(`community.admin.${answer.done}`)}</Notice> : null}
      <ConformForm form={form} className="category-form">
        <Hidden intent={intent} formId={formId} id={category?.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="category-grid">
          {category ? null : (
            <Field
              label={t("community.admin.slug")}
              hint={t("community.admin.slugHint")}
              meta={fields.slug}
              autoComplete="off"
            />
          )}
          <Field label={t("community.admin.nameJa")} meta={fields.nameJa} />
          <Field label={t("community.admin.nameEn")} meta={fields.nameEn} />
          <Field label={t("community.admin.descriptionJa")} meta={fields.descriptionJa} />
          <Field label={t("community.admin.descriptionEn")} meta={fields.descriptionEn} />
          <Field
            label={t("community.admin.position")}
            hint={t("community.admin.positionHint")}
            meta={fields.position}
            type="number"
            inputMode="numeric"
          />
        </div>
        <fieldset className="plan-choices" aria-describedby={`${formId}-plans-hint`}>
          <legend>{t("community.admin.plans")}</legend>
          <p className="field-hint" id={`${formId}-plans-hint`}>
            {t("community.admin.plansHint")}
          </p>
          {PLANS.map((plan) => (
            <label key={plan} className="checkbox">
              <input
                {...getInputProps(plansField, { type: "checkbox", value: plan })}
                key={`${plansField.key}-${plan}`}
                id={`${formId}-plan-${plan}`}
                defaultChecked={chosen.has(plan)}
              />{" "}
              {plan}
            </label>
          ))}
          <FieldErrors id={plansField.errorId} errors={plansField.errors} />
        </fieldset>
        <button type="submit" className="button button-small" disabled={busy}>
          {category ? t("community.admin.save") : t("community.admin.create")}
        </button>
      </ConformForm>
    </>
  );
}

function CategoryActions({
  category,
  first,
  last,
}: {
  category: CategoryRow;
  first: boolean;
  last: boolean;
}) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const formId = `forum-category-${category.id}-actions`;
  const answer = useResultFor(formId);
  const name = i18n.language === "ja" ? category.nameJa : category.nameEn;
  return (
    <div className="category-actions">
      {(["up", "down"] as const).map((direction) =>
        (direction === "up" ? first : last) ? null : (
          <Form method="post" className="inline-form" key={direction}>
            <Hidden intent="move" formId={formId} id={category.id} />
            <input type="hidden" name="direction" value={direction} />
            <button type="submit" className="button button-small button-secondary" disabled={busy}>
              {direction === "up" ? "↑" : "↓"}
              <span className="visually-hidden">
                {t(direction === "up" ? "community.admin.moveUp" : "community.admin.moveDown", {
                  name,
                })}
              </span>
            </button>
          </Form>
        ),
      )}
      <Form method="post" className="inline-form">
        <Hidden intent="delete" formId={formId} id={category.id} />
        <button type="submit" className="button button-small button-secondary" disabled={busy}>
          {t("community.admin.delete")}
        </button>
      </Form>
      {answer?.result.error?.[""] ? (
        <div className="alert alert-error" role="alert">
          {answer.result.error[""].map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export default function CommunityAdmin() {
  const { t, i18n } = useTranslation();
  const { categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const listDone =
    actionData?.done === "deleted" || actionData?.done === "moved" ? actionData.done : null;
  return (
    <div className="content-admin taxonomy community-admin">
      <h2>{t("community.admin.title")}</h2>
      <p className="muted">{t("community.admin.intro")}</p>
      {listDone ? <Notice>{t(`community.admin.${listDone}`)}</Notice> : null}
      {categories.length === 0 ? <p className="muted">{t("community.admin.none")}</p> : null}
      {categories.map((c, i) => (
        <article key={c.id} className="card category-card" aria-labelledby={`forum-cat-${c.id}`}>
          <h3 id={`forum-cat-${c.id}`}>
            {i18n.language === "ja" ? c.nameJa : c.nameEn} <code className="muted">{c.slug}</code>{" "}
            <span className="muted">
              {t("community.admin.topicCount", { count: c._count.topics })}
              {" · "}
              {c.audiencePlans.length ? c.audiencePlans.join(", ") : t("community.admin.everyone")}
            </span>
          </h3>
          <CategoryActions category={c} first={i === 0} last={i === categories.length - 1} />
          <CategoryForm category={c} />
        </article>
      ))}
      <section className="card category-card" aria-labelledby="forum-cat-new">
        <h3 id="forum-cat-new">{t("community.admin.newCategory")}</h3>
        <CategoryForm />
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
