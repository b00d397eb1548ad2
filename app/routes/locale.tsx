import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { setUserLocale } from "~/models/user.server";
import { getUser } from "~/utils/auth.server";
import { localeCookie } from "~/utils/locale.server";
import { safeRedirect } from "~/utils/request.server";

export async function loader() {
  return redirect("/");
}

/** The language switch: remembered in a cookie, and in the profile of a signed-in user. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) {
    return new Response("locale must be one of: ja, en", { status: 400 });
  }
  const user = await getUser(request);
  if (user) await setUserLocale(user.id, locale);
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
