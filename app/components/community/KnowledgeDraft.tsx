import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Staff only: turn a solved question into a KB draft, or open the draft made from it. */
export function KnowledgeDraft({
  topicId,
  draft,
  canConvert,
}: {
  topicId: string;
  draft: { id: string; title: string } | null;
  canConvert: boolean;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.formData?.get("intent") === "convert";
  if (draft) {
    return (
      <p className="topic-knowledge">
        {t("knowledge.draftExists", { title: draft.title })}{" "}
        <Link to={`/admin/content/${draft.id}`}>{t("knowledge.openDraft")}</Link>
      </p>
    );
  }
  if (!canConvert) return null;
  return (
    <Form method="post" action={`/community/t/${topicId}`} className="topic-knowledge">
      <input type="hidden" name="intent" value="convert" />
      <button type="submit" className="button button-secondary" disabled={busy}>
        {t("knowledge.convert")}
      </button>{" "}
      <span className="muted">{t("knowledge.convertHint")}</span>
    </Form>
  );
}
