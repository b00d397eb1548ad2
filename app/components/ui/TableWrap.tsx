/**
 * A table that scrolls sideways on narrow screens. The wrapper is focusable and named so that
 * keyboard users can scroll it too (WCAG 2.1.1, axe "scrollable-region-focusable").
 */
export function TableWrap({
  labelledBy,
  children,
}: {
  labelledBy: string;
  children: React.ReactNode;
}) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
