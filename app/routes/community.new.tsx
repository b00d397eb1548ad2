import { getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createTopic } from "~/commands/create-topic.server";
import { ForumError, retryHeaders } from "~/commands/topic-errors.server";
import { splitTags, TAG_MAX_LENGTH } from "~/components/content-admin/article-schema";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Breadcrumbs } from "~/components/kb/Breadcrumbs";
import { DeflectionPanel, useDeflectionBeacon } from "~/components/search/DeflectionPanel";
import { ConformForm } from "~/components/ui/ConformForm";
import { Field, FieldErrors, FormErrors } from "~/components/ui/Field";
import { LOCALES, type Locale } from "~/i18n";
import { listVisibleCategories, loadForumViewer } from "~/models/community-list.server";
import { FORUM_LIMITS, isSuspended, TOPIC_KINDS } from "~/models/forum-policy";
import { willHoldPosts } from "~/models/standing.server";
import { cleanQuery } from "~/search/query";
import { requireUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { forbidden } from "~/utils/request.server";
import { choiceField, requiredText } from "~/utils/validation";

/** A prefilled body comes in a URL: the start of a question, not a whole one. */
const PREFILL_BODY_MAX = 2_000;

export const meta: MetaFunction = () => [{ title: "Ask the community · Acme Cloud Support" }];

const SUBMISSION_KEY_MAX = 100;

function topicSchema(t: TFunction) {
  return z.object({
    kind: choiceField(t, TOPIC_KINDS),
    categoryId: z
      .string({ required_error: t("validation.required") })
      .min(1, t("validation.required")),
    title: requiredText(t, FORUM_LIMITS.titleMax).pipe(
      z
        .string()
        .min(
          FORUM_LIMITS.titleMin,
          t("community.errors.titleTooShort", { min: FORUM_LIMITS.titleMin }),
        ),
    ),
    body: requiredText(t, FORUM_LIMITS.bodyMax).pipe(
      z.string().min(FORUM_LIMITS.bodyMin, t("validation.tooShort", { min: FORUM_LIMITS.bodyMin })),
    ),
    tags: z
      .string()
      .optional()
      .transform(splitTags)
      .superRefine((names, ctx) => {
        if (names.length > FORUM_LIMITS.tagsMax) {
          ctx.addIssue({
            code: "custom",
            message: t("community.errors.tooManyTags", { max: FORUM_LIMITS.tagsMax }),
          });
        }
        if (names.some((n) => n.length > TAG_MAX_LENGTH)) {
          ctx.addIssue({
            code: "custom",
            message: t("community.errors.tagTooLong", { max: TAG_MAX_LENGTH }),
          });
        }
      }),
    locale: choiceField(t, LOCALES),
    submissionKey: z.string().min(1).max(SUBMISSION_KEY_MAX),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale } = await getRequestT(request, user);
  const viewer = await loadForumViewer(user);
  const url = new URL(request.url);
  // Search's "ask the community" link sends what was searched for as the title.
  const cleaned = cleanQuery(url.searchParams.get("title"));
  const categories = await listVisibleCategories(viewer);
  const wanted = url.searchParams.get("category");
  return {
    locale,
    suspended: isSuspended(viewer),
    postsHeld: await willHoldPosts(user.id),
    categories: categories.map((c) => ({ id: c.id, nameEn: c.nameEn, nameJa: c.nameJa })),
    defaultTitle: cleaned.ok ? cleaned.query.slice(0, FORUM_LIMITS.titleMax) : "",
    defaultCategoryId: categories.some((c) => c.id === wanted) ? wanted : "",
    // The answer bot's "ask the community" link sends the questions asked as the body.
    defaultBody: (url.searchParams.get("body") ?? "")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, " ")
      .slice(0, PREFILL_BODY_MAX),
    // One key per form shown: a second submission of the same form returns the first topic.
    submissionKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getRequestT(request, user);
  const viewer = (await loadForumViewer(user))!;
  if (isSuspended(viewer)) throw forbidden();
  const submission = parseWithZod(await request.formData(), { schema: topicSchema(t) });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const value = submission.value;
  let result: Awaited<ReturnType<typeof createTopic>>;
  try {
    result = await createTopic({
      viewer,
      categoryId: value.categoryId,
      kind: value.kind,
      title: value.title,
      body: value.body,
      tags: value.tags,
      locale: value.locale,
      submissionKey: value.submissionKey,
    });
  } catch (error) {
    // New users' limits: too many posts this hour (429) or too many links (422).
    if (!(error instanceof ForumError)) throw error;
    const message = t(`topic.errors.${error.code}`, error.params);
    return data(
      {
        result: submission.reply(
          error.code === "tooManyLinks"
            ? { fieldErrors: { body: [message] } }
            : { formErrors: [message] },
        ),
      },
      { status: error.status, headers: retryHeaders(error) },
    );
  }
  if (!result.ok) {
    if (result.error === "suspended") throw forbidden();
    // An unknown category and one the viewer may not see read the same: "not available".
    return data(
      {
        result: submission.reply({
          fieldErrors:
            result.error === "notFound"
              ? { categoryId: [t("community.errors.categoryGone")] }
              : { "": [t("validation.invalidChoice")] },
        }),
      },
      { status: result.error === "notFound" ? 404 : 400 },
    );
  }
  return redirect(`/community/t/${result.id}`);
}

export default function NewTopic() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-topic",
    lastResult: actionData?.result,
    defaultValue: {
      kind: "question",
      categoryId: loaderData.defaultCategoryId ?? "",
      title: loaderData.defaultTitle,
      body: loaderData.defaultBody,
      tags: "",
      locale: loaderData.locale,
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: topicSchema(t) }),
  });
  // What the deflection beacon reports if they leave without posting.
  const [title, setTitle] = useState(loaderData.defaultTitle);
  const [typed, setTyped] = useState(false);
  const [clickedDocId, setClickedDocId] = useState<string | null>(null);
  const [suggestionCount, setSuggestionCount] = useState(0);
  const navigation = useNavigation();
  const posting = navigation.state !== "idle" && navigation.formMethod === "POST";
  useDeflectionBeacon("community", typed && !posting ? { subject: title, clickedDocId } : null);

  const crumbs = [
    { label: t("community.title"), to: "/community" },
    { label: t("community.newTopic.title") },
  ];

  if (loaderData.suspended || loaderData.categories.length === 0) {
    return (
      <div className="community stack narrow-wide">
        <Breadcrumbs items={crumbs} />
        <h1>{t("community.newTopic.title")}</h1>
        <p className="empty-state">
          {loaderData.suspended
            ? t("community.newTopic.suspended")
            : t("community.newTopic.noCategories")}
        </p>
        <p>
          <Link to="/community">← {t("community.title")}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="community stack support-page">
      <Breadcrumbs items={crumbs} />
      <div className="support-layout">
        <section className="card" aria-labelledby="ask-heading">
          <h1 id="ask-heading">{t("community.newTopic.title")}</h1>
          <p>{t("community.newTopic.intro")}</p>
          {loaderData.postsHeld ? <p className="muted">{t("reputation.heldHint")}</p> : null}
          <ConformForm
            form={form}
            onInput={(event) => {
              const input = event.target as HTMLInputElement;
              if (input.name !== fields.title.name) return;
              setTitle(input.value);
              setTyped(true);
            }}
          >
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="submissionKey" value={loaderData.submissionKey} />
            <div className="field">
              <label htmlFor={fields.kind.id}>{t("community.newTopic.kind")}</label>
              <p className="field-hint" id={`${fields.kind.id}-hint`}>
                {t("community.newTopic.kindHint")}
              </p>
              <select
                {...getSelectProps(fields.kind, { ariaDescribedBy: `${fields.kind.id}-hint` })}
                key={fields.kind.key}
              >
                {TOPIC_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`community.kinds.${kind}`)}
                  </option>
                ))}
              </select>
              <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
            </div>
            <div className="field">
              <label htmlFor={fields.categoryId.id}>{t("community.newTopic.category")}</label>
              <select {...getSelectProps(fields.categoryId)} key={fields.categoryId.key}>
                <option value="">{t("community.newTopic.chooseCategory")}</option>
                {loaderData.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {loaderData.locale === "ja" ? c.nameJa : c.nameEn}
                  </option>
                ))}
              </select>
              <FieldErrors id={fields.categoryId.errorId} errors={fields.categoryId.errors} />
            </div>
            <Field
              label={t("community.newTopic.topicTitle")}
              hint={t("community.newTopic.titleHint", {
                min: FORUM_LIMITS.titleMin,
                max: FORUM_LIMITS.titleMax,
              })}
              meta={fields.title}
              autoComplete="off"
            />
            {suggestionCount > 0 ? (
              // On a phone the suggestions sit below the form, out of sight while typing.
              <p className="deflection-jump">
                <a href="#deflection">{t("search.deflection.jump", { count: suggestionCount })}</a>
              </p>
            ) : null}
            <div className="field">
              <label htmlFor={fields.body.id}>{t("community.newTopic.body")}</label>
              <p className="field-hint" id={`${fields.body.id}-hint`}>
                {t("community.newTopic.bodyHint", { max: FORUM_LIMITS.bodyMax })}
              </p>
              <textarea
                {...getTextareaProps(fields.body, { ariaDescribedBy: `${fields.body.id}-hint` })}
                key={fields.body.key}
                rows={10}
              />
              <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
            </div>
            <Field
              label={t("community.newTopic.tags")}
              hint={t("community.newTopic.tagsHint", { max: FORUM_LIMITS.tagsMax })}
              meta={fields.tags}
              autoComplete="off"
            />
            <div className="field">
              <label htmlFor={fields.locale.id}>{t("community.newTopic.locale")}</label>
              <select {...getSelectProps(fields.locale)} key={fields.locale.key}>
                {LOCALES.map((l: Locale) => (
                  <option key={l} value={l}>
                    {t(`community.languages.${l}`)}
                  </option>
                ))}
              </select>
              <FieldErrors id={fields.locale.errorId} errors={fields.locale.errors} />
            </div>
            <button type="submit" className="button" disabled={posting}>
              {t("community.newTopic.submit")}
            </button>
          </ConformForm>
        </section>
        <DeflectionPanel
          text={title}
          context="community"
          onOpen={setClickedDocId}
          onCount={setSuggestionCount}
        />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
