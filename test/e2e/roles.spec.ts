// Every role signs in through the form, in both languages, and sees the navigation of its role.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, e2eIds, USERS } from "./fixtures";
import {
  BROWSER_LOCALE,
  expectLang,
  expectNoErrorPage,
  LANGS,
  mainNav,
  signInWithForm,
  TEXT,
} from "./helpers";

const SESSION_COOKIE = "__portal_session";

const ROLES = [
  { user: "memberA", staff: false },
  { user: "accountAdminA", staff: false },
  { user: "cs", staff: true },
  { user: "admin", staff: true },
] as const;

for (const lang of LANGS) {
  test.describe(`in ${lang} (browser ${BROWSER_LOCALE[lang]})`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });
    const t = TEXT[lang];

    for (const { user: key, staff } of ROLES) {
      const user = USERS[key];

      test(`${user.role} signs in, sees the ${staff ? "staff" : "customer"} navigation, signs out`, async ({
        page,
        context,
      }) => {
        await signInWithForm(page, lang, user.email);

        // Everyone lands on the home page, greeted by name, in the browser's language.
        await expect(page).toHaveURL("/");
        await expect(page.getByText(t.greeting(user.name))).toBeVisible();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.homeTitle);
        await expectLang(page, lang);

        const nav = mainNav(page, lang);
        for (const name of [t.helpCenter, t.community, t.onboarding]) {
          await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
        }
        const header = page.getByRole("banner");
        const consoleLink = header.getByRole("link", { name: t.console, exact: true });
        const myAccount = header.getByRole("link", { name: t.myAccount, exact: true });
        await expect(header.getByRole("link", { name: t.settings, exact: true })).toBeVisible();

        if (staff) {
          await expect(consoleLink).toBeVisible();
          await expect(myAccount).toHaveCount(0);
          await consoleLink.click();
          await expect(page).toHaveURL("/admin");
          await expectNoErrorPage(page, lang);
        } else {
          await expect(consoleLink).toHaveCount(0);
          const accountId = e2eIds().accounts.a;
          await expect(myAccount).toHaveAttribute("href", `/accounts/${accountId}`);
          await myAccount.click();
          await expect(page).toHaveURL(`/accounts/${accountId}`);
          await expectNoErrorPage(page, lang);
          await expect(page.getByRole("heading", { level: 1 })).toContainText(ACCOUNTS.a.name);
        }

        const signedIn = (await context.cookies()).filter((c) => c.name === SESSION_COOKIE);
        expect(signedIn).toHaveLength(1);

        await header.getByRole("button", { name: t.signOut, exact: true }).click();
        await expect(page).toHaveURL("/");
        await expect(header.getByRole("link", { name: t.signIn, exact: true })).toBeVisible();
        await expect(header.getByText(user.name)).toHaveCount(0);
        await expect(consoleLink).toHaveCount(0);
        await expectLang(page, lang);

        // Signing out revoked the session on the server: the old cookie no longer signs anyone in.
        await context.addCookies(signedIn);
        await page.reload();
        await expect(header.getByRole("link", { name: t.signIn, exact: true })).toBeVisible();
        await expect(page.getByText(t.greeting(user.name))).toHaveCount(0);
      });
    }
  });
}
