// An account's score over the last 90 days on the red / yellow / green zones of its model.
// Screen readers get a title and description and the same numbers as a table; bands are named
// in the legend, so colour is never the only cue.
import { TableWrap } from "~/components/ui/TableWrap";
import { bandZones, runs, scorePoints, type Box } from "./health-charts";
import { labelIndexes, linePath } from "./trend-chart";

const BOX: Box = { width: 720, height: 240, top: 12, right: 16, bottom: 30, left: 40 };
const Y_TICKS = [0, 25, 50, 75, 100];
const X_LABELS = 6;
const DOT_RADIUS = 3;

export function HealthHistoryChart({
  id,
  title,
  description,
  days,
  dayLabels,
  values,
  bandLabels,
  bands,
  numbersLabel,
  dayHeader,
  scoreHeader,
  bandHeader,
  bandOf,
}: {
  id: string;
  title: string;
  description: string;
  /** ISO days, oldest first, one per value. */
  days: readonly string[];
  dayLabels: readonly string[];
  values: ReadonlyArray<number | null>;
  bandLabels: Record<"red" | "yellow" | "green", string>;
  bands: { yellowFrom: number; greenFrom: number };
  numbersLabel: string;
  dayHeader: string;
  scoreHeader: string;
  bandHeader: string;
  bandOf: (score: number) => string;
}) {
  const zones = bandZones(bands, BOX);
  const points = scorePoints(values, BOX);
  const lines = runs(points);
  const y = (v: number) =>
    BOX.height - BOX.bottom - (v / 100) * (BOX.height - BOX.bottom - BOX.top);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const tableId = `${id}-table`;
  const shown = values
    .map((v, i) => ({ v, i }))
    .filter((p): p is { v: number; i: number } => p.v !== null);
  return (
    <figure className="health-chart">
      <ul className="health-legend" aria-hidden="true">
        {(["green", "yellow", "red"] as const).map((b) => (
          <li key={b}>
            <span className={`legend-swatch zone-${b}`} /> {bandLabels[b]}
          </li>
        ))}
      </ul>
      <div className="trend-chart-scroll" role="region" aria-label={title} tabIndex={0}>
        <svg
          viewBox={`0 0 ${BOX.width} ${BOX.height}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          className="health-chart-svg"
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          {zones.map((z) => (
            <rect
              key={z.band}
              x={z.x}
              y={z.y}
              width={z.width}
              height={z.height}
              className={`zone zone-${z.band}`}
            />
          ))}
          <g className="trend-grid">
            {Y_TICKS.map((v) => (
              <g key={v}>
                <line x1={BOX.left} x2={BOX.width - BOX.right} y1={y(v)} y2={y(v)} />
                <text x={BOX.left - 6} y={y(v)} dy="0.32em" textAnchor="end">
                  {v}
                </text>
              </g>
            ))}
          </g>
          <g className="trend-axis">
            {labelIndexes(days.length, X_LABELS).map((i) => (
              <text
                key={i}
                x={
                  points[i]?.[0] ??
                  BOX.left + (i / Math.max(1, days.length - 1)) * (BOX.width - BOX.left - BOX.right)
                }
                y={BOX.height - BOX.bottom + 20}
                textAnchor={i === days.length - 1 ? "end" : i === 0 ? "start" : "middle"}
              >
                {dayLabels[i]}
              </text>
            ))}
          </g>
          {lines.map((run, i) =>
            run.length === 1 ? (
              <circle
                key={i}
                cx={run[0]![0]}
                cy={run[0]![1]}
                r={DOT_RADIUS}
                className="score-dot"
              />
            ) : (
              <path key={i} d={linePath(run)} className="score-line" />
            ),
          )}
        </svg>
      </div>
      <details className="trend-numbers">
        <summary>{numbersLabel}</summary>
        <span id={tableId} className="visually-hidden">
          {title}
        </span>
        <TableWrap labelledBy={tableId}>
          <table>
            <thead>
              <tr>
                <th scope="col">{dayHeader}</th>
                <th scope="col" className="num">
                  {scoreHeader}
                </th>
                <th scope="col">{bandHeader}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ v, i }) => (
                <tr key={days[i]}>
                  <th scope="row" className="nowrap">
                    {dayLabels[i]}
                  </th>
                  <td className="num">{v}</td>
                  <td>{bandOf(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
    </figure>
  );
}
