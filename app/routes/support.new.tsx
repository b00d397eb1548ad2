import { getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { createSupportRequest } from "~/commands/support-request.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Breadcrumbs } from "~/components/kb/Breadcrumbs";
import { SUPPORT_LIMITS } from "~/components/kb/support-limits";
import { DeflectionPanel, useDeflectionBeacon } from "~/components/search/DeflectionPanel";
import { ConformForm } from "~/components/ui/ConformForm";
import { Field, FieldErrors, FormErrors } from "~/components/ui/Field";
import { ChatTranscript } from "~/components/chat/ChatTranscript";
import { findArticleTitle, loadViewer } from "~/models/article.server";
import { findConversation } from "~/models/chat.server";
import { isStaff } from "~/models/roles";
import { requireUser } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { forbidden } from "~/utils/request.server";
import { requiredText } from "~/utils/validation";

/** Conversation ids are cuids; anything much longer is not one. */
const CHAT_ID_MAX = 64;

export const meta: MetaFunction = () => [{ title: "Contact support · Acme Cloud Support" }];

function supportSchema(t: TFunction) {
  return z.object({
    subject: requiredText(t, SUPPORT_LIMITS.subject),
    body: requiredText(t, SUPPORT_LIMITS.body),
    article: z.string().max(200).optional(),
    q: z.string().optional(),
    chat: z.string().max(CHAT_ID_MAX).optional(),
  });
}

async function requireCustomer(request: Request) {
  const user = await requireUser(request);
  if (isStaff(user) || !user.accountId) throw forbidden();
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const { t } = await getRequestT(request, user);
  const url = new URL(request.url);
  const slug = url.searchParams.get("article")?.slice(0, 200) ?? "";
  const q = url.searchParams.get("q")?.trim().slice(0, SUPPORT_LIMITS.searchQuery) ?? "";
  const viewer = await loadViewer(user);
  // Only an article the customer may read is named back to them.
  const article = slug ? await findArticleTitle(viewer, slug) : null;
  // Only the customer's own conversation is attached; any other id is ignored.
  const chatId = url.searchParams.get("chat")?.slice(0, CHAT_ID_MAX) ?? "";
  const chat =
    chatId && user.accountId
      ? await findConversation({ id: user.id, accountId: user.accountId }, chatId)
      : null;
  const questions = chat?.messages.filter((m) => m.role === "user").map((m) => m.text) ?? [];
  return {
    article,
    searchQuery: q || null,
    chat: chat ? { id: chat.id, messages: chat.messages } : null,
    defaultSubject: article
      ? t("kb.support.subjectFromArticle", { title: article.title })
      : (questions[0] ?? "").slice(0, SUPPORT_LIMITS.subject),
    defaultBody: questions.join("\n\n").slice(0, SUPPORT_LIMITS.body),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: supportSchema(t) });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sent: false }, { status: 400 });
  }
  const viewer = await loadViewer(user);
  await createSupportRequest({
    viewer: viewer!,
    subject: submission.value.subject,
    body: submission.value.body,
    articleSlug: submission.value.article || null,
    searchQuery: submission.value.q || null,
    chatConversationId: submission.value.chat || null,
  });
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function NewSupportRequest() {
  const { t } = useTranslation();
  const { article, searchQuery, defaultSubject, defaultBody, chat } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "support-request",
    lastResult: actionData?.result,
    defaultValue: { subject: defaultSubject, body: defaultBody },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: supportSchema(t) }),
  });
  // What the deflection beacon reports if the customer leaves without sending the request.
  const [subject, setSubject] = useState(defaultSubject);
  const [typed, setTyped] = useState(false);
  const [clickedDocId, setClickedDocId] = useState<string | null>(null);
  const [suggestionCount, setSuggestionCount] = useState(0);
  const navigation = useNavigation();
  const sending =
    navigation.state !== "idle" &&
    navigation.formMethod === "POST" &&
    Boolean(navigation.formAction?.startsWith("/support/new"));
  const sent = Boolean(actionData?.sent);
  useDeflectionBeacon("support", typed && !sending && !sent ? { subject, clickedDocId } : null);
  useEffect(() => {
    if (!sent) return;
    setTyped(false);
    setSubject("");
    setClickedDocId(null);
  }, [sent]);

  const crumbs = [
    { label: t("kb.title"), to: "/kb" },
    ...(article ? [{ label: article.title, to: `/kb/${article.slug}` }] : []),
    { label: t("kb.support.title") },
  ];

  if (actionData?.sent) {
    return (
      <div className="kb stack narrow-wide">
        <Breadcrumbs items={crumbs} />
        <section className="card kb-support-sent" role="status" aria-labelledby="sent-title">
          <h1 id="sent-title">✓ {t("kb.support.sentTitle")}</h1>
          <p>{t("kb.support.sentText")}</p>
          <p className="kb-support-links">
            {article ? (
              <Link to={`/kb/${article.slug}`}>{t("kb.support.backToArticle")}</Link>
            ) : null}
            <Link to="/kb">{t("kb.support.backToHelpCenter")}</Link>
          </p>
        </section>
      </div>
    );
  }

  return (
    <div className="kb stack support-page">
      <Breadcrumbs items={crumbs} />
      <div className="support-layout">
        <section className="card" aria-labelledby="support-title">
          <h1 id="support-title">{t("kb.support.title")}</h1>
          <p>{t("kb.support.intro")}</p>
          {article || searchQuery ? (
            <ul className="kb-support-context muted">
              {article ? <li>{t("kb.support.aboutArticle", { title: article.title })}</li> : null}
              {searchQuery ? <li>{t("kb.support.searchedFor", { query: searchQuery })}</li> : null}
            </ul>
          ) : null}
          {chat ? <ChatTranscript messages={chat.messages} /> : null}
          <ConformForm
            form={form}
            onInput={(event) => {
              const input = event.target as HTMLInputElement;
              if (input.name !== fields.subject.name) return;
              setSubject(input.value);
              setTyped(true);
            }}
          >
            <FormErrors id={form.errorId} errors={form.errors} />
            {article ? <input type="hidden" name="article" value={article.slug} /> : null}
            {searchQuery ? <input type="hidden" name="q" value={searchQuery} /> : null}
            {chat ? <input type="hidden" name="chat" value={chat.id} /> : null}
            <Field label={t("kb.support.subject")} meta={fields.subject} />
            {suggestionCount > 0 ? (
              // On a phone the suggestions sit below the form, out of sight while typing.
              <p className="deflection-jump">
                <a href="#deflection">{t("search.deflection.jump", { count: suggestionCount })}</a>
              </p>
            ) : null}
            <div className="field">
              <label htmlFor={fields.body.id}>{t("kb.support.description")}</label>
              <p className="field-hint" id={`${fields.body.id}-hint`}>
                {t("kb.support.descriptionHint", { max: SUPPORT_LIMITS.body })}
              </p>
              <textarea
                {...getTextareaProps(fields.body, { ariaDescribedBy: `${fields.body.id}-hint` })}
                key={fields.body.key}
                rows={8}
              />
              <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
            </div>
            <button type="submit" className="button">
              {t("kb.support.send")}
            </button>
          </ConformForm>
        </section>
        <DeflectionPanel
          text={subject}
          context="support"
          onOpen={setClickedDocId}
          onCount={setSuggestionCount}
        />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
