import { useTranslation } from "react-i18next";

const KNOWN = ["faq", "tutorial", "guide"] as const;

export function TypeBadge({ type }: { type: string }) {
  const { t } = useTranslation();
  const known = (KNOWN as readonly string[]).includes(type) ? type : "faq";
  return <span className={`badge kb-type kb-type-${known}`}>{t(`kb.types.${known}`)}</span>;
}
