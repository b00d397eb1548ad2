// Shows how one text became another: removed parts in <del>, added parts in <ins>. Lines for
// Markdown bodies, words (segmented by Intl for Japanese) for titles and summaries.
import { diffLines, diffWords, type Change } from "diff";
import { useTranslation } from "react-i18next";

export function changesOf(before: string, after: string, mode: "lines" | "words"): Change[] {
  if (mode === "lines") return diffLines(before, after);
  const intlSegmenter =
    typeof Intl !== "undefined" && "Segmenter" in Intl
      ? new Intl.Segmenter(undefined, { granularity: "word" })
      : undefined;
  return diffWords(before, after, intlSegmenter ? { intlSegmenter } : {});
}

export function Diff({
  before,
  after,
  mode,
  label,
}: {
  before: string;
  after: string;
  mode: "lines" | "words";
  label: string;
}) {
  const { t } = useTranslation();
  const changes = changesOf(before, after, mode);
  const same = changes.every((c) => !c.added && !c.removed);
  return (
    <section className="diff-section" aria-label={label}>
      <h4>{label}</h4>
      {same ? (
        <p className="muted">{t("contentAdmin.noChanges")}</p>
      ) : (
        <pre className={`diff diff-${mode}`}>
          {changes.map((c, i) =>
            c.added ? (
              <ins key={i}>{c.value}</ins>
            ) : c.removed ? (
              <del key={i}>{c.value}</del>
            ) : (
              <span key={i}>{c.value}</span>
            ),
          )}
        </pre>
      )}
    </section>
  );
}

/** Title, summary and body of two versions, side by side in one list of differences. */
export function VersionDiff({
  before,
  after,
}: {
  before: { title: string; summary: string; body: string };
  after: { title: string; summary: string; body: string };
}) {
  const { t } = useTranslation();
  return (
    <div className="version-diff">
      <p className="muted">{t("contentAdmin.diffLegend")}</p>
      <Diff
        label={t("contentAdmin.diffTitleField")}
        before={before.title}
        after={after.title}
        mode="words"
      />
      <Diff
        label={t("contentAdmin.diffSummaryField")}
        before={before.summary}
        after={after.summary}
        mode="words"
      />
      <Diff
        label={t("contentAdmin.diffBodyField")}
        before={before.body}
        after={after.body}
        mode="lines"
      />
    </div>
  );
}
