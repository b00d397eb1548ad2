// Vertical bars with a value above each and a label below (the portfolio's band distribution).
// A title and description for screen readers; the numbers are printed, so colour is extra.
import { columnBars, type Box } from "./health-charts";
import { niceTicks } from "./trend-chart";

const BOX: Box = { width: 420, height: 220, top: 24, right: 12, bottom: 34, left: 44 };

export function BarChart({
  id,
  title,
  description,
  bars,
  formatNumber,
}: {
  id: string;
  title: string;
  description: string;
  bars: ReadonlyArray<{ key: string; label: string; value: number; className?: string }>;
  formatNumber: (n: number) => string;
}) {
  const ticks = niceTicks(Math.max(0, ...bars.map((b) => b.value)), 4);
  const rects = columnBars(
    bars.map((b) => b.value),
    ticks.max,
    BOX,
  );
  const y = (v: number) =>
    BOX.height - BOX.bottom - (v / ticks.max) * (BOX.height - BOX.bottom - BOX.top);
  return (
    <svg
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="bar-chart"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g className="trend-grid">
        {ticks.values.map((v) => (
          <g key={v}>
            <line x1={BOX.left} x2={BOX.width - BOX.right} y1={y(v)} y2={y(v)} />
            <text x={BOX.left - 6} y={y(v)} dy="0.32em" textAnchor="end">
              {formatNumber(v)}
            </text>
          </g>
        ))}
      </g>
      {bars.map((b, i) => {
        const r = rects[i]!;
        return (
          <g key={b.key}>
            <rect x={r.x} y={r.y} width={r.width} height={r.height} className={b.className} />
            <text x={r.x + r.width / 2} y={r.y - 6} textAnchor="middle" className="bar-value">
              {formatNumber(b.value)}
            </text>
            <text
              x={r.x + r.width / 2}
              y={BOX.height - BOX.bottom + 20}
              textAnchor="middle"
              className="bar-label"
            >
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
