import type { SubmissionResult } from "@conform-to/react";
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
import { assignTemplateByHand } from "~/commands/onboarding-assign.server";
import { OnboardingError } from "~/commands/onboarding-errors.server";
import {
  archiveTemplate,
  moveStep,
  publishTemplate,
  removeStep,
  saveStep,
  updateTemplate,
} from "~/commands/onboarding-templates.server";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { AssignForm, StepForm, TemplateForm } from "~/components/onboarding/EditorForms";
import { stepSchema, templateSchema } from "~/components/onboarding/schemas";
import { Notice } from "~/components/ui/Field";
import { getTemplateForEditor } from "~/models/onboarding.server";
import { requireStaff } from "~/utils/auth.server";
import { getRequestT } from "~/utils/locale.server";
import { clientIp, notFound } from "~/utils/request.server";
import { requiredText } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.template.titleEn} · CS console` : "CS console" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const { locale } = await getRequestT(request, user);
  const template = await getTemplateForEditor(params.id ?? "", locale);
  if (!template) throw notFound();
  return { template };
}

const ACCOUNT_REF_MAX_LENGTH = 100;
const STEP_ID_MAX_LENGTH = 40;

type Reply = {
  intent: string;
  stepId?: string | null;
  result?: SubmissionResult<string[]>;
  notice?: string;
  error?: string;
};

function refusal(t: TFunction, intent: string, error: OnboardingError, stepId?: string | null) {
  return data<Reply>(
    { intent, stepId, error: t(`onboarding.errors.${error.code}`, error.params) },
    { status: error.status },
  );
}

function stepIdOf(form: FormData): string | null {
  const value = form.get("stepId");
  return typeof value === "string" && value && value.length <= STEP_ID_MAX_LENGTH ? value : null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const { t } = await getRequestT(request, user);
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const actor = { actorId: user.id, ipAddress: clientIp(context) };
  const stepId = stepIdOf(form);
  try {
    switch (intent) {
      case "saveTemplate": {
        const submission = parseWithZod(form, { schema: templateSchema(t) });
        if (submission.status !== "success") {
          return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
        }
        await updateTemplate({ ...actor, id, values: submission.value });
        return { intent, result: submission.reply(), notice: t("onboarding.admin.saved") };
      }
      case "saveStep": {
        const submission = parseWithZod(form, { schema: stepSchema(t) });
        if (submission.status !== "success") {
          return data<Reply>({ intent, stepId, result: submission.reply() }, { status: 400 });
        }
        try {
          await saveStep({ ...actor, templateId: id, stepId, values: submission.value });
        } catch (error) {
          if (error instanceof OnboardingError && error.code !== "notFound") {
            const message = t(`onboarding.errors.${error.code}`, error.params);
            return data<Reply>(
              { intent, stepId, result: submission.reply({ formErrors: [message] }) },
              { status: error.status },
            );
          }
          throw error;
        }
        return {
          intent,
          stepId,
          result: submission.reply({ resetForm: !stepId }),
          notice: t("onboarding.admin.stepSaved"),
        };
      }
      case "moveUp":
      case "moveDown": {
        if (!stepId) return refusal(t, intent, new OnboardingError("notFound"));
        const direction = intent === "moveUp" ? "up" : "down";
        await moveStep({ ...actor, templateId: id, stepId, direction });
        return { intent, stepId };
      }
      case "removeStep": {
        if (!stepId) return refusal(t, intent, new OnboardingError("notFound"));
        await removeStep({ ...actor, templateId: id, stepId });
        return { intent, notice: t("onboarding.admin.removed") };
      }
      case "publish": {
        const count = await publishTemplate({ ...actor, id });
        return { intent, notice: t("onboarding.admin.published", { count }) };
      }
      case "archive": {
        await archiveTemplate({ ...actor, id });
        return { intent, notice: t("onboarding.admin.archivedNote") };
      }
      case "assign": {
        const schema = z.object({ account: requiredText(t, ACCOUNT_REF_MAX_LENGTH) });
        const submission = parseWithZod(form, { schema });
        if (submission.status !== "success") {
          return data<Reply>({ intent, result: submission.reply() }, { status: 400 });
        }
        try {
          await assignTemplateByHand({
            ...actor,
            templateId: id,
            account: submission.value.account,
          });
        } catch (error) {
          if (error instanceof OnboardingError && error.code !== "notFound") {
            const message = t(`onboarding.errors.${error.code}`, error.params);
            return data<Reply>(
              { intent, result: submission.reply({ fieldErrors: { account: [message] } }) },
              { status: error.status },
            );
          }
          throw error;
        }
        return {
          intent,
          result: submission.reply({ resetForm: true }),
          notice: t("onboarding.admin.assigned"),
        };
      }
      default:
        return data<Reply>(
          { intent, error: t("onboarding.errors.invalidIntent") },
          { status: 400 },
        );
    }
  } catch (error) {
    if (error instanceof OnboardingError) {
      if (error.code === "notFound" && intent !== "moveUp" && intent !== "moveDown" && !stepId) {
        throw notFound();
      }
      return refusal(t, intent, error, stepId);
    }
    throw error;
  }
}

export default function ChecklistEditor() {
  const { t, i18n } = useTranslation();
  const { template } = useLoaderData<typeof loader>();
  const title = i18n.language === "ja" ? template.titleJa : template.titleEn;
  const reply = useActionData<typeof action>() as Reply | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const archived = template.status === "archived";
  const resultFor = (intent: string, stepId: string | null = null) =>
    reply && reply.intent === intent && (reply.stepId ?? null) === stepId
      ? reply.result
      : undefined;
  const labels = template.steps.map((s, i) => ({
    id: s.id,
    label: `${i + 1}. ${i18n.language === "ja" ? s.titleJa : s.titleEn}`,
  }));
  return (
    <>
      <p className="admin-back">
        <Link to="/admin/checklists">← {t("onboarding.admin.back")}</Link>
      </p>
      <div className="admin-account-head">
        <h2>{title}</h2>
        <span className={`badge ob-template-${template.status}`}>
          {t(`onboarding.admin.statuses.${template.status}`)}
        </span>
        <Link to={`/admin/checklists/${template.id}/funnel`}>{t("onboarding.admin.funnel")}</Link>
      </div>
      {reply?.notice ? <Notice>{reply.notice}</Notice> : null}
      {reply?.error ? (
        <div className="alert alert-error" role="alert">
          {reply.error}
        </div>
      ) : null}
      {template.assigned > 0 ? (
        <p className="muted">{t("onboarding.admin.inUse", { count: template.assigned })}</p>
      ) : null}
      {!archived ? (
        <div className="ob-actions">
          {template.status === "draft" ? (
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="publish"
                className="button"
                disabled={busy}
              >
                {t("onboarding.admin.publish")}
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="archive"
              className="button button-secondary"
              disabled={busy}
            >
              {t("onboarding.admin.archive")}
            </button>
          </Form>
        </div>
      ) : (
        <p className="muted">{t("onboarding.admin.archivedNote")}</p>
      )}

      <section className="card" aria-labelledby="checklist-edit">
        <h3 id="checklist-edit">{t("onboarding.admin.editTitle")}</h3>
        <TemplateForm
          defaults={template}
          lastResult={resultFor("saveTemplate")}
          disabled={busy || archived}
        />
      </section>

      <section className="card" aria-labelledby="checklist-steps">
        <h3 id="checklist-steps">{t("onboarding.admin.steps")}</h3>
        {template.steps.length === 0 ? (
          <p className="muted">{t("onboarding.admin.noSteps")}</p>
        ) : null}
        <ol className="ob-editor-steps">
          {template.steps.map((s, i) => (
            <li key={s.id} className="ob-editor-step">
              <div className="ob-editor-step-head">
                <h4>
                  {t("onboarding.admin.stepN", { n: i + 1 })}:{" "}
                  {i18n.language === "ja" ? s.titleJa : s.titleEn}
                </h4>
                <span className="muted">
                  {t(`onboarding.scopes.${s.scope}`)} ·{" "}
                  {t(`onboarding.admin.ruleSummary.${s.completion}`, {
                    type: s.eventType,
                    count: s.eventCount,
                  })}
                </span>
                <Form method="post" className="ob-step-buttons">
                  <input type="hidden" name="stepId" value={s.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="moveUp"
                    className="button button-secondary button-small"
                    aria-label={t("onboarding.admin.moveUpLabel", { n: i + 1 })}
                    disabled={busy || archived || i === 0}
                  >
                    {t("onboarding.admin.moveUp")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="moveDown"
                    className="button button-secondary button-small"
                    aria-label={t("onboarding.admin.moveDownLabel", { n: i + 1 })}
                    disabled={busy || archived || i === template.steps.length - 1}
                  >
                    {t("onboarding.admin.moveDown")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="removeStep"
                    className="button button-secondary button-small"
                    aria-label={t("onboarding.admin.removeLabel", { n: i + 1 })}
                    disabled={busy || archived}
                  >
                    {t("onboarding.admin.remove")}
                  </button>
                </Form>
              </div>
              <details open={reply?.intent === "saveStep" && reply.stepId === s.id}>
                <summary>{t("onboarding.admin.editor")}</summary>
                <StepForm
                  step={s}
                  number={i + 1}
                  otherSteps={labels.filter((l) => l.id !== s.id)}
                  articles={template.articles}
                  lastResult={resultFor("saveStep", s.id)}
                  disabled={busy || archived}
                />
              </details>
            </li>
          ))}
        </ol>
        {!archived ? (
          <>
            <h4>{t("onboarding.admin.addStep")}</h4>
            <StepForm
              step={null}
              number={template.steps.length + 1}
              otherSteps={labels}
              articles={template.articles}
              lastResult={resultFor("saveStep", null)}
              disabled={busy}
            />
          </>
        ) : null}
      </section>

      {template.status === "published" ? (
        <section className="card" aria-labelledby="checklist-assign">
          <h3 id="checklist-assign">{t("onboarding.admin.assign")}</h3>
          <AssignForm lastResult={resultFor("assign")} disabled={busy} />
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary };
