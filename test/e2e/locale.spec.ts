// The language switch: it wins over the browser's language, sticks for anonymous visitors (a
// cookie) and is stored in a signed-in user's profile (it follows them to another browser).
import { expect, test } from "@playwright/test";
import { USERS } from "./fixtures";
import {
  BROWSER_LOCALE,
  expectLang,
  LANGS,
  mainNav,
  open,
  signInWithForm,
  TEXT,
  type Lang,
} from "./helpers";

const SWITCH_LABEL: Record<Lang, string> = { ja: "日本語", en: "English" };
const other = (lang: Lang): Lang => (lang === "ja" ? "en" : "ja");

for (const browserLang of LANGS) {
  const chosen = other(browserLang);

  test.describe(`an anonymous visitor whose browser prefers ${browserLang}`, () => {
    test.use({ locale: BROWSER_LOCALE[browserLang] });

    test(`switches to ${chosen}, and the choice persists across pages`, async ({ page }) => {
      await open(page, "/kb");
      await expectLang(page, browserLang);
      const switcher = page.getByRole("button", { name: SWITCH_LABEL[chosen], exact: true });
      await expect(switcher).toHaveAttribute("aria-pressed", "false");

      await switcher.click();
      // The switch keeps the visitor on the page they were reading.
      await expect(page).toHaveURL("/kb");
      await expectLang(page, chosen);
      await expect(
        page.getByRole("heading", { level: 1, name: TEXT[chosen].kbTitle }),
      ).toBeVisible();
      await expect(switcher).toHaveAttribute("aria-pressed", "true");

      // In-app navigation, then a full page load of another page.
      await mainNav(page, chosen).getByRole("link", { name: TEXT[chosen].community }).click();
      await expect(page).toHaveURL("/community");
      await expectLang(page, chosen);
      await page.goto("/");
      await expectLang(page, chosen);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT[chosen].homeTitle);
      await page.goto("/login");
      await expect(page.getByLabel(TEXT[chosen].email, { exact: true })).toBeVisible();
    });
  });
}

test("a signed-in user's choice is stored in the profile and wins in another browser", async ({
  browser,
}) => {
  const user = USERS.localeSwitcher;

  const first = await browser.newContext({ locale: BROWSER_LOCALE.en });
  const page = await first.newPage();
  await signInWithForm(page, "en", user.email);
  await expect(page).toHaveURL("/");
  await expectLang(page, "en");
  await page.getByRole("button", { name: SWITCH_LABEL.ja, exact: true }).click();
  await expectLang(page, "ja");
  await expect(page.getByText(TEXT.ja.greeting(user.name))).toBeVisible();
  await page.getByRole("button", { name: TEXT.ja.signOut, exact: true }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: TEXT.ja.signIn })).toBeVisible();
  await first.close();

  // A fresh browser that prefers English and has no language cookie.
  const second = await browser.newContext({ locale: BROWSER_LOCALE.en });
  const again = await second.newPage();
  await open(again, "/login");
  await expectLang(again, "en");
  await signInWithForm(again, "en", user.email, undefined, { openLogin: false });
  await expect(again).toHaveURL("/");
  await expectLang(again, "ja");
  await expect(again.getByText(TEXT.ja.greeting(user.name))).toBeVisible();
  await expect(again.getByRole("button", { name: SWITCH_LABEL.ja })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await second.close();
});
