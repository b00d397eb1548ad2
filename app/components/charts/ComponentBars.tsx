// Each health component's score as a horizontal bar out of 100, with its weight; an SVG per row
// beside text that says the same, so the bars add a picture and take nothing away.
import { barWidth } from "./health-charts";

const TRACK = 200;
const HEIGHT = 14;

export function ComponentBars({
  rows,
  scoreLabel,
  weightLabel,
  caption,
}: {
  rows: ReadonlyArray<{ key: string; label: string; score: number; weight: number; band: string }>;
  scoreLabel: string;
  weightLabel: string;
  caption: string;
}) {
  return (
    <table className="component-bars">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption}</th>
          <th scope="col" className="num">
            {scoreLabel}
          </th>
          <th scope="col" aria-hidden="true" />
          <th scope="col" className="num">
            {weightLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{r.score}</td>
            <td aria-hidden="true">
              <svg
                viewBox={`0 0 ${TRACK} ${HEIGHT}`}
                width={TRACK}
                height={HEIGHT}
                className="component-bar"
              >
                <rect x={0} y={0} width={TRACK} height={HEIGHT} className="component-track" />
                <rect
                  x={0}
                  y={0}
                  width={barWidth(r.score, 100, TRACK)}
                  height={HEIGHT}
                  className={`component-fill zone-${r.band}`}
                />
              </svg>
            </td>
            <td className="num">{r.weight}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
