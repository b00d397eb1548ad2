// The health model page in both languages: an admin changes weights, previews how many accounts
// would change band, gets a precise message for weights that do not add up to 100 (nothing
// saved), then saves. CS reads the page without a save button; customers are refused.
// Screenshots at 1280 and 360 px go to /tmp/shots-health/.
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState } from "./fixtures";
import { BROWSER_LOCALE, LANGS, open, waitForForm } from "./helpers";

const PATH = "/admin/health";
const SHOTS_DIR = "/tmp/shots-health";
const MESSAGES = { en, ja } as const;

async function shoot(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS_DIR}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

for (const lang of LANGS) {
  const h = MESSAGES[lang].health;
  const weight = (page: Page, component: string) =>
    page.getByLabel(`${component}: ${h.form.weight}`, { exact: true });

  test.describe(`in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    test.describe("an admin", () => {
      test.use({ storageState: authState("admin") });

      test("edits weights, previews the change, is told when weights do not add up", async ({
        page,
      }) => {
        // Each language edits its own segment's model so the two runs never share a row.
        const segment = lang === "ja" ? "low_touch" : "high_touch";
        await open(page, `${PATH}?segment=${segment}`);
        await expect(page.getByRole("heading", { level: 2, name: h.title })).toBeVisible();
        await waitForForm(page);
        await shoot(page, `health-model-${lang}`);

        // Weights summing to 110: a precise message, and nothing saved.
        await weight(page, h.components.usage).fill("50");
        await page.getByRole("button", { name: h.form.save }).click();
        const alert = page.getByRole("alert");
        await expect(alert).toContainText(
          h.errors.weightsSum.replace("{{sum}}", "110").replace("{{total}}", "100"),
        );
        await shoot(page, `health-model-error-${lang}`);

        // 70/10/10/10: the preview says how many accounts would change band.
        await weight(page, h.components.usage).fill("70");
        await weight(page, h.components.onboarding).fill("10");
        await weight(page, h.components.selfService).fill("10");
        await weight(page, h.components.community).fill("10");
        await page.getByRole("button", { name: h.form.preview }).click();
        const preview = page.getByRole("region", { name: h.preview.heading, exact: true });
        await expect(preview).toContainText(h.preview.note);
        await expect(page.getByRole("table").filter({ hasText: h.preview.after })).toBeVisible();
        await shoot(page, `health-preview-${lang}`);

        await page.getByRole("button", { name: h.form.save }).click();
        await expect(page.getByRole("status").filter({ hasText: h.form.saved })).toBeVisible();
        await expect(weight(page, h.components.usage)).toHaveValue("70");
        await expect(page.getByText(h.models.ownModel)).toBeVisible();
      });
    });

    test.describe("CS", () => {
      test.use({ storageState: authState("cs") });

      test("reads the model and the validation without a save button", async ({ page }) => {
        await open(page, PATH);
        await expect(page.getByRole("heading", { level: 2, name: h.title })).toBeVisible();
        await expect(page.getByText(h.readOnly)).toBeVisible();
        await expect(page.getByRole("button", { name: h.form.save })).toHaveCount(0);
        await expect(page.getByRole("heading", { name: h.validation.heading })).toBeVisible();
      });

      test("on a phone the console tabs take one row with the current tab in view", async ({
        page,
      }) => {
        await page.setViewportSize({ width: 360, height: 800 });
        await open(page, PATH);
        const tabs = page.getByRole("navigation", { name: MESSAGES[lang].admin.title });
        const current = tabs.locator('[aria-current="page"]');
        await expect(current).toHaveText(MESSAGES[lang].admin.healthModel);
        const bar = (await tabs.boundingBox())!;
        expect(bar.height).toBeLessThan(60);
        // The tab sits near the end of the row: the bar has scrolled it into view.
        await expect
          .poll(async () => {
            const tab = (await current.boundingBox())!;
            return tab.x >= bar.x && tab.x + tab.width <= bar.x + bar.width;
          })
          .toBe(true);
      });
    });

    test.describe("a customer", () => {
      test.use({ storageState: authState("memberA") });

      test("is refused the health model page like the rest of the console", async ({ page }) => {
        // Health pages answer customers 404, as if they did not exist (the admin layout, decision 0014).
        const response = await page.goto(PATH);
        expect(response?.status()).toBe(404);
        await expect(page.getByRole("heading", { name: h.form.legend })).toHaveCount(0);
        await expect(page.getByText(h.validation.heading)).toHaveCount(0);
      });
    });
  });
}
