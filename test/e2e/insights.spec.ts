// Search insights for CS in both languages: the figures of an account whose searches seed.ts
// writes (seedSearchInsights; the expected numbers below follow from its rows), a query nobody
// found turned into a prefilled draft, a synonym group added with the keyboard and a one-term
// group refused, and axe on both tabs.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState } from "./fixtures";
import { BROWSER_LOCALE, LANGS, open, waitForForm, type Lang } from "./helpers";

const PROBE_ACCOUNT = "Insights Probe (E2E)";
/** The figures of the probe account's rows in seed.ts. */
const PROBE = {
  searches: 10,
  zeroResultRate: 0.4,
  clickThroughRate: 0.5,
  deflectionRate: 0.75,
  meanPosition: 2,
};
/** The zero-result query of each language, how often it was searched, and its language. */
const NOTHING_FOUND: Record<Lang, { query: string; searches: number }> = {
  en: { query: "dark mode", searches: 3 },
  ja: { query: "ダークモード", searches: 1 },
};

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PHONE = { width: 360, height: 740 };
const MESSAGES = { en, ja } as const;

function kpi(page: Page, key: string) {
  return page.locator(`[data-kpi="${key}"] .insights-kpi-value`);
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`,
  );
}

/** The outermost elements that stick out of the viewport, to say what broke the layout. */
function tooWide(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>("body *")].filter(
      (el) => el.getBoundingClientRect().right > width + 1,
    );
    return wide
      .filter((el) => !wide.includes(el.parentElement!))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
  });
}

test.use({ storageState: authState("cs") });

for (const lang of LANGS) {
  const m = MESSAGES[lang].insights;
  const percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });

  test.describe(`in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    test("CS sees an account's search figures and writes an article for a query nobody found", async ({
      page,
    }) => {
      await open(page, "/admin/insights");
      const tabs = page.getByRole("navigation", { name: m.tabs });
      await expect(tabs.getByRole("link", { name: m.tabSearch })).toHaveAttribute(
        "aria-current",
        "page",
      );

      await page.getByLabel(m.search.account, { exact: true }).selectOption({
        label: PROBE_ACCOUNT,
      });
      await page.getByRole("button", { name: m.search.apply }).click();
      await expect(page).toHaveURL(/account=/);
      await expect(
        page.getByText(m.search.scopeAccount.replace("{{account}}", PROBE_ACCOUNT)),
      ).toBeVisible();

      await expect(kpi(page, "searches")).toHaveText(String(PROBE.searches));
      await expect(kpi(page, "zero")).toHaveText(percent.format(PROBE.zeroResultRate));
      await expect(kpi(page, "ctr")).toHaveText(percent.format(PROBE.clickThroughRate));
      await expect(kpi(page, "deflection")).toHaveText(percent.format(PROBE.deflectionRate));
      await expect(kpi(page, "position")).toHaveText(String(PROBE.meanPosition));
      await expect(page.getByRole("img", { name: m.search.trendTitle })).toBeVisible();

      const zeroTable = page.getByRole("region", { name: m.search.zeroQueries });
      const row = zeroTable.getByRole("row").filter({
        has: page.getByRole("rowheader", { name: NOTHING_FOUND[lang].query, exact: true }),
      });
      await expect(row.getByRole("cell").nth(1)).toHaveText(String(NOTHING_FOUND[lang].searches));
      await row.getByRole("link", { name: new RegExp(m.search.writeArticle) }).click();

      await expect(page).toHaveURL(/\/admin\/content\/new\?/);
      await waitForForm(page);
      const fields = MESSAGES[lang].contentAdmin.fields;
      await expect(page.getByLabel(fields.title, { exact: true })).toHaveValue(
        NOTHING_FOUND[lang].query,
      );
      await expect(page.getByRole("combobox", { name: fields.locale, exact: true })).toHaveValue(
        lang,
      );
    });

    test("CS adds a synonym group with the keyboard and is told one term is not a group", async ({
      page,
    }) => {
      const unique = Math.random().toString(36).slice(2, 8);
      const terms = [`e2e-${lang}-login-${unique}`, `サインイン-${unique}`, `sign in ${unique}`];
      await open(page, "/admin/insights");
      await page
        .getByRole("navigation", { name: m.tabs })
        .getByRole("link", { name: m.tabSynonyms })
        .click();
      await expect(page).toHaveURL(/\/admin\/insights\/synonyms$/);
      await waitForForm(page);

      const field = page.getByLabel(m.synonyms.terms, { exact: true });
      await field.focus();
      await page.keyboard.type(terms.join(lang === "ja" ? "、" : ", "));
      await page.keyboard.press("Enter");
      await expect(page.getByRole("status").filter({ hasText: m.synonyms.created })).toBeVisible();
      const group = page.getByRole("list", { name: terms.join(" = ") });
      await expect(group.getByRole("listitem")).toHaveText(terms);

      await field.focus();
      await page.keyboard.type(`solo-${unique}`);
      await page.keyboard.press("Enter");
      const message = m.synonyms.errors.tooFewTerms.replace("{{min}}", "2");
      await expect(page.getByText(message)).toBeVisible();
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText(`solo-${unique}`, { exact: true })).toHaveCount(0);
    });

    test("CS edits a synonym group and deletes it only after confirming", async ({ page }) => {
      const unique = Math.random().toString(36).slice(2, 8);
      const before = [`kanban-${unique}`, `かんばん-${unique}`];
      const after = [...before, `カンバン-${unique}`];
      await open(page, "/admin/insights/synonyms");
      await waitForForm(page);
      await page.getByLabel(m.synonyms.terms, { exact: true }).fill(before.join(", "));
      await page.getByRole("button", { name: m.synonyms.addButton }).click();
      await expect(page.getByRole("status").filter({ hasText: m.synonyms.created })).toBeVisible();

      await page.getByRole("link", { name: `${m.synonyms.edit} ${before.join(" = ")}` }).click();
      await waitForForm(page);
      const editForm = page.locator(".synonym-editing");
      await editForm.getByLabel(m.synonyms.terms, { exact: true }).fill(after.join(", "));
      await editForm.getByRole("button", { name: m.synonyms.save }).click();
      await expect(page.getByRole("status").filter({ hasText: m.synonyms.updated })).toBeVisible();
      const group = page.getByRole("list", { name: after.join(" = ") });
      await expect(group.getByRole("listitem")).toHaveText(after);
      if (process.env.E2E_SCREENSHOTS) {
        await page.screenshot({
          path: `screenshots/${lang}-1280-admin-insights-synonyms-list.png`,
          fullPage: true,
        });
      }

      const deleteLink = page.getByRole("link", {
        name: `${m.synonyms.delete} ${after.join(" = ")}`,
      });
      await deleteLink.click();
      const question = m.synonyms.deleteTitle.replace("{{group}}", after.join(" = "));
      await expect(page.getByRole("group", { name: question })).toBeVisible();
      if (process.env.E2E_SCREENSHOTS) {
        await page.screenshot({
          path: `screenshots/${lang}-1280-admin-insights-synonyms-delete.png`,
          fullPage: true,
        });
      }
      await page.getByRole("link", { name: m.synonyms.cancel }).click();
      await expect(group).toBeVisible();

      await deleteLink.click();
      await page.getByRole("button", { name: m.synonyms.deleteConfirm }).click();
      await expect(page.getByRole("status").filter({ hasText: m.synonyms.deleted })).toBeVisible();
      await expect(group).toHaveCount(0);
    });

    for (const path of ["/admin/insights", "/admin/insights/synonyms"]) {
      test(`${path} has no axe violations and fits 360 px`, async ({ page }) => {
        await page.setViewportSize({ width: 1280, height: 800 });
        const response = await open(page, path);
        expect(response?.status()).toBe(200);
        expect(await axeViolations(page), `axe on ${path}`).toEqual([]);

        await page.setViewportSize(PHONE);
        const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        expect(
          scrollWidth,
          `${path} scrolls sideways; too wide: ${(await tooWide(page)).join(", ")}`,
        ).toBeLessThanOrEqual(PHONE.width);
        expect(await axeViolations(page), `axe on ${path} at ${PHONE.width} px`).toEqual([]);
      });
    }
  });
}
