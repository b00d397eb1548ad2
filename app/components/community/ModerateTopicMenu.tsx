// The topic page's "Moderate" disclosure for staff: lock, pin, hide/restore, move and merge.
// Every form posts to the moderation console's action through a fetcher, so the page reloads
// in place (and follows a merged topic to its target).
import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ModerationButtons, ModerationResult, type ModerationActionData } from "./ModerationForm";
import { MODERATION_ACTION, type ModerationIntent } from "./moderation-schema";

type Topic = { id: string; title: string; state: string; locked: boolean; pinned: boolean };
type Category = { id: string; name: string };

export function TopicStateNotice({ state }: { state: string }) {
  const { t } = useTranslation();
  if (state === "hidden")
    return <p className="alert alert-error">{t("moderation.menu.hiddenTopic")}</p>;
  if (state === "pending")
    return <p className="alert alert-error">{t("moderation.menu.pendingTopic")}</p>;
  return null;
}

export function ModerateTopicMenu({
  topic,
  categories,
  currentCategory,
}: {
  topic: Topic;
  categories: Category[];
  currentCategory: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const move = useFetcher<ModerationActionData>();
  const merge = useFetcher<ModerationActionData>();
  const stateActions: Array<{ intent: ModerationIntent; label: string }> = [
    topic.locked
      ? { intent: "unlock", label: t("moderation.actions.unlock") }
      : { intent: "lock", label: t("moderation.actions.lock") },
    topic.pinned
      ? { intent: "unpin", label: t("moderation.actions.unpin") }
      : { intent: "pin", label: t("moderation.actions.pin") },
    ...(topic.state === "pending"
      ? ([
          { intent: "approveTopic", label: t("moderation.actions.approveTopic") },
          { intent: "rejectTopic", label: t("moderation.actions.rejectTopic") },
        ] as const)
      : topic.state === "hidden"
        ? ([{ intent: "restoreTopic", label: t("moderation.actions.restoreTopic") }] as const)
        : ([{ intent: "hideTopic", label: t("moderation.actions.hideTopic") }] as const)),
  ];
  const flags = [
    t(`moderation.menu.states.${topic.state}`, { defaultValue: topic.state }),
    ...(topic.locked ? [t("moderation.menu.locked")] : []),
    ...(topic.pinned ? [t("moderation.menu.pinned")] : []),
  ].join(" · ");
  return (
    <details className="moderate-menu">
      <summary>{t("moderation.menu.open")}</summary>
      <div className="moderate-menu-body stack">
        <h2 className="moderate-menu-title">{t("moderation.menu.title")}</h2>
        <p className="muted">{t("moderation.menu.state", { state: flags })}</p>
        <ModerationButtons
          label={t("moderation.menu.title")}
          fields={{ topicId: topic.id }}
          actions={stateActions}
        />
        <move.Form
          method="post"
          action={MODERATION_ACTION}
          className="inline-form"
          preventScrollReset
        >
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="topicId" value={topic.id} />
          <div className="field">
            <label htmlFor={`${id}-category`}>{t("moderation.fields.category")}</label>
            <select id={`${id}-category`} name="categoryId" defaultValue={currentCategory}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="button button-small button-secondary"
            disabled={move.state !== "idle"}
          >
            {t("moderation.actions.move")}
          </button>
          <ModerationResult data={move.data} />
        </move.Form>
        <merge.Form
          method="post"
          action={MODERATION_ACTION}
          className="inline-form"
          preventScrollReset
        >
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="topicId" value={topic.id} />
          <div className="field">
            <label htmlFor={`${id}-target`}>{t("moderation.fields.target")}</label>
            <p className="field-hint" id={`${id}-target-hint`}>
              {t("moderation.fields.targetHint")}
            </p>
            <input
              id={`${id}-target`}
              name="target"
              type="text"
              required
              autoComplete="off"
              aria-describedby={`${id}-target-hint`}
            />
          </div>
          <button
            type="submit"
            className="button button-small button-secondary"
            disabled={merge.state !== "idle"}
          >
            {t("moderation.actions.merge")}
          </button>
          <ModerationResult data={merge.data} />
        </merge.Form>
      </div>
    </details>
  );
}
