// Integrations in the CS console, in both languages: an admin creates an API key, sees it once,
// uses it on the events API, revokes it after a confirmation, and the key stops working. CS sees
// the page without the forms. Screenshots at 1280 and 360 px go to /tmp/shots-ingestion/.
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { ACCOUNTS, authState } from "./fixtures";
import { BROWSER_LOCALE, LANGS, open, waitForForm } from "./helpers";

const PATH = "/admin/integrations";
const SHOTS_DIR = "/tmp/shots-ingestion";
const MESSAGES = { en, ja } as const;
const KEY_PATTERN = /^csp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

async function shoot(page: Page, name: string) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS_DIR}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

for (const lang of LANGS) {
  const m = MESSAGES[lang].integrations;
  test.describe(`in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    test.describe("an admin", () => {
      test.use({ storageState: authState("admin") });

      test("creates a key, sees it once, uses it, revokes it", async ({ page, request }) => {
        const name = `E2E key ${lang} ${Date.now()}`;
        await open(page, PATH);
        await expect(page.getByRole("heading", { level: 2, name: m.title })).toBeVisible();
        await waitForForm(page);
        await page.getByLabel(m.keys.name, { exact: true }).fill(name);
        await page.getByRole("button", { name: m.keys.createButton }).click();

        const status = page.getByRole("status").filter({ hasText: m.keys.createdWarning });
        await expect(status).toBeVisible();
        const key = await page.getByLabel(m.keys.keyLabel, { exact: true }).inputValue();
        expect(key).toMatch(KEY_PATTERN);
        const row = page.getByRole("row").filter({ hasText: name });
        await expect(row).toContainText(key.slice(0, 16));
        await expect(row).toContainText(m.keys.active);
        await shoot(page, `integrations-created-${lang}`);

        // The key works on the API…
        const body = { events: [{ type: "e2e.checked", accountId: ACCOUNTS.a.externalId }] };
        const headers = { Authorization: `Bearer ${key}` };
        const accepted = await request.post("/api/v1/events", { data: body, headers });
        expect(accepted.status()).toBe(202);
        expect(await accepted.json()).toMatchObject({ accepted: 1, rejected: [] });

        // …and is never shown again.
        await open(page, PATH);
        await expect(page.getByLabel(m.keys.keyLabel, { exact: true })).toHaveCount(0);
        expect(await page.content()).not.toContain(key);
        await expect(row).not.toContainText(m.keys.never);

        await row.getByRole("link", { name: m.keys.revokeLabel.replace("{{name}}", name) }).click();
        const confirm = page.getByRole("group", {
          name: m.keys.revokeTitle.replace("{{name}}", name),
        });
        await expect(confirm).toBeVisible();
        await shoot(page, `integrations-revoke-${lang}`);
        await confirm.getByRole("button", { name: m.keys.revokeConfirm }).click();
        await expect(
          page.getByRole("status").filter({ hasText: m.keys.revoked.replace("{{name}}", name) }),
        ).toBeVisible();
        await expect(row.getByRole("link")).toHaveCount(0);

        const refused = await request.post("/api/v1/events", { data: body, headers });
        expect(refused.status()).toBe(401);
        expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer/);
      });

      test("a key without a name or scope is refused with messages", async ({ page }) => {
        await open(page, PATH);
        await waitForForm(page);
        await page.getByRole("checkbox", { name: m.keys.scopeNames.events_write }).uncheck();
        await page.getByRole("button", { name: m.keys.createButton }).click();
        await expect(page.getByText(MESSAGES[lang].validation.required)).toBeVisible();
        await expect(page.getByText(m.keys.scopesRequired)).toBeVisible();
        await expect(page.getByLabel(m.keys.keyLabel, { exact: true })).toHaveCount(0);
      });
    });

    test.describe("CS", () => {
      test.use({ storageState: authState("cs") });

      test("sees the page read-only", async ({ page }) => {
        await open(page, PATH);
        await expect(page.getByText(m.readOnly)).toBeVisible();
        await expect(page.getByRole("button", { name: m.keys.createButton })).toHaveCount(0);
        await expect(page.getByRole("button", { name: m.types.save })).toHaveCount(0);
        await shoot(page, `integrations-cs-${lang}`);
      });
    });
  });
}
