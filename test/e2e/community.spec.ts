// The community lists and asking a question: visitors browse in both languages, a customer asks
// with the keyboard alone and sees a similar solved topic and an article suggested while typing
// the title, and CS adds a category in the console. Topics and articles come from seed.ts
// (seedTopics and the search articles; their titles are spelled out here on purpose).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState } from "./fixtures";
import { BROWSER_LOCALE, LANGS, open, waitForForm } from "./helpers";

const SOLVED_TOPIC = "Which SSO providers are supported?";
const JOURNEY_TOPIC = {
  en: "How do I export a Gantt chart as PDF?",
  ja: "ガントチャートを PDF で出力するには？",
};
const INVOICES_ARTICLE = "Download invoices as PDF";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const MESSAGES = { en, ja };

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`,
  );
}

for (const lang of LANGS) {
  test.describe(`the topic lists in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });
    const m = MESSAGES[lang].community;

    test("visitors browse latest and solved topics and filter by category", async ({ page }) => {
      await open(page, "/community");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.title);
      const tabs = page.getByRole("navigation", { name: m.tabs.label });
      await expect(tabs.getByRole("link", { name: m.tabs.latest })).toHaveAttribute(
        "aria-current",
        "page",
      );
      // "My topics" is for signed-in people.
      await expect(tabs.getByRole("link", { name: m.tabs.mine })).toHaveCount(0);
      const list = page.getByRole("list", { name: m.tabs.latest });
      await expect(list.getByRole("link", { name: JOURNEY_TOPIC[lang] })).toBeVisible();
      await expect(page.getByRole("link", { name: m.signInToAsk })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);

      await tabs.getByRole("link", { name: m.tabs.solved }).click();
      await expect(page).toHaveURL(/tab=solved/);
      const solved = page.getByRole("list", { name: m.tabs.solved });
      const row = solved.getByRole("listitem").filter({ hasText: SOLVED_TOPIC });
      await expect(row).toContainText(m.solved);
      await expect(solved.getByRole("link", { name: JOURNEY_TOPIC[lang] })).toHaveCount(0);

      const sidebar = page.getByRole("complementary", { name: m.categories });
      await sidebar.getByRole("link").first().click();
      await expect(page).toHaveURL(/category=/);
      await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(m.title);
    });
  });
}

test.describe("asking a question", () => {
  test.use({ locale: BROWSER_LOCALE.en, storageState: authState("memberB") });

  test("suggests a similar solved topic and an article while typing, with the keyboard alone", async ({
    page,
  }) => {
    const m = en.community;
    await open(page, "/community");
    // Unread markers are announced, not only shown as a dot.
    await expect(page.getByRole("list", { name: m.tabs.latest })).toContainText(m.unread);
    const ask = page.getByRole("link", { name: m.ask });
    await ask.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/community\/new$/);
    await waitForForm(page);
    expect(await axeViolations(page)).toEqual([]);

    const panel = page.getByRole("complementary", { name: en.search.deflection.title });
    await page.getByLabel(m.newTopic.topicTitle, { exact: true }).focus();
    await page.keyboard.type("Which SSO providers");
    await expect(panel.getByRole("link", { name: SOLVED_TOPIC })).toBeVisible();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Download invoices");
    await expect(panel.getByRole("link", { name: INVOICES_ARTICLE })).toBeVisible();

    // Posting anyway: bad input first, then a complete question.
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Short");
    await page.getByRole("button", { name: m.newTopic.submit }).focus();
    await page.keyboard.press("Enter");
    await expect(
      page.getByText(en.community.errors.titleTooShort.replace("{{min}}", "8")),
    ).toBeVisible();

    const title = `Download invoices for all projects at once ${Date.now().toString(36)}`;
    await page.getByLabel(m.newTopic.category, { exact: true }).selectOption({ index: 1 });
    await page.getByLabel(m.newTopic.topicTitle, { exact: true }).focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type(title);
    await page.keyboard.press("Tab");
    await page.keyboard.type("I can download one invoice at a time. Is there a **bulk** download?");
    await page.keyboard.press("Tab");
    await page.keyboard.type("invoices, billing");
    await page.getByRole("button", { name: m.newTopic.submit }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/community\/t\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

    await open(page, "/community?tab=mine");
    await expect(
      page.getByRole("list", { name: m.tabs.mine }).getByRole("link", { name: title }),
    ).toBeVisible();
  });
});

test.describe("forum categories in the console", () => {
  test.use({ locale: BROWSER_LOCALE.en, storageState: authState("cs") });

  test("CS creates a category that customers then see", async ({ page, browser }) => {
    const m = en.community.admin;
    const slug = `e2e-cat-${Date.now().toString(36)}`;
    await open(page, "/admin");
    await page
      .getByRole("navigation", { name: en.admin.title })
      .getByRole("link", { name: en.admin.community, exact: true })
      .click();
    await expect(page.getByRole("heading", { name: m.title })).toBeVisible();
    await waitForForm(page);
    const form = page.getByRole("region", { name: m.newCategory });
    await form.getByLabel(m.slug, { exact: true }).fill(slug);
    await form.getByLabel(m.nameJa, { exact: true }).fill("自動テスト");
    await form.getByLabel(m.nameEn, { exact: true }).fill("Automation corner");
    await form.getByLabel(m.descriptionEn, { exact: true }).fill("Scripts and robots.");
    await form.getByRole("button", { name: m.create }).click();
    await expect(page.getByRole("status").filter({ hasText: m.created })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Automation corner/ })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    const visitor = await browser.newContext({ locale: BROWSER_LOCALE.en });
    const visitorPage = await visitor.newPage();
    await open(visitorPage, "/community");
    const sidebar = visitorPage.getByRole("complementary", { name: en.community.categories });
    await expect(sidebar.getByRole("link", { name: "Automation corner" })).toBeVisible();
    await expect(sidebar).toContainText("Scripts and robots.");
    await visitor.close();
  });
});
