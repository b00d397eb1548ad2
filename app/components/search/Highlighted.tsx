import { Fragment } from "react";
import { splitHighlights, type HighlightRange } from "./highlight";

/** Text with its matched words in <mark>; React escapes every segment. */
export function Highlighted({
  text,
  ranges,
}: {
  text: string;
  ranges: readonly HighlightRange[] | undefined;
}) {
  return (
    <>
      {splitHighlights(text, ranges ?? []).map((s, i) =>
        s.match ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>,
      )}
    </>
  );
}
