import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type Step = { number: number; id: string; title: string; html: string };

/**
 * A tutorial: the h2 sections are numbered steps with a progress bar and, for signed-in users,
 * a "mark step done" toggle per step. Plain form posts, so it works without JavaScript.
 */
export function TutorialSteps({
  intro,
  steps,
  doneSteps,
  signedIn,
  loginHref,
}: {
  intro: string;
  steps: Step[];
  doneSteps: number[];
  signedIn: boolean;
  loginHref: string;
}) {
  const { t } = useTranslation();
  const done = new Set(doneSteps);
  const doneCount = steps.filter((s) => done.has(s.number)).length;
  const total = steps.length;
  return (
    <>
      <section className="kb-progress" aria-labelledby="kb-progress-title">
        <h2 id="kb-progress-title" className="kb-progress-title">
          {t("kb.tutorial.progressTitle")}
        </h2>
        {signedIn ? (
          <>
            <p className="kb-progress-text">
              {doneCount === total && total > 0
                ? t("kb.tutorial.allDone")
                : t("kb.tutorial.progress", { done: doneCount, total })}
            </p>
            <progress
              className="kb-progress-bar"
              value={doneCount}
              max={Math.max(total, 1)}
              aria-label={t("kb.tutorial.progress", { done: doneCount, total })}
            />
          </>
        ) : (
          <p className="kb-progress-text">
            <Link to={loginHref}>{t("kb.tutorial.signIn")}</Link>
          </p>
        )}
        <ol className="kb-step-index">
          {steps.map((s) => (
            <li key={s.number} className={done.has(s.number) ? "is-done" : undefined}>
              <a href={`#${s.id}`}>{s.title}</a>
              {done.has(s.number) ? (
                <span className="visually-hidden"> ({t("kb.tutorial.doneBadge")})</span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {intro ? <div className="kb-prose" dangerouslySetInnerHTML={{ __html: intro }} /> : null}

      {steps.map((s) => {
        const isDone = done.has(s.number);
        return (
          <section
            key={s.number}
            className={`kb-step${isDone ? " is-done" : ""}`}
            aria-label={t("kb.tutorial.stepLabel", { step: s.number })}
          >
            <p className="kb-step-label">
              <span>{t("kb.tutorial.stepLabel", { step: s.number })}</span>
              {isDone ? (
                <span className="badge kb-done-badge">✓ {t("kb.tutorial.doneBadge")}</span>
              ) : null}
            </p>
            <div className="kb-prose" dangerouslySetInnerHTML={{ __html: s.html }} />
            {signedIn ? (
              <Form method="post" preventScrollReset className="kb-step-form">
                <input type="hidden" name="intent" value="step" />
                <input type="hidden" name="step" value={s.number} />
                <input type="hidden" name="done" value={isDone ? "0" : "1"} />
                <button
                  type="submit"
                  className={
                    isDone ? "button button-secondary button-small" : "button button-small"
                  }
                  aria-describedby={s.id}
                >
                  {isDone ? t("kb.tutorial.markNotDone") : t("kb.tutorial.markDone")}
                </button>
              </Form>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
