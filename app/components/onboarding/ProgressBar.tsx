import { useTranslation } from "react-i18next";

/** A labelled progress bar with its "n of m" text (a real <progress>, read out by screen readers). */
export function ProgressBar({
  done,
  total,
  label,
}: {
  done: number;
  total: number;
  label: string;
}) {
  const { t } = useTranslation();
  const text = t("onboarding.progress", { done, total });
  return (
    <div className="ob-progress">
      <p className="ob-progress-text">{text}</p>
      <progress
        className="ob-progress-bar"
        value={done}
        max={Math.max(total, 1)}
        aria-label={label}
        aria-valuetext={text}
      />
    </div>
  );
}
