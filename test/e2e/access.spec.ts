// Who may open what: account scoping (404, not 403, for another account), the CS console for
// staff only, sign-in redirects that come back, and the 404 page for unknown URLs.
import { expect, test } from "@playwright/test";
import { ACCOUNTS, authState, e2eIds, USERS } from "./fixtures";
import {
  BROWSER_LOCALE,
  expectLang,
  expectNoErrorPage,
  expectNotFoundPage,
  LANGS,
  signInWithForm,
  TEXT,
} from "./helpers";

const STAFF_PAGES = ["/admin/settings", "/admin/integrations", "/admin/integrations/webhooks"];
/** Pages that show account health: customers get the 404 page (issue #7, decision 0014). */
const HEALTH_PAGES = (accountId: string) => [
  "/admin",
  "/admin/accounts",
  `/admin/accounts/${accountId}`,
  "/admin/alerts",
];

for (const lang of LANGS) {
  test.describe(`a member of account A, in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang], storageState: authState("memberA") });

    test("gets the 404 page for account B and opens account A", async ({ page }) => {
      const { accounts } = e2eIds();
      const other = await page.goto(`/accounts/${accounts.b}`);
      expect(other?.status()).toBe(404);
      await expectNotFoundPage(page, lang);
      await expect(page.getByText(ACCOUNTS.b.name)).toHaveCount(0);

      const own = await page.goto(`/accounts/${accounts.a}`);
      expect(own?.status()).toBe(200);
      await expectNoErrorPage(page, lang);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(ACCOUNTS.a.name);
      await expectLang(page, lang);
    });

    test("gets 403 on the CS console's other pages", async ({ page }) => {
      for (const path of STAFF_PAGES) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(
          TEXT[lang].forbidden,
        );
      }
    });

    test("gets the 404 page on every page that shows health", async ({ page }) => {
      for (const path of HEALTH_PAGES(e2eIds().accounts.a)) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
        await expectNotFoundPage(page, lang);
        // The header names the member's own company; the page itself shows nothing of it.
        await expect(page.getByRole("main").getByText(ACCOUNTS.a.name)).toHaveCount(0);
      }
    });
  });
}

test.describe("other customers", () => {
  test("a member of B gets 404 for account A", async ({ browser }) => {
    const context = await browser.newContext({ storageState: authState("memberB") });
    const page = await context.newPage();
    const response = await page.goto(`/accounts/${e2eIds().accounts.a}`);
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page, "en");
    await expect(page.getByText(ACCOUNTS.a.name)).toHaveCount(0);
    await context.close();
  });

  test("the account admin of A gets 404 for account B and for the CS console's health pages", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: authState("accountAdminA") });
    const page = await context.newPage();
    const response = await page.goto(`/accounts/${e2eIds().accounts.b}`);
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page, "en");
    expect((await page.goto("/admin"))?.status()).toBe(404);
    expect((await page.goto("/admin/settings"))?.status()).toBe(403);
    await context.close();
  });

  test("a made-up account id is a 404 as well", async ({ browser }) => {
    const context = await browser.newContext({ storageState: authState("memberA") });
    const page = await context.newPage();
    expect((await page.goto("/accounts/does-not-exist"))?.status()).toBe(404);
    await expectNotFoundPage(page, "en");
    await context.close();
  });
});

test.describe("staff", () => {
  test.use({ storageState: authState("cs") });

  test("cs opens the CS console and any account's page", async ({ page }) => {
    for (const path of [...HEALTH_PAGES(e2eIds().accounts.b), ...STAFF_PAGES]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoErrorPage(page, "en");
    }
  });
});

test.describe("an anonymous visitor", () => {
  test("is sent to sign in and comes back to the page asked for", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL("/login?redirectTo=%2Fsettings");
    await signInWithForm(page, "en", USERS.memberA.email, undefined, { openLogin: false });
    await expect(page).toHaveURL("/settings");
    await expectNoErrorPage(page, "en");
  });

  test.describe("in ja", () => {
    test.use({ locale: BROWSER_LOCALE.ja });

    test("keeps the query string through sign-in", async ({ page }) => {
      const wanted = "/admin/accounts?q=Sakura";
      await page.goto(wanted);
      await expect(page).toHaveURL(`/login?redirectTo=${encodeURIComponent(wanted)}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT.ja.signIn);
      await signInWithForm(page, "ja", USERS.cs.email, undefined, { openLogin: false });
      await expect(page).toHaveURL(wanted);
      await expectNoErrorPage(page, "ja");
    });
  });

  test("cannot be sent to another site after sign-in", async ({ page }) => {
    await page.goto("/login?redirectTo=%2F%2Fevil.example%2F");
    await signInWithForm(page, "en", USERS.memberB.email, undefined, { openLogin: false });
    await expect(page).toHaveURL("/");
  });
});

for (const lang of LANGS) {
  test.describe(`an unknown URL, in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    test("shows the localized 404 page inside the shell", async ({ page }) => {
      const response = await page.goto("/no/such/page-here");
      expect(response?.status()).toBe(404);
      await expectNotFoundPage(page, lang);
      await page.getByRole("link", { name: TEXT[lang].backHome }).click();
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT[lang].homeTitle);
    });
  });
}
