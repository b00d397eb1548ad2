import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BELL_COUNT_CAP } from "~/models/notification-kinds";

/** The header bell: the unread count is in the link's accessible name, the badge is decoration. */
export function NotificationBell({ count }: { count: number }) {
  const { t } = useTranslation();
  const shown = count > BELL_COUNT_CAP ? `${BELL_COUNT_CAP}+` : String(count);
  const label = count ? t("notifications.bellUnread", { count: shown }) : t("notifications.bell");
  return (
    <NavLink to="/notifications" className="notification-bell" aria-label={label} title={label}>
      <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count ? (
        <span className="notification-count" aria-hidden="true">
          {shown}
        </span>
      ) : null}
    </NavLink>
  );
}
