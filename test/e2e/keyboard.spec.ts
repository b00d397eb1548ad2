// Keyboard only: no mouse click anywhere in these journeys. Every control is reached with Tab
// (tabTo fails if it cannot be reached within MAX_TABS presses or has no visible focus) and
// used with Enter, Space, arrows and typing: search, reading an article, posting a topic and
// completing an onboarding step. The person is a member of account d, which only this spec
// and bad-input.spec.ts use (a user of its own, so the two never share a page state).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { authState, E2E_KEYBOARD_CHECKLIST } from "./fixtures";
import { waitForHydration } from "./helpers";

const MAX_TABS = 80;

/** Presses Tab until `target` has the focus; checks that the focus is visible there. */
async function tabTo(page: Page, target: Locator, what: string) {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press("Tab");
    const focused = await target
      .evaluate((el) => el === document.activeElement, undefined, { timeout: 1_000 })
      .catch(() => false);
    if (focused) {
      const outline = await target.evaluate((el) => {
        const style = getComputedStyle(el);
        return { outline: style.outlineStyle, width: style.outlineWidth, shadow: style.boxShadow };
      });
      const visible =
        (outline.outline !== "none" && outline.width !== "0px") || outline.shadow !== "none";
      expect(visible, `${what} shows where the focus is`).toBe(true);
      return;
    }
  }
  throw new Error(`${what} cannot be reached with Tab (${MAX_TABS} presses)`);
}

test.use({ storageState: authState("keyboard"), locale: "en-US" });

test("search from the header and read the article, keyboard only", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);
  // The skip link comes first and moves the focus past the header.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: en.nav.skipToContent })).toBeFocused();

  const box = page.getByRole("combobox", { name: en.nav.search });
  await tabTo(page, box, "the header search");
  await page.keyboard.type("invoices");
  await expect(page.getByRole("listbox").getByRole("option").first()).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Download invoices as PDF");
  await waitForHydration(page);

  // Reading: the reader answers "helpful", then goes on to a related article.
  const yes = page.getByRole("button", { name: en.kb.feedback.yes, exact: true });
  await tabTo(page, yes, "the 'Yes, it helped' button");
  await page.keyboard.press("Enter");
  await expect(page.getByText(en.kb.feedback.thanks)).toBeVisible();

  const related = page
    .getByRole("heading", { name: en.kb.related })
    .locator("xpath=following::a[1]");
  const relatedTitle = (await related.textContent())!.trim();
  await tabTo(page, related, "the first related article");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(relatedTitle);
});

test("post a topic, keyboard only", async ({ page }) => {
  const m = en.community.newTopic;
  const title = `Keyboard-only question about exporting boards ${Date.now()}`;
  await page.goto("/community/new");
  await waitForHydration(page);

  const category = page.getByLabel(m.category, { exact: true });
  await tabTo(page, category, "the category select");
  // A closed <select> takes arrow keys directly.
  await page.keyboard.press("ArrowDown");
  await expect(category).not.toHaveValue("");
  await tabTo(page, page.getByLabel(m.topicTitle, { exact: true }), "the title field");
  await page.keyboard.type(title);
  await tabTo(page, page.getByLabel(m.body, { exact: true }), "the details field");
  await page.keyboard.type("I pressed only keys to write this. How do I export a board as CSV?");
  await tabTo(page, page.getByRole("button", { name: m.submit }), "the Post button");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});

test("complete an onboarding step, keyboard only", async ({ page }) => {
  const m = en.onboarding;
  await page.goto("/onboarding");
  await waitForHydration(page);
  const markDone = page.getByRole("button", {
    name: m.markDoneLabel.replace("{{title}}", E2E_KEYBOARD_CHECKLIST.stepEn),
  });
  await tabTo(page, markDone, "the manual step's 'mark as done' button");
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: m.marked })).toBeVisible();
});
