// The customer's checklist: progress, the steps with status and due date, the linked tutorial
// one click away, and "mark as done" for the manual steps they may tick.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "~/utils/format";
import { ProgressBar } from "./ProgressBar";

type Step = {
  id: string;
  title: string;
  body: string;
  scope: string;
  completion: string;
  article: { slug: string; title: string } | null;
  dueAt: string | Date | null;
  doneAt: string | Date | null;
  status: string;
  canMarkDone: boolean;
};

export type ChecklistView = {
  assignmentId: string;
  title: string;
  description: string;
  successGoal: string;
  successGoalDays: number | null;
  done: number;
  total: number;
  complete: boolean;
  steps: Step[];
};

export function Checklist({ checklist }: { checklist: ChecklistView }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const navigation = useNavigation();
  const busyStep = navigation.state !== "idle" ? navigation.formData?.get("stepId") : null;
  const headingId = `checklist-${checklist.assignmentId}`;
  return (
    <section className="card ob-checklist" aria-labelledby={headingId}>
      <h2 id={headingId}>{checklist.title}</h2>
      {checklist.description ? <p>{checklist.description}</p> : null}
      {checklist.successGoal ? (
        <p className="ob-goal">
          {checklist.successGoalDays
            ? t("onboarding.goalDays", {
                goal: checklist.successGoal,
                days: checklist.successGoalDays,
              })
            : t("onboarding.goal", { goal: checklist.successGoal })}
        </p>
      ) : null}
      <ProgressBar
        done={checklist.done}
        total={checklist.total}
        label={t("onboarding.progressLabel", { title: checklist.title })}
      />
      {checklist.complete ? (
        <div className="ob-celebrate" role="status">
          <p className="ob-celebrate-title">
            <span aria-hidden="true">🎉 </span>
            {t("onboarding.celebrate", { title: checklist.title })}
          </p>
          <p>{t("onboarding.celebrateText")}</p>
        </div>
      ) : null}
      <h3 className="visually-hidden">{t("onboarding.steps")}</h3>
      <ol className="ob-steps">
        {checklist.steps.map((s) => (
          <li key={s.id} className={`ob-step ob-step-${s.status}`}>
            <div className="ob-step-head">
              <span className={`badge ob-status ob-status-${s.status}`}>
                {t(`onboarding.statuses.${s.status}`)}
              </span>
              <h4 className="ob-step-title">{s.title}</h4>
              <span className="badge">{t(`onboarding.scopes.${s.scope}`)}</span>
            </div>
            {s.body ? <p className="ob-step-body">{s.body}</p> : null}
            <p className="ob-step-meta muted">
              {s.doneAt
                ? t("onboarding.doneOn", { date: date.format(new Date(s.doneAt)) })
                : s.dueAt
                  ? t("onboarding.due", { date: date.format(new Date(s.dueAt)) })
                  : null}
            </p>
            <div className="ob-step-actions">
              {s.article ? (
                <Link to={`/kb/${s.article.slug}`} className="button button-secondary button-small">
                  {t("onboarding.openArticle", { title: s.article.title })}
                </Link>
              ) : null}
              {s.canMarkDone ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="done" />
                  <input type="hidden" name="stepId" value={s.id} />
                  <button
                    type="submit"
                    className="button button-small"
                    aria-label={t("onboarding.markDoneLabel", { title: s.title })}
                    disabled={busyStep === s.id}
                  >
                    {t("onboarding.markDone")}
                  </button>
                </Form>
              ) : null}
              {!s.doneAt && !s.canMarkDone ? (
                <p className="ob-step-hint muted">
                  {s.completion === "article"
                    ? t("onboarding.completesOnRead")
                    : s.completion === "event"
                      ? t("onboarding.completesItself")
                      : t("onboarding.adminOnly")}
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
