// Synonym groups managed by CS: the list, a form to add a group, and one group at a time in
// edit (?edit=<id>) or delete-confirmation (?delete=<id>) mode, so every step works without
// JavaScript and a deletion always takes a second, deliberate click.
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  createSynonymGroup,
  deleteSynonymGroup,
  listSynonymGroups,
  SYNONYM_RULES,
  updateSynonymGroup,
  type SynonymError,
  type SynonymResult,
} from "~/commands/manage-synonyms.server";
import { ConformForm } from "~/components/ui/ConformForm";
import { Field, FormErrors, Notice } from "~/components/ui/Field";
import { TableWrap } from "~/components/ui/TableWrap";
import { requireStaff } from "~/utils/auth.server";
import { useFormatters } from "~/utils/format";
import { getRequestT } from "~/utils/locale.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Synonyms · Insights · CS console" }];

const SYNONYMS_PATH = "/admin/insights/synonyms";
const DONE = ["created", "updated", "deleted"] as const;
type Done = (typeof DONE)[number];
type Rules = { minTerms: number; maxTerms: number; maxTermLength: number };

/** Commas of either width and the Japanese 読点 all separate terms; terms may contain spaces. */
const TERM_SEPARATORS = /[,，、\n]/;

function splitTerms(value: string): string[] {
  return value
    .split(TERM_SEPARATORS)
    .map((term) => term.trim())
    .filter(Boolean);
}

/** What the browser and the server both check; duplicates and clashes are the command's to find. */
function termsField(t: TFunction, rules: Rules) {
  // Room for every term and a separator with a space after it.
  const maxInput = rules.maxTerms * (rules.maxTermLength + 2);
  return z
    .string({ required_error: t("insights.synonyms.errors.required") })
    .max(maxInput, t("validation.tooLong", { max: maxInput }))
    .transform(splitTerms)
    .superRefine((terms, ctx) => {
      const issue = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      if (terms.length < rules.minTerms) {
        issue(t("insights.synonyms.errors.tooFewTerms", { min: rules.minTerms }));
      } else if (terms.length > rules.maxTerms) {
        issue(t("insights.synonyms.errors.tooManyTerms", { max: rules.maxTerms }));
      }
      const tooLong = terms.find((term) => [...term].length > rules.maxTermLength);
      if (tooLong) {
        issue(
          t("insights.synonyms.errors.termTooLong", { term: tooLong, max: rules.maxTermLength }),
        );
      }
    });
}

function schemas(t: TFunction, rules: Rules) {
  const id = z.string().min(1);
  return {
    create: z.object({ terms: termsField(t, rules) }),
    update: z.object({ id, terms: termsField(t, rules) }),
    delete: z.object({ id }),
  };
}

type Intent = keyof ReturnType<typeof schemas>;
const INTENTS: readonly Intent[] = ["create", "update", "delete"];
const DONE_BY_INTENT: Record<Intent, Done> = {
  create: "created",
  update: "updated",
  delete: "deleted",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const done = params.get("done");
  const groups = await listSynonymGroups();
  return {
    groups: groups.map((g) => ({ ...g, updatedAt: g.updatedAt.toISOString() })),
    // The component cannot import the server module, so the rules travel with the data.
    rules: SYNONYM_RULES,
    editId: params.get("edit"),
    deleteId: params.get("delete"),
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null,
  };
}

function errorMessage(t: TFunction, failure: SynonymError) {
  const key = `insights.synonyms.errors.${failure.error}`;
  switch (failure.error) {
    case "tooFewTerms":
      return t(key, { min: SYNONYM_RULES.minTerms });
    case "tooManyTerms":
      return t(key, { max: SYNONYM_RULES.maxTerms });
    case "termTooLong":
      return t(key, { term: failure.term, max: SYNONYM_RULES.maxTermLength });
    case "duplicateTerm":
      return t(key, { term: failure.term });
    case "termTaken":
      return t(key, { term: failure.term, group: failure.groupTerms.join(" = ") });
    case "notFound":
      return t(key);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const formData = await request.formData();
  const intent = formData.get("intent") as Intent;
  if (!INTENTS.includes(intent)) throw new Response("Unknown intent", { status: 400 });
  const formId = String(formData.get("formId") ?? intent);
  const actor = { actorId: user.id, ipAddress: clientIp(context) };
  const s = schemas(t, SYNONYM_RULES);

  // Each intent: parse with its schema, then run its command.
  async function handle<T>(
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    run: (value: T) => Promise<SynonymResult>,
  ) {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return { submission, result: null };
    return { submission, result: await run(submission.value) };
  }
  const { submission, result } =
    intent === "create"
      ? await handle(s.create, ({ terms }) => createSynonymGroup({ ...actor, terms }))
      : intent === "update"
        ? await handle(s.update, ({ id, terms }) => updateSynonymGroup({ ...actor, id, terms }))
        : await handle(s.delete, ({ id }) => deleteSynonymGroup({ ...actor, id }));
  if (!result) return data({ formId, result: submission.reply() }, { status: 400 });
  if (result.ok) return redirect(`${SYNONYMS_PATH}?done=${DONE_BY_INTENT[intent]}`);

  const message = errorMessage(t, result);
  const notFound = result.error === "notFound";
  return data(
    {
      formId,
      result: submission.reply(
        notFound ? { formErrors: [message] } : { fieldErrors: { terms: [message] } },
      ),
    },
    { status: notFound ? 404 : 400 },
  );
}

type ActionData = { formId: string; result: SubmissionResult<string[]> };

/** The action's answer, only for the form that sent it. */
function useResultFor(formId: string) {
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return actionData?.formId === formId ? actionData.result : undefined;
}

function HiddenIntent({ intent, formId }: { intent: Intent; formId: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
    </>
  );
}

type Group = { id: string; terms: string[] };

function TermsForm({ group, rules }: { group?: Group; rules: Rules }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const formId = group ? `synonym-${group.id}` : "synonym-new";
  const intent: Intent = group ? "update" : "create";
  const [form, fields] = useForm({
    id: formId,
    lastResult: useResultFor(formId),
    defaultValue: group ? { terms: group.terms.join(", ") } : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schemas(t, rules)[intent] }),
  });
  return (
    <ConformForm form={form} className="synonym-form">
      <HiddenIntent intent={intent} formId={formId} />
      {group ? <input type="hidden" name="id" value={group.id} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t("insights.synonyms.terms")}
        hint={t("insights.synonyms.termsHint", {
          min: rules.minTerms,
          max: rules.maxTerms,
          length: rules.maxTermLength,
        })}
        meta={fields.terms}
        autoComplete="off"
      />
      <div className="synonym-actions">
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {group ? t("insights.synonyms.save") : t("insights.synonyms.addButton")}
        </button>
        {group ? (
          <Link to={SYNONYMS_PATH} className="button button-secondary">
            {t("insights.synonyms.cancel")}
          </Link>
        ) : null}
      </div>
    </ConformForm>
  );
}

function DeleteConfirmation({ group }: { group: Group }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const formId = `synonym-${group.id}-delete`;
  const errors = useResultFor(formId)?.error?.[""];
  const titleId = `${formId}-title`;
  return (
    <div className="synonym-confirm" role="group" aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>{t("insights.synonyms.deleteTitle", { group: group.terms.join(" = ") })}</strong>
      </p>
      <p>{t("insights.synonyms.deleteText")}</p>
      <FormErrors id={`${formId}-errors`} errors={errors ?? undefined} />
      <Form method="post" className="synonym-actions">
        <HiddenIntent intent="delete" formId={formId} />
        <input type="hidden" name="id" value={group.id} />
        <button
          type="submit"
          className="button button-danger"
          disabled={navigation.state === "submitting"}
        >
          {t("insights.synonyms.deleteConfirm")}
        </button>
        <Link to={SYNONYMS_PATH} className="button button-secondary">
          {t("insights.synonyms.cancel")}
        </Link>
      </Form>
    </div>
  );
}

export default function Synonyms() {
  const { t } = useTranslation();
  const { moment } = useFormatters();
  const { groups, rules, editId, deleteId, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="synonyms">
      <h3>{t("insights.synonyms.heading")}</h3>
      <p className="muted">{t("insights.synonyms.intro")}</p>
      {done && !actionData ? <Notice>{t(`insights.synonyms.${done}`)}</Notice> : null}

      <section className="card" aria-labelledby="synonym-add">
        <h4 id="synonym-add">{t("insights.synonyms.add")}</h4>
        {/* A new key after each added or deleted group empties the form for the next one. */}
        <TermsForm key={groups.length} rules={rules} />
      </section>

      <section className="card" aria-labelledby="synonym-groups">
        <h4 id="synonym-groups">{t("insights.synonyms.groups")}</h4>
        {groups.length === 0 ? (
          <p>{t("insights.synonyms.none")}</p>
        ) : (
          <TableWrap labelledBy="synonym-groups">
            <table className="synonym-table">
              <thead>
                <tr>
                  <th scope="col">{t("insights.synonyms.terms")}</th>
                  <th scope="col">{t("insights.synonyms.lastChanged")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("insights.search.nextStep")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((group) => {
                  const name = group.terms.join(" = ");
                  if (group.id === editId) {
                    return (
                      <tr key={group.id} className="synonym-editing">
                        <td colSpan={3}>
                          <p className="synonym-editing-title">
                            <strong>{t("insights.synonyms.editTitle", { group: name })}</strong>
                          </p>
                          <TermsForm group={group} rules={rules} />
                        </td>
                      </tr>
                    );
                  }
                  if (group.id === deleteId) {
                    return (
                      <tr key={group.id}>
                        <td colSpan={3}>
                          <DeleteConfirmation group={group} />
                        </td>
                      </tr>
                    );
                  }
                  return (
                    <tr key={group.id}>
                      <td>
                        <ul className="synonym-terms" aria-label={name}>
                          {group.terms.map((term) => (
                            <li key={term}>{term}</li>
                          ))}
                        </ul>
                      </td>
                      <td className="nowrap">{moment.format(new Date(group.updatedAt))}</td>
                      <td className="nowrap synonym-row-actions">
                        <Link to={`${SYNONYMS_PATH}?edit=${group.id}`}>
                          {t("insights.synonyms.edit")}
                          <span className="visually-hidden"> {name}</span>
                        </Link>
                        <Link to={`${SYNONYMS_PATH}?delete=${group.id}`}>
                          {t("insights.synonyms.delete")}
                          <span className="visually-hidden"> {name}</span>
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/ErrorPage";
