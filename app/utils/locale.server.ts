import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, getT, isLocale, localeFromAcceptLanguage, type Locale } from "~/i18n";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Remembers the language chosen with the switch by visitors who are not signed in. */
export const localeCookie = createCookie("portal_locale", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: ONE_YEAR_SECONDS,
});

/** The user's setting first, then the switch, then the browser. */
export async function resolveLocale(
  request: Request,
  user: { locale: string | null } | null,
): Promise<Locale> {
  if (user && isLocale(user.locale)) return user.locale;
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

export async function getRequestT(request: Request, user: { locale: string | null } | null) {
  const locale = await resolveLocale(request, user);
  return { locale, t: getT(locale) };
}
