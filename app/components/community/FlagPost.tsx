// The "Flag" control under a post: customers report someone else's post (one flag each) with a
// reason and an optional note; moderators get Hide/Restore instead. Posts to the topic page's
// action (intent "flag") or, for moderators, to the moderation console.
import { Link, useFetcher, useSearchParams } from "@remix-run/react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { FLAG_REASONS } from "~/models/forum-policy";
import { MODERATION_LIMITS } from "~/models/moderation-policy";
import { ModerationResult, type ModerationActionData } from "./ModerationForm";
import { MODERATION_ACTION } from "./moderation-schema";

type FlagActionData = { intent: string | null; error?: string; flagged?: "open" | "hidden" };

export function FlagPost({
  post,
  href,
}: {
  post: { id: string; number: number; canFlag: boolean; flagged: boolean };
  /** This page with ?flag=N: opens the form without JavaScript too. */
  href: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<FlagActionData>();
  const [searchParams] = useSearchParams();
  const [open, setOpen] = useState(searchParams.get("flag") === String(post.number));
  const id = useId();
  const done = fetcher.data?.flagged;
  if (post.flagged || done) {
    return (
      <span className="muted" role="status">
        {done === "hidden"
          ? t("moderation.flag.hiddenNow")
          : done
            ? t("moderation.flag.thanks")
            : t("moderation.flag.already")}
      </span>
    );
  }
  if (!post.canFlag) return null;
  // The form is rendered only when asked for: thirty of them would make every page much heavier.
  if (!open) {
    return (
      <Link
        to={href}
        aria-expanded={false}
        preventScrollReset
        onClick={(event) => {
          event.preventDefault();
          setOpen(true);
        }}
      >
        {t("moderation.flag.open")}
      </Link>
    );
  }
  return (
    <fetcher.Form method="post" className="flag-form stack" preventScrollReset>
      <input type="hidden" name="intent" value="flag" />
      <input type="hidden" name="postId" value={post.id} />
      <fieldset>
        <legend>{t("moderation.flag.legend", { number: post.number })}</legend>
        {FLAG_REASONS.map((reason, i) => (
          <label key={reason} className="checkbox">
            <input
              type="radio"
              name="reason"
              value={reason}
              required={i === 0}
              autoFocus={i === 0}
            />{" "}
            {t(`moderation.reasons.${reason}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("moderation.flag.note")}</label>
        <p className="field-hint" id={`${id}-note-hint`}>
          {t("moderation.flag.noteHint", { max: MODERATION_LIMITS.noteMax })}
        </p>
        <textarea
          id={`${id}-note`}
          name="note"
          rows={2}
          maxLength={MODERATION_LIMITS.noteMax}
          aria-describedby={`${id}-note-hint`}
        />
      </div>
      {fetcher.data?.error ? (
        <p className="alert alert-error" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
      <p className="moderation-buttons">
        <button type="submit" className="button button-small" disabled={fetcher.state !== "idle"}>
          {t("moderation.flag.submit")}
        </button>
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => setOpen(false)}
        >
          {t("moderation.flag.cancel")}
        </button>
      </p>
    </fetcher.Form>
  );
}

/**
 * Hide or restore one reply from the topic page, for moderators, with its open flags counted.
 * The opening post shares its topic's state, so the topic's Moderate menu handles it.
 */
export function ModeratePost({
  post,
}: {
  post: { id: string; number: number; state: string; openFlags: number };
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ModerationActionData>();
  const hidden = post.state === "hidden";
  const flags = post.openFlags ? (
    <Link to="/admin/moderation" className="badge moderation-hidden">
      {t("moderation.queue.flagCount", { count: post.openFlags })}
    </Link>
  ) : null;
  if (post.number === 1) return flags;
  return (
    <fetcher.Form
      method="post"
      action={MODERATION_ACTION}
      preventScrollReset
      className="inline-form"
    >
      {flags}
      <input type="hidden" name="intent" value={hidden ? "restorePost" : "hidePost"} />
      <input type="hidden" name="postId" value={post.id} />
      <button type="submit" className="link-button" disabled={fetcher.state !== "idle"}>
        {t(hidden ? "moderation.flag.staffRestore" : "moderation.flag.staffHide", {
          number: post.number,
        })}
      </button>
      <ModerationResult data={fetcher.data?.ok ? undefined : fetcher.data} />
    </fetcher.Form>
  );
}
