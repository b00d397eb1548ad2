import { useTranslation } from "react-i18next";

/**
 * Number, money and date formats for the current language, one rule for every page.
 * Calendar dates (renewal, churn) are stored at midnight UTC, so UTC keeps the day the same
 * everywhere. Moments are shown in UTC with the zone named until users can choose a time zone:
 * the server and the browser must render the same text.
 */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    number: new Intl.NumberFormat(locale),
    money: new Intl.NumberFormat(locale, { style: "currency", currency: "JPY" }),
    date: new Intl.DateTimeFormat(locale, { timeZone: "UTC" }),
    moment: new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "UTC",
      timeZoneName: "short",
    }),
  };
}
