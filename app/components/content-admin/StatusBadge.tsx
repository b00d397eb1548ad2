import { useTranslation } from "react-i18next";

/** The article's state; a published article whose publish time is ahead reads "Scheduled". */
export function StatusBadge({
  status,
  publishAt,
  now,
}: {
  status: string;
  publishAt: string | Date | null;
  now: string | Date;
}) {
  const { t } = useTranslation();
  const scheduled =
    status === "published" && publishAt !== null && new Date(publishAt) > new Date(now);
  const key = scheduled ? "scheduled" : status;
  return (
    <span className={`badge content-status content-status-${key}`}>
      {t(`contentAdmin.statuses.${key}`, { defaultValue: status })}
    </span>
  );
}
