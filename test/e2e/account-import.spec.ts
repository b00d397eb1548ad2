// The CSV import in the CS console, in both languages: CS uploads a CRM export, sees rejected
// rows named by row and column, uploads the fixed file, maps a column by hand, previews what
// will be created and updated, applies, and watches it finish. Screenshots at 1280 and 360 px
// go to /tmp/shots-account-data/.
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState, USERS } from "./fixtures";
import { BROWSER_LOCALE, LANGS, open, waitForHydration } from "./helpers";

const SHOTS_DIR = "/tmp/shots-account-data";
const MESSAGES = { en, ja } as const;

async function shoot(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS_DIR}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/{{(\w+)}}/g, (_, k: string) => String(params[k]));

for (const lang of LANGS) {
  const m = MESSAGES[lang].accountData;
  test.describe(`in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang], storageState: authState("cs") });

    test("CS uploads a CSV, maps columns, previews row by row and applies", async ({ page }) => {
      const p = `e2e-${lang}-${Date.now()}`;
      // Japanese headers; the churn-reason column has an unusual name the preset does not know.
      const header =
        "取引先ID,会社名,プラン,年間契約額,席数,契約更新日,担当者メール,備考(解約理由)";
      const bad =
        `${header}\n${p}-1,株式会社テスト,team,"1,200,000",10,2026-02-30,${USERS.cs.email},\n` +
        `${p}-1,重複,team,100,1,,,\n`;
      await open(page, "/admin/accounts/import");
      await expect(page.getByRole("heading", { level: 2, name: m.import.title })).toBeVisible();
      await waitForHydration(page);
      await page
        .getByLabel(m.import.file)
        .setInputFiles({ name: "crm.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await page.getByRole("button", { name: m.import.upload }).click();
      await expect(page.getByRole("heading", { name: m.import.mapping })).toBeVisible();
      await page.getByRole("button", { name: m.import.preview, exact: true }).click();
      const rejected = page.getByRole("row").filter({ hasText: m.import.outcomes.reject });
      await expect(rejected).toHaveCount(2);
      await expect(rejected.first()).toContainText("契約更新日");
      await expect(
        page.getByRole("alert").filter({ hasText: fill(m.import.cannotApply, { count: 2 }) }),
      ).toBeVisible();
      await shoot(page, `import-rejected-${lang}`);

      // The fixed file: two new accounts.
      const good =
        `${header}\n${p}-1,株式会社テスト,team,"1,200,000",10,2026年4月1日,${USERS.cs.email},\n` +
        `${p}-2,"Second, Inc.",business,"5,000,000",40,2026/09/30,,\n`;
      await open(page, "/admin/accounts/import");
      await waitForHydration(page);
      await page
        .getByLabel(m.import.file)
        .setInputFiles({ name: "crm-fixed.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
      await page.getByRole("button", { name: m.import.upload }).click();
      await expect(page.getByRole("heading", { name: m.import.mapping })).toBeVisible();
      // The preset found the Japanese headers; the reason column is mapped by hand.
      await expect(page.getByLabel(m.import.fields.arr, { exact: true })).toHaveValue("年間契約額");
      await page.getByLabel(m.import.fields.churnReason).selectOption("備考(解約理由)");
      await shoot(page, `import-mapping-${lang}`);
      await page.getByRole("button", { name: m.import.preview, exact: true }).click();
      const created = page.getByRole("row").filter({ hasText: `${p}-1` });
      await expect(created).toContainText(m.import.outcomes.create);
      const second = page.getByRole("row").filter({ hasText: `${p}-2` });
      await expect(second).toContainText(m.import.outcomes.create);
      await expect(second).toContainText("5000000");
      await shoot(page, `import-preview-${lang}`);

      await page.getByRole("button", { name: fill(m.import.apply, { count: 2 }) }).click();
      await expect(
        page
          .getByRole("status")
          .filter({ hasText: fill(m.import.done, { create: 2, update: 0, unchanged: 0 }) }),
      ).toBeVisible({ timeout: 20_000 });
      await shoot(page, `import-done-${lang}`);

      // The account list shows the new account, and its history page the import.
      await open(page, `/admin/accounts?q=${p}-1`);
      await page.getByRole("link", { name: "株式会社テスト" }).click();
      await page.getByRole("link", { name: m.history.title }).click();
      await expect(page.getByRole("table")).toContainText(m.history.sources.import);
      await shoot(page, `account-history-${lang}`);
    });

    test("a file over the size limit is refused with a message", async ({ page }) => {
      await open(page, "/admin/accounts/import");
      await waitForHydration(page);
      const big = Buffer.alloc(21 * 1024 * 1024, "a");
      await page
        .getByLabel(m.import.file)
        .setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: big });
      await page.getByRole("button", { name: m.import.upload }).click();
      await expect(page.getByRole("alert")).toContainText(
        fill(m.import.errors.tooLarge, { max: "20 MB" }),
      );
    });
  });
}

for (const lang of LANGS) {
  test.describe(`your data in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang], storageState: authState("memberA") });
    test("the page offers the download and the deletion form", async ({ page }) => {
      const m = MESSAGES[lang].accountData;
      await open(page, "/settings/data");
      await expect(page.getByRole("heading", { level: 1, name: m.me.title })).toBeVisible();
      await waitForHydration(page);
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: m.me.download }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
      await page.getByLabel(m.me.password).fill("wrong-password-here");
      await page.getByRole("button", { name: m.me.confirm }).click();
      await expect(page.getByRole("alert")).toHaveText(m.me.wrongPassword);
      await shoot(page, `your-data-${lang}`);
    });
  });
}
