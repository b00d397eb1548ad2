// Bad input on the sign-in form: one message for every credential mistake, field messages for
// malformed input, and the typed e-mail is kept.
import { expect, test } from "@playwright/test";
import { USERS } from "./fixtures";
import { BROWSER_LOCALE, LANGS, signInWithForm, TEXT, waitForForm } from "./helpers";

for (const lang of LANGS) {
  test.describe(`the login form in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });
    const t = TEXT[lang];

    test("a wrong password and an unknown e-mail get the same message", async ({ page }) => {
      const emailField = page.getByLabel(t.email, { exact: true });
      const known = USERS.wrongPassword.email;
      await signInWithForm(page, lang, known, "not the password");
      const alert = page.getByRole("alert");
      await expect(alert).toHaveText(t.invalidLogin);
      await expect(page).toHaveURL("/login");
      await expect(emailField).toHaveValue(known);
      const wrongPassword = await alert.innerText();

      const unknown = `nobody-${lang}@example.test`;
      await signInWithForm(page, lang, unknown, "not the password", { openLogin: false });
      // Wait for the new answer: the e-mail shown must be the one just typed.
      await expect(emailField).toHaveValue(unknown);
      await expect(alert).toHaveText(t.invalidLogin);
      expect(await alert.innerText()).toBe(wrongPassword);
      await expect(page.getByRole("banner").getByRole("link", { name: t.signIn })).toBeVisible();
    });

    test("an invalid e-mail gets a field message and keeps what was typed", async ({ page }) => {
      await page.goto("/login");
      await waitForForm(page);
      const emailField = page.getByLabel(t.email, { exact: true });
      await emailField.fill("not-an-e-mail");
      await page.getByLabel(t.password, { exact: true }).fill("whatever");
      await page.getByRole("button", { name: t.signIn, exact: true }).click();

      await expect(page.getByText(t.invalidEmail)).toBeVisible();
      await expect(emailField).toHaveAttribute("aria-invalid", "true");
      // The message is tied to the field, so screen readers announce it with the field.
      const describedBy = (await emailField.getAttribute("aria-describedby")) ?? "";
      const description = describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => `[id="${id}"]`)
        .join(", ");
      expect(description).not.toBe("");
      await expect(page.locator(description)).toContainText([t.invalidEmail]);
      await expect(emailField).toHaveValue("not-an-e-mail");
      await expect(page).toHaveURL("/login");

      // Correcting the e-mail and pressing the button once sends the form.
      await emailField.fill(`nobody-else-${lang}@example.test`);
      await page.getByRole("button", { name: t.signIn, exact: true }).click();
      await expect(page.getByRole("alert")).toHaveText(t.invalidLogin);
      await expect(page.getByText(t.invalidEmail)).toHaveCount(0);
    });

    test("empty fields are required", async ({ page }) => {
      await page.goto("/login");
      await waitForForm(page);
      await page.getByRole("button", { name: t.signIn, exact: true }).click();
      await expect(page.getByText(t.required)).toHaveCount(2);
      await expect(page.getByLabel(t.email, { exact: true })).toHaveAttribute(
        "aria-invalid",
        "true",
      );
      await expect(page.getByLabel(t.password, { exact: true })).toHaveAttribute(
        "aria-invalid",
        "true",
      );
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server answers unknown credentials with the same message", async ({ page }) => {
    const unknown = "nobody-nojs@example.test";
    await page.goto("/login");
    await page.getByLabel(TEXT.en.email, { exact: true }).fill(unknown);
    await page.getByLabel(TEXT.en.password, { exact: true }).fill("not the password");
    await page.getByRole("button", { name: TEXT.en.signIn, exact: true }).click();
    await expect(page.getByRole("alert")).toHaveText(TEXT.en.invalidLogin);
    await expect(page.getByLabel(TEXT.en.email, { exact: true })).toHaveValue(unknown);
  });
});
