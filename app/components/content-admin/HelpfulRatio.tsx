import { useTranslation } from "react-i18next";
import { useFormatters } from "~/utils/format";

/** "83 %" with the votes behind it, or "—" while there are too few votes to tell. */
export function HelpfulRatio({
  ratio,
  helpful,
  unhelpful,
  minVotes,
}: {
  ratio: number | null;
  helpful: number;
  unhelpful: number;
  minVotes: number;
}) {
  const { t, i18n } = useTranslation();
  const { number } = useFormatters();
  if (ratio === null) {
    return (
      <span className="muted" title={t("contentAdmin.tooFewVotes", { min: minVotes })}>
        —<span className="visually-hidden">{t("contentAdmin.tooFewVotes", { min: minVotes })}</span>
      </span>
    );
  }
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent" }).format(ratio);
  return (
    <span className={ratio < 0.5 ? "ratio-low" : undefined}>
      {percent}{" "}
      <small className="muted">
        ({number.format(helpful)}/{number.format(helpful + unhelpful)})
      </small>
    </span>
  );
}
