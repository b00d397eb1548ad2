// The notification part of /settings: what the form shows and how its submission is checked.
import type { TFunction } from "i18next";
import type { Locale } from "~/i18n";
import { db } from "~/utils/db.server";
import { canSeeCategory } from "./forum-policy";
import {
  ALLOWED_CHOICES,
  isAllowedChoice,
  kindsFor,
  type EmailChoice,
  type PreferenceKind,
} from "./notification-kinds";
import { getPreferences, savePreferences, watchedCategoryIds } from "./notification.server";

type PrefUser = {
  id: string;
  role: string;
  accountId: string | null;
  account: { plan: string } | null;
  suspendedUntil: Date | null;
};

async function visibleCategories(user: PrefUser, locale: Locale) {
  const rows = await db.forumCategory.findMany({
    orderBy: [{ position: "asc" }, { nameEn: "asc" }],
    select: { id: true, nameEn: true, nameJa: true, audiencePlans: true },
  });
  return rows
    .filter((c) => canSeeCategory(user, c))
    .map((c) => ({ id: c.id, name: locale === "ja" ? c.nameJa : c.nameEn }));
}

export async function loadPreferencesForm(user: PrefUser, locale: Locale) {
  const [prefs, categories, watched] = await Promise.all([
    getPreferences(user),
    visibleCategories(user, locale),
    watchedCategoryIds(user.id),
  ]);
  return {
    kinds: prefs.map((p) => ({ ...p, choices: [...ALLOWED_CHOICES[p.kind]] })),
    categories: categories.map((c) => ({ ...c, watched: watched.includes(c.id) })),
  };
}

/** Saves when every field is valid; otherwise returns field errors and stores nothing. */
export async function savePreferencesForm(
  user: PrefUser,
  locale: Locale,
  form: FormData,
  t: TFunction,
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const choices: { kind: PreferenceKind; email: EmailChoice }[] = [];
  for (const kind of kindsFor(user)) {
    const value = form.get(`email.${kind}`);
    if (isAllowedChoice(kind, value)) choices.push({ kind, email: value });
    else errors[`email.${kind}`] = t("validation.invalidChoice");
  }
  const visible = new Set((await visibleCategories(user, locale)).map((c) => c.id));
  const categoryIds = [...new Set(form.getAll("category").map(String))];
  if (categoryIds.some((id) => !visible.has(id))) errors.category = t("validation.invalidChoice");
  if (Object.keys(errors).length) return { ok: false, errors };
  await savePreferences(user.id, choices, categoryIds);
  return { ok: true };
}
