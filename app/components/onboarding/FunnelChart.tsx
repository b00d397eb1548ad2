// A horizontal bar per step: how many of the started accounts reached it. Plain SVG-free markup
// (a figure with a list), so it reads the same to screen readers as it looks.
export function FunnelChart({
  label,
  started,
  rows,
}: {
  label: string;
  started: number;
  rows: { label: string; value: number }[];
}) {
  return (
    <figure className="ob-funnel">
      <figcaption className="visually-hidden">{label}</figcaption>
      <ul>
        {rows.map((r) => {
          const pct = started ? Math.round((r.value / started) * 100) : 0;
          return (
            <li key={r.label} className="ob-funnel-row">
              <span className="ob-funnel-label">{r.label}</span>
              <span className="ob-funnel-track" aria-hidden="true">
                <span className="ob-funnel-bar" style={{ width: `${pct}%` }} />
              </span>
              <span className="ob-funnel-value">
                {r.value} ({pct} %)
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
