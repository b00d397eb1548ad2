// A small hand-written SVG line chart: a few series over days. Screen readers get the title and
// description of the picture and the same numbers as a table; each series also differs by its
// dash pattern, so the chart reads without colour.
import { TableWrap } from "~/components/ui/TableWrap";
import { labelIndexes, linearScale, linePath, niceTicks } from "./trend-chart";

export type TrendSeries = { key: string; label: string; values: readonly number[] };

// Drawn for a desktop card about 1,000 px wide; phones scroll it (see insights.css).
const WIDTH = 960;
const HEIGHT = 260;
const MARGIN = { top: 14, right: 20, bottom: 32, left: 64 };
/** About this many y ticks and at most this many day labels, so that labels never collide. */
const Y_TICKS = 4;
const X_LABELS = 7;
/** A lone day has no line to draw: a dot of this radius shows it instead. */
const DOT_RADIUS = 3;

export function TrendChart({
  id,
  title,
  description,
  labels,
  tableLabels,
  series,
  formatNumber,
  numbersLabel,
  dayHeader,
}: {
  id: string;
  title: string;
  description: string;
  /** Short day labels for the x axis, one per value. */
  labels: readonly string[];
  /** Full day labels for the table of numbers. */
  tableLabels: readonly string[];
  series: readonly TrendSeries[];
  formatNumber: (value: number) => string;
  numbersLabel: string;
  dayHeader: string;
}) {
  const count = labels.length;
  const ticks = niceTicks(Math.max(0, ...series.flatMap((s) => s.values)), Y_TICKS);
  const x = linearScale([0, Math.max(0, count - 1)], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([0, ticks.max], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const tableTitleId = `${id}-table-title`;
  return (
    <figure className="trend-chart">
      <ul className="trend-legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.key}>
            <svg className="trend-swatch" viewBox="0 0 24 8" width="24" height="8">
              <line x1="0" y1="4" x2="24" y2="4" className={`trend-line trend-line-${i}`} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <div className="trend-chart-scroll" role="region" aria-label={title} tabIndex={0}>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          className="trend-chart-svg"
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          <g className="trend-grid">
            {ticks.values.map((value) => (
              <g key={value}>
                <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(value)} y2={y(value)} />
                <text x={MARGIN.left - 8} y={y(value)} dy="0.32em" textAnchor="end">
                  {formatNumber(value)}
                </text>
              </g>
            ))}
          </g>
          <g className="trend-axis">
            {labelIndexes(count, X_LABELS).map((i) => (
              <text
                key={i}
                x={x(i)}
                y={HEIGHT - MARGIN.bottom + 22}
                textAnchor={count === 1 ? "start" : i === count - 1 ? "end" : "middle"}
              >
                {labels[i]}
              </text>
            ))}
          </g>
          {series.map((s, i) =>
            count === 1 ? (
              <circle
                key={s.key}
                cx={x(0)}
                cy={y(s.values[0] ?? 0)}
                r={DOT_RADIUS}
                className={`trend-dot trend-dot-${i}`}
              />
            ) : (
              <path
                key={s.key}
                d={linePath(s.values.map((v, day) => [x(day), y(v)] as const))}
                className={`trend-line trend-line-${i}`}
              />
            ),
          )}
        </svg>
      </div>
      <details className="trend-numbers">
        <summary>{numbersLabel}</summary>
        <span id={tableTitleId} className="visually-hidden">
          {title}
        </span>
        <TableWrap labelledBy={tableTitleId}>
          <table>
            <thead>
              <tr>
                <th scope="col">{dayHeader}</th>
                {series.map((s) => (
                  <th scope="col" className="num" key={s.key}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tableLabels.map((label, day) => (
                <tr key={label}>
                  <th scope="row" className="nowrap">
                    {label}
                  </th>
                  {series.map((s) => (
                    <td className="num" key={s.key}>
                      {formatNumber(s.values[day] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
    </figure>
  );
}
