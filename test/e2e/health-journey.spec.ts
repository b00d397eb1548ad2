// CS acts on an at-risk account: filters the list to red, opens the account, reads the drivers,
// acknowledges its alert; then assigns and closes another alert in the inbox. Plus the pages in
// both languages (screenshots into screenshots/ with E2E_SCREENSHOTS=1).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { ACCOUNTS, authState, e2eIds, REPO_ROOT, USERS } from "./fixtures";
import { BROWSER_LOCALE, expectLang, LANGS, open, waitForHydration } from "./helpers";

const M = { en, ja } as const;
const OUT_DIR = path.join(REPO_ROOT, "screenshots");

test.describe("CS works an at-risk account", () => {
  test.use({ locale: BROWSER_LOCALE.en, storageState: authState("cs") });

  test("filters red, reads the drivers, acknowledges, then assigns and closes another alert", async ({
    page,
  }) => {
    await open(page, "/admin/accounts");
    await page.getByLabel("Health band").selectOption("red");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(page).toHaveURL(/band=red/);
    const table = page.getByRole("table");
    // Every account listed is red; Hinode is among them.
    const bandCells = table.locator("tbody tr td:nth-child(2)");
    await expect(bandCells.first()).toBeVisible();
    for (const text of await bandCells.allInnerTexts()) expect(text).toMatch(/\d+\s+Red/);
    const hinode = table.getByRole("row", {
      name: ACCOUNTS.h.name,
    });
    await expect(hinode).toContainText("38 Red");
    await hinode.getByRole("link", { name: ACCOUNTS.h.name }).click();

    await expect(page.getByRole("heading", { level: 2, name: ACCOUNTS.h.name })).toBeVisible();
    await waitForHydration(page);
    const health = page.getByRole("region", { name: "Health" }).or(
      page.locator("section", {
        has: page.getByRole("heading", { name: "Health", exact: true }),
      }),
    );
    await expect(health.first()).toContainText("38");
    await expect(
      page.getByRole("img", { name: /Health score over the last 90 days/ }),
    ).toBeVisible();
    const drivers = page.locator("ul.drivers");
    await expect(drivers).toContainText("Active members went from 14 to 6 of 25 seats.");
    await expect(drivers).toContainText("Searches that found nothing went from 2 to 11.");
    await expect(drivers.locator("li").first()).toContainText("−9 points");

    await page
      .getByRole("button", { name: `Acknowledge the alert for ${ACCOUNTS.h.name}` })
      .click();
    await expect(page.getByRole("status").filter({ hasText: "Alert acknowledged." })).toBeVisible();
    const alerts = page.locator("section", { has: page.getByRole("heading", { name: "Alerts" }) });
    await expect(alerts.getByText("Acknowledged", { exact: true })).toBeVisible();

    // The inbox: the falling account's alert, unassigned.
    await open(page, "/admin/alerts?kind=health_drop");
    const row = page.getByRole("row", { name: ACCOUNTS.b.name });
    await expect(row).toContainText("Score fell 12 points in 7 days (now 60)");
    await row
      .getByLabel(`Assign the alert for ${ACCOUNTS.b.name}`)
      .selectOption({ label: USERS.cs.name });
    await row.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Alert assigned." })).toBeVisible();
    await expect(row).toContainText(USERS.cs.name);

    // Closing needs a note: an empty one is refused with a message at the field.
    await row.getByText("Close…").click();
    await row.getByRole("button", { name: "Close alert" }).click();
    // The browser's own check stops the empty note first; remove it to see the server's answer.
    await row.getByLabel("What was done").evaluate((el) => el.removeAttribute("required"));
    await row.getByRole("button", { name: "Close alert" }).click();
    await expect(row.getByRole("alert")).toHaveText(
      "Write what was done before closing the alert.",
    );
    await row.getByLabel("What was done").fill("Called their admin; usage review booked.");
    await row.getByRole("button", { name: "Close alert" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Alert closed." })).toBeVisible();
    await expect(page.getByRole("row", { name: ACCOUNTS.b.name })).toHaveCount(0);

    await open(page, "/admin/alerts?status=closed");
    await expect(page.getByRole("row", { name: ACCOUNTS.b.name })).toContainText(
      "Closed: Called their admin; usage review booked.",
    );
  });
});

for (const lang of LANGS) {
  test.describe(`health pages in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang], storageState: authState("cs") });
    const m = M[lang].healthConsole;

    test("the list, the account page and the dashboard read in this language", async ({ page }) => {
      const shots = process.env.E2E_SCREENSHOTS === "1";
      if (shots) mkdirSync(OUT_DIR, { recursive: true });
      for (const width of shots ? [1280, 360] : [1280]) {
        await page.setViewportSize({ width, height: 800 });
        const pages = [
          ["health-accounts", "/admin/accounts?sort=score"],
          ["health-account-h", `/admin/accounts/${e2eIds().accounts.h}`],
          ["health-dashboard", "/admin"],
          ["health-alerts", "/admin/alerts?status=all"],
        ] as const;
        for (const [name, url] of pages) {
          const res = await open(page, url);
          expect(res?.status(), url).toBe(200);
          await expectLang(page, lang);
          if (shots) {
            await page.screenshot({
              path: path.join(OUT_DIR, `${lang}-${width}-${name}.png`),
              fullPage: true,
            });
          }
        }
      }
      await open(page, `/admin/accounts/${e2eIds().accounts.h}`);
      await expect(page.locator("ul.drivers")).toContainText(
        M[lang].health.drivers.activeUsers
          .replace("{{from}}", "14")
          .replace("{{to}}", "6")
          .replace("{{seats}}", "25"),
      );
      await open(page, "/admin");
      await expect(page.getByRole("heading", { name: m.portfolio.distribution })).toBeVisible();
      await expect(page.getByRole("img", { name: m.portfolio.distribution })).toBeVisible();
    });
  });
}
