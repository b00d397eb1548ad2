// The compact progress card on the home page for customers with an unfinished checklist.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "./ProgressBar";

export function OnboardingWidget({
  widget,
}: {
  widget: { title: string; done: number; total: number; next: { title: string } | null };
}) {
  const { t } = useTranslation();
  return (
    <section className="card ob-widget" aria-labelledby="ob-widget-title">
      <h2 id="ob-widget-title">
        {t("onboarding.widgetTitle")}: {widget.title}
      </h2>
      <ProgressBar
        done={widget.done}
        total={widget.total}
        label={t("onboarding.progressLabel", { title: widget.title })}
      />
      {widget.next ? <p>{t("onboarding.widgetNext", { title: widget.next.title })}</p> : null}
      <p>
        <Link to="/onboarding" className="button">
          {t("onboarding.widgetContinue")}
        </Link>
      </p>
    </section>
  );
}
