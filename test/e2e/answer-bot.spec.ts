// The answer bot as a customer uses it: the widget on a help-center page, a Japanese question
// answered with the passage and its link, "No" → the support form prefilled with the transcript;
// the same journey with the keyboard only; Esc; axe on the open panel; screenshots (E2E_SCREENSHOTS=1).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState, E2E_ANSWER_BOT as BOT } from "./fixtures";
import { open, waitForForm } from "./helpers";

const SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1";
const PHONE = { width: 360, height: 740 };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function shot(page: Page, name: string) {
  if (SCREENSHOTS) await page.screenshot({ path: `screenshots/answer-bot-${name}.png` });
}

test.describe("in Japanese", () => {
  test.use({ storageState: authState("memberA"), locale: "ja-JP" });
  const t = ja.answerBot;

  test("asks in Japanese, gets the passage and its link, answers no, lands on the prefilled support form", async ({
    page,
  }) => {
    await open(page, "/kb");
    await page.getByRole("button", { name: t.open }).click();
    const panel = page.getByRole("dialog", { name: t.panelLabel });
    await expect(panel).toBeVisible();
    await panel.getByLabel(t.inputLabel).fill(BOT.questionJa);
    await panel.getByRole("button", { name: t.send }).click();

    const log = panel.getByRole("log");
    await expect(log).toContainText(BOT.quoteJa);
    await expect(log).toContainText(t.reply.intro);
    const source = log.getByRole("link", { name: `${BOT.titleJa} › ${BOT.headingJa}` });
    await expect(source).toHaveAttribute(
      "href",
      `/kb/${BOT.slugJa}#${encodeURIComponent(BOT.headingIdJa)}`,
    );
    await shot(page, "widget-ja");
    expect(
      (await new AxeBuilder({ page }).include("#answer-bot-panel").withTags(AXE_TAGS).analyze())
        .violations,
    ).toEqual([]);

    await panel.getByRole("button", { name: t.no }).click();
    await expect(log).toContainText(t.notSolved);
    await expect(log.getByRole("link", { name: t.askCommunity })).toHaveAttribute(
      "href",
      /^\/community\/new\?title=/,
    );
    await log.getByRole("link", { name: t.contactSupport }).click();

    await expect(page).toHaveURL(/\/support\/new\?chat=/);
    await waitForForm(page);
    await expect(page.getByLabel(ja.kb.support.subject, { exact: true })).toHaveValue(
      BOT.questionJa,
    );
    const attached = page.locator("details.chat-attached");
    await expect(attached).toContainText(t.support.attached);
    await attached.locator("summary").click();
    await expect(attached).toContainText(BOT.quoteJa);
    await shot(page, "support-ja");
    await page.getByRole("button", { name: ja.kb.support.send }).click();
    await expect(page.getByText(ja.kb.support.sentTitle)).toBeVisible();
  });

  test("the full page works at 360 px", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await open(page, "/help/chat");
    await page.getByLabel(t.inputLabel).fill("こんにちは");
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByRole("log")).toContainText(t.reply.greeting);
    const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "page-ja-360");
  });
});

test.describe("in English, keyboard only", () => {
  test.use({ storageState: authState("memberB"), locale: "en-US" });
  const t = en.answerBot;

  test("opens the widget, asks, says no and reaches support without a mouse; Esc closes", async ({
    page,
  }) => {
    await open(page, "/kb");
    const launcher = page.getByRole("button", { name: t.open });
    // Tab through the page until the launcher has focus.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (await launcher.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(launcher).toBeFocused();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("dialog", { name: t.panelLabel });
    const input = panel.getByLabel(t.inputLabel);
    await expect(input).toBeFocused();
    await page.keyboard.type(BOT.questionEn);
    await page.keyboard.press("Enter");
    const log = panel.getByRole("log");
    await expect(log).toContainText(BOT.quoteEn);
    await expect(
      log.getByRole("link", { name: `${BOT.titleEn} › ${BOT.headingEn}` }),
    ).toBeVisible();
    await expect(input).toBeFocused();
    await shot(page, "widget-en");

    // Back from the input to "No", then Enter: focus moves to the offer of help.
    await page.keyboard.press("Shift+Tab");
    await expect(panel.getByRole("button", { name: t.no })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(log).toContainText(t.notSolved);
    await page.keyboard.press("Tab");
    await expect(log.getByRole("link", { name: t.askCommunity })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(log.getByRole("link", { name: t.contactSupport })).toBeFocused();

    // Esc closes the panel and focus returns to the button.
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(page.getByRole("button", { name: t.open })).toBeFocused();

    // Reopened, the conversation of this tab is still there; its support link works by keyboard.
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: t.panelLabel }).getByRole("log")).toContainText(
      BOT.quoteEn,
    );
    await page
      .getByRole("dialog", { name: t.panelLabel })
      .getByRole("link", { name: t.contactSupport })
      .focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/support\/new\?chat=/);
    await waitForForm(page);
    await expect(page.getByLabel(en.kb.support.subject, { exact: true })).toHaveValue(
      BOT.questionEn,
    );
  });

  test("the widget at 360 px fits the screen", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await open(page, "/kb");
    await page.getByRole("button", { name: t.open }).click();
    const panel = page.getByRole("dialog", { name: t.panelLabel });
    await panel.getByLabel(t.inputLabel).fill("Thanks!");
    await page.keyboard.press("Enter");
    await expect(panel.getByRole("log")).toContainText(t.reply.thanks);
    const box = await panel.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "widget-en-360");
  });
});
