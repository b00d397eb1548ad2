// Search as customers meet it: the header's search as you type (keyboard only), the search page
// in both languages with highlights and filters, the help offered when nothing is found, and the
// suggestions beside the support form with the deflection recorded when the customer leaves.
// The articles searched for are made by seed.ts (their titles are spelled out here on purpose).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState, E2E_DB_FILE, e2eIds } from "./fixtures";
import { BROWSER_LOCALE, open, waitForForm } from "./helpers";

const INVOICES_EN = "Download invoices as PDF";
const INVOICES_JA = "請求書を PDF でダウンロードする";
const SAML_EN = "Set up single sign-on with SAML";
const CUSTOMERS_ONLY = "Invoice contacts for signed-in customers";
const ENTERPRISE_ONLY = "Export the audit log to your SIEM";
const SCHEDULED = "Invoice roadmap for next year";
const NOTHING = "qwxzv plorf";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PHONE = { width: 360, height: 740 };
const KEYSTROKE_BUDGET_UNDER_LOAD_MS = 1_000;
/** Rows written by a beacon reach the database a moment after the page is left. */
const BEACON_TIMEOUT_MS = 10_000;

/** Reads the e2e database as the server writes it (read-only, so nothing here changes it). */
function queryDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`,
  );
}

test.describe("the header search box", () => {
  test.use({ locale: BROWSER_LOCALE.en });

  test("is an ARIA combobox driven by the keyboard alone", async ({ page }) => {
    await open(page, "/");
    const box = page.getByRole("combobox", { name: en.nav.search });
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toHaveAttribute("aria-autocomplete", "list");
    const listboxId = await box.getAttribute("aria-controls");
    expect(listboxId).toBeTruthy();

    await box.focus();
    await page.keyboard.type("invoices");
    const listbox = page.locator(`#${listboxId}`);
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await expect(listbox).toHaveAttribute("role", "listbox");
    const options = listbox.getByRole("option");
    await expect(options.first()).toContainText(INVOICES_EN);
    await expect(options.last()).toHaveText(
      en.search.combobox.seeAll.replace("{{query}}", "invoices"),
    );
    // The count is announced to screen readers.
    await expect(page.locator(".combobox [role=status]")).toContainText(/result/);

    await page.keyboard.press("ArrowDown");
    const firstId = await options.first().getAttribute("id");
    await expect(box).toHaveAttribute("aria-activedescendant", firstId!);
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowUp"); // wraps to "see all results"
    await expect(options.last()).toHaveAttribute("aria-selected", "true");

    // Escape closes, a second Escape clears.
    await page.keyboard.press("Escape");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).not.toHaveAttribute("aria-activedescendant");
    await expect(box).toHaveValue("invoices");
    await page.keyboard.press("Escape");
    await expect(box).toHaveValue("");

    // A click elsewhere closes the list too; focusing the box again reopens it.
    await page.keyboard.type("invoices");
    await expect(options.first()).toContainText(INVOICES_EN);
    await page.locator("main").click({ position: { x: 5, y: 5 } });
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await box.focus();
    await expect(box).toHaveAttribute("aria-expanded", "true");

    // Enter on an option opens it, and the choice is logged with the search that led to it.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/kb\/e2e-download-invoices$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(INVOICES_EN);
    await expect
      .poll(
        () =>
          queryDb<{ clickedPosition: number }>(
            `SELECT clickedPosition FROM SearchQuery WHERE source = 'typeahead' AND query = 'invoices' AND clickedDocId LIKE 'article:%'`,
          ).length,
        { timeout: BEACON_TIMEOUT_MS },
      )
      .toBeGreaterThan(0);
  });

  test("shows results quickly and submits to the search page on Enter", async ({ page }) => {
    await open(page, "/kb");
    const box = page.getByRole("combobox", { name: en.nav.search });
    await box.focus();
    await page.keyboard.type("sam");
    await expect(page.getByRole("option").first()).toBeVisible();
    // Time from one keystroke to its results on screen, measured in the page.
    const ms = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const input = document.querySelector<HTMLInputElement>("#site-search")!;
          const setValue = Object.getOwnPropertyDescriptor(
            HTMLInputElement.prototype,
            "value",
          )!.set!;
          const started = performance.now();
          const observer = new MutationObserver(() => {
            if (!document.querySelector("[role=listbox]")?.textContent?.includes("“saml”")) return;
            observer.disconnect();
            resolve(performance.now() - started);
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setValue.call(input, "saml");
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }),
    );
    test.info().annotations.push({ type: "keystroke to results (ms)", description: ms.toFixed(0) });
    console.log(`search as you type: keystroke to results in ${ms.toFixed(0)} ms`);
    // The target is 100 ms (about 35 ms on an idle machine); this bound only catches a
    // regression while the other worker and the server share two cores.
    expect(ms).toBeLessThan(KEYSTROKE_BUDGET_UNDER_LOAD_MS);

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=saml$/);
    await expect(page.getByRole("link", { name: SAML_EN })).toBeVisible();
  });
});

test.describe("the search page", () => {
  test.describe("in Japanese", () => {
    test.use({ locale: BROWSER_LOCALE.ja });

    test("finds the Japanese article and marks the matched words", async ({ page }) => {
      await open(page, `/search?q=${encodeURIComponent("請求書")}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(ja.search.title);
      const hit = page.locator(".search-hit").filter({ hasText: INVOICES_JA });
      await expect(hit.getByRole("link", { name: INVOICES_JA })).toBeVisible();
      await expect(hit.locator("mark").first()).toHaveText("請求書");
      await expect(page.getByText(INVOICES_EN)).toHaveCount(0);
      await expect(page.getByRole("link", { name: ja.search.myLanguage })).toHaveAttribute(
        "aria-current",
        "true",
      );
    });
  });

  test.describe("in English, signed in", () => {
    test.use({ locale: BROWSER_LOCALE.en, storageState: authState("memberA") });

    test("shows what the customer may open, with highlights", async ({ page }) => {
      await open(page, "/search?q=invoice");
      await expect(page.getByRole("link", { name: INVOICES_EN })).toBeVisible();
      await expect(page.getByRole("link", { name: CUSTOMERS_ONLY })).toBeVisible();
      await expect(page.getByText(SCHEDULED)).toHaveCount(0);
      await expect(page.locator(".search-hit mark").first()).toBeVisible();
      await expect(page.locator(".search-summary")).toContainText("invoice");

      await open(page, "/search?q=audit+log+SIEM");
      await expect(page.getByText(ENTERPRISE_ONLY)).toHaveCount(0);

      // Opening a result credits the search it came from (the page's click beacon).
      await open(page, "/search?q=contacts");
      await page.getByRole("link", { name: CUSTOMERS_ONLY }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(CUSTOMERS_ONLY);
      await expect
        .poll(
          () =>
            queryDb<{ clickedPosition: number }>(
              `SELECT clickedPosition FROM SearchQuery WHERE userId = ? AND source = 'page' AND query = 'contacts' AND clickedDocId LIKE 'article:%'`,
              e2eIds().users.memberA,
            ),
          { timeout: BEACON_TIMEOUT_MS },
        )
        .toEqual([{ clickedPosition: 1 }]);
    });

    test("narrows the results with the category and language filters", async ({ page }) => {
      // Articles only: forum topics of the e2e seed mention settings too.
      await open(page, "/search?q=settings&type=article");
      await expect(page.locator(".search-hit")).toHaveCount(2);
      const filters = page.getByRole("complementary", { name: en.search.filters });
      await filters.getByRole("link", { name: /Security/ }).click();
      await expect(page).toHaveURL(/category=e2e-security/);
      await expect(page.locator(".search-hit")).toHaveCount(1);
      await expect(page.getByRole("link", { name: SAML_EN })).toBeVisible();
      await expect(filters.getByRole("link", { name: /Security/ })).toHaveAttribute(
        "aria-current",
        "true",
      );

      await open(page, "/search?q=PDF&type=article");
      await expect(page.locator(".search-hit")).toHaveCount(1);
      await page
        .getByRole("complementary", { name: en.search.filters })
        .getByRole("link", { name: en.search.allLanguages })
        .click();
      await expect(page.locator(".search-hit")).toHaveCount(2);
      await expect(page.getByRole("link", { name: INVOICES_JA })).toBeVisible();
    });

    test("corrects a misspelt word with a link", async ({ page }) => {
      await open(page, "/search?q=invocies");
      await expect(page.locator(".search-suggestion")).toContainText(en.search.didYouMean);
      await page.locator(".search-suggestion").getByRole("link", { name: "invoices" }).click();
      await expect(page).toHaveURL(/\/search\?q=invoices$/);
      await expect(page.getByRole("link", { name: INVOICES_EN })).toBeVisible();
    });

    test("offers help when nothing is found, and support gets the search", async ({ page }) => {
      await open(page, `/search?q=${encodeURIComponent(NOTHING)}`);
      await expect(page.getByRole("heading", { level: 2, name: /qwxzv plorf/ })).toBeVisible();
      const community = page.getByRole("link", { name: en.search.askCommunity });
      await expect(community).toHaveAttribute("href", "/community/new?title=qwxzv+plorf");
      await expect(
        page.getByRole("heading", { level: 3, name: en.search.popularTitle }),
      ).toBeVisible();
      await expect(page.getByRole("link", { name: INVOICES_EN })).toBeVisible();
      await expect(page.getByRole("link", { name: ENTERPRISE_ONLY })).toHaveCount(0);

      // "Ask the community" opens the ask form with the search as its title.
      await community.click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.community.newTopic.title);
      await expect(page.getByLabel(en.community.newTopic.topicTitle)).toHaveValue(NOTHING);
      await page.goBack();

      await page.getByRole("link", { name: en.search.contactSupport }).click();
      await expect(page).toHaveURL(/\/support\/new\?q=qwxzv\+plorf$/);
      await expect(
        page.getByText(en.kb.support.searchedFor.replace("{{query}}", NOTHING)),
      ).toBeVisible();
    });
  });

  test("tells a visitor when the search is too long", async ({ page }) => {
    const response = await page.goto(`/search?q=${"a".repeat(250)}`);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("alert")).toHaveText(en.search.tooLong.replace("{{max}}", "200"));
  });

  test("has no axe violations with results, filters and no results, and fits 360 px", async ({
    page,
  }) => {
    for (const path of ["/search?q=settings", `/search?q=${encodeURIComponent(NOTHING)}`]) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await open(page, path);
      expect(await axeViolations(page), path).toEqual([]);
      await page.setViewportSize(PHONE);
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(width, `${path} at 360 px`).toBeLessThanOrEqual(PHONE.width);
    }
    // The open combobox too, at phone width.
    await page.getByRole("combobox", { name: en.nav.search }).fill("invoices");
    await expect(page.getByRole("option").first()).toBeVisible();
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(width, "open combobox at 360 px").toBeLessThanOrEqual(PHONE.width);
    expect(await axeViolations(page), "open combobox").toEqual([]);
  });
});

test.describe("suggestions beside the support form", () => {
  test.use({ locale: BROWSER_LOCALE.en, storageState: authState("memberB") });

  test("shows matching articles while typing and records the request it answered", async ({
    page,
  }) => {
    const userId = e2eIds().users.memberB;
    const subject = "Download invoices";
    await open(page, "/support/new");
    await waitForForm(page);
    const panel = page.getByRole("complementary", { name: en.search.deflection.title });
    await expect(panel).toContainText(en.search.deflection.hint);
    await page.getByLabel(en.kb.support.subject, { exact: true }).fill(subject);
    const suggestion = panel.getByRole("link", { name: INVOICES_EN });
    await expect(suggestion).toBeVisible();
    await suggestion.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(INVOICES_EN);

    await expect
      .poll(
        () =>
          queryDb<{ subject: string; clickedDocId: string | null; context: string }>(
            `SELECT subject, clickedDocId, context FROM Deflection WHERE userId = ? AND subject = ?`,
            userId,
            subject,
          ),
        { timeout: BEACON_TIMEOUT_MS },
      )
      .toEqual([
        {
          subject,
          clickedDocId: expect.stringMatching(/^article:/),
          context: "support",
        },
      ]);
  });

  test("records nothing once the request is sent", async ({ page }) => {
    const userId = e2eIds().users.memberB;
    const subject = `SAML login fails ${Date.now().toString(36)}`;
    await open(page, "/support/new");
    await waitForForm(page);
    await page.getByLabel(en.kb.support.subject, { exact: true }).fill(subject);
    await page.getByLabel(en.kb.support.description, { exact: true }).fill("Okta says no.");
    await page.getByRole("button", { name: en.kb.support.send }).click();
    await expect(page.getByRole("heading", { name: en.kb.support.sentTitle })).toBeVisible();
    await page.getByRole("link", { name: en.kb.support.backToHelpCenter }).click();
    await expect(page).toHaveURL(/\/kb$/);
    // Give a (wrong) beacon the time it would need to arrive.
    await page.waitForTimeout(1_000);
    expect(
      queryDb(`SELECT id FROM Deflection WHERE userId = ? AND subject = ?`, userId, subject),
    ).toEqual([]);
  });
});
