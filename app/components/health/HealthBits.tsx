// Small pieces every health page shares: the score with its band, and a trend with its arrow.
// Band and direction are always written out (not colour alone).
import { useTranslation } from "react-i18next";
import { useFormatters } from "~/utils/format";

export function BandBadge({ score, band }: { score: number | null; band: string | null }) {
  const { t } = useTranslation();
  if (score === null || !band) {
    return <span className="muted">{t("healthConsole.notScored")}</span>;
  }
  return (
    <span className={`band band-${band}`}>
      <span className="band-score">{score}</span>{" "}
      <span className="band-name">{t(`healthConsole.bands.${band}`, { defaultValue: band })}</span>
    </span>
  );
}

export function TrendValue({ value, days = 7 }: { value: number | null; days?: number }) {
  const { t } = useTranslation();
  const { number } = useFormatters();
  if (value === null) return <span className="muted">—</span>;
  const direction = value > 0 ? "up" : value < 0 ? "down" : "flat";
  const arrow = direction === "up" ? "▲" : direction === "down" ? "▼" : "▶";
  const text = `${value > 0 ? "+" : ""}${number.format(value)}`;
  return (
    <span
      className={`trend trend-${direction}`}
      title={t(`healthConsole.trend.${direction}`, { days, points: Math.abs(value) })}
    >
      <span aria-hidden="true">{arrow} </span>
      {text}
      <span className="visually-hidden">
        {" "}
        {t(`healthConsole.trend.${direction}`, { days, points: Math.abs(value) })}
      </span>
    </span>
  );
}
