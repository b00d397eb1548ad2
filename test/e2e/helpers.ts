// Shared steps and the UI strings the specs look for, in both languages.
import { expect, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { E2E_PASSWORD } from "./fixtures";

export type Lang = "ja" | "en";
export const LANGS: readonly Lang[] = ["ja", "en"];

/** The browser language that makes the portal choose `lang` for a visitor without a setting. */
export const BROWSER_LOCALE: Record<Lang, string> = { ja: "ja-JP", en: "en-US" };

type Messages = typeof en;

/** The words the issue fixes (labels, navigation, error titles) are spelled out here on purpose. */
function text(lang: Lang, m: Messages) {
  const contract = {
    ja: {
      email: "メールアドレス",
      password: "パスワード",
      signIn: "ログイン",
      signOut: "ログアウト",
      helpCenter: "ヘルプセンター",
      community: "コミュニティ",
      onboarding: "オンボーディング",
      console: "CS コンソール",
      myAccount: "自社アカウント",
      notFound: "ページが見つかりません",
    },
    en: {
      email: "E-mail",
      password: "Password",
      signIn: "Sign in",
      signOut: "Sign out",
      helpCenter: "Help center",
      community: "Community",
      onboarding: "Onboarding",
      console: "CS console",
      myAccount: "My account",
      notFound: "Page not found",
    },
  }[lang];
  // Other copy comes from the app's dictionaries, so rewording a sentence does not break a test.
  return {
    ...contract,
    invalidLogin: lang === "en" ? "The e-mail or password is incorrect." : m.login.invalid,
    settings: m.nav.settings,
    mainNav: m.nav.main,
    homeTitle: m.home.title,
    greeting: (name: string) => m.home.greeting.replace("{{name}}", name),
    forbidden: lang === "en" ? "Not allowed" : m.errors.forbiddenTitle,
    serverError: m.errors.serverTitle,
    backHome: m.errors.backHome,
    invalidEmail: m.validation.email,
    required: m.validation.required,
    kbTitle: m.kb.title,
  };
}

export const TEXT = { ja: text("ja", ja), en: text("en", en) } as const;

/**
 * Waits until React has hydrated the page: the footer, rendered last, carries React's props.
 * Hydration runs in a transition, so under load it can finish well after the load event.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const footer = document.querySelector("footer");
    return !!footer && Object.keys(footer).some((k) => k.startsWith("__reactProps$"));
  });
}

/**
 * Waits until the Conform form in the page is live: Conform switches off the browser's own
 * validation (novalidate) in an effect after hydration; before that, the browser's validation
 * bubbles block a submit and the field messages never show.
 */
export async function waitForForm(page: Page) {
  await waitForHydration(page);
  await page.locator("main form[novalidate]").first().waitFor({ state: "attached" });
}

/** Opens `path` and waits for hydration; returns the document response. */
export async function open(page: Page, path: string) {
  const response = await page.goto(path);
  await waitForHydration(page);
  return response;
}

/** Signs in through the login form that is on screen (or opens /login first). */
export async function signInWithForm(
  page: Page,
  lang: Lang,
  email: string,
  password: string = E2E_PASSWORD,
  { openLogin = true }: { openLogin?: boolean } = {},
) {
  if (openLogin) await page.goto("/login");
  await waitForForm(page);
  const t = TEXT[lang];
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.signIn, exact: true }).click();
}

export function mainNav(page: Page, lang: Lang) {
  return page.getByRole("navigation", { name: TEXT[lang].mainNav, exact: true });
}

export async function expectLang(page: Page, lang: Lang) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

/** The page shows the 404 page inside the shell (header navigation and footer still there). */
export async function expectNotFoundPage(page: Page, lang: Lang) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT[lang].notFound);
  await expect(mainNav(page, lang)).toBeVisible();
  await expect(page.locator("footer")).toBeVisible();
  await expectLang(page, lang);
}

/** A real page rendered, not one of the error pages. */
export async function expectNoErrorPage(page: Page, lang: Lang) {
  const t = TEXT[lang];
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  for (const title of [t.notFound, t.forbidden, t.serverError]) {
    await expect(page.getByRole("heading", { name: title, exact: true })).toHaveCount(0);
  }
}
