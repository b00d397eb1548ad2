// Trust and reputation as people meet them: a new user's first reply waits for review (they see
// it with a notice, another customer does not), and a profile shows reputation and badges, with a
// link to it from the author's @handle on the topic page. Screenshots of the profile go to
// /tmp/shots-reputation/ for a human look.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState, E2E_IDS_FILE, type PreSignedIn } from "./fixtures";
import { BROWSER_LOCALE, expectLang, LANGS, waitForHydration, type Lang } from "./helpers";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const MESSAGES = { en, ja } as const;
const SHOTS = "/tmp/shots-reputation";

type TopicIds = { showcase: string; heldReplies: string };
function topicIds(): TopicIds {
  return JSON.parse(
    readFileSync(path.join(path.dirname(E2E_IDS_FILE), "topics.json"), "utf8"),
  ) as TopicIds;
}

async function as(browser: Browser, user: PreSignedIn | null, lang: Lang) {
  const context = await browser.newContext({
    ...(user ? { storageState: authState(user) } : {}),
    locale: BROWSER_LOCALE[lang],
  });
  return { context, page: await context.newPage() };
}

for (const lang of LANGS) {
  test(`a new user's first reply awaits review and others do not see it (${lang})`, async ({
    browser,
  }) => {
    const m = MESSAGES[lang];
    const url = `/community/t/${topicIds().heldReplies}`;
    const text =
      lang === "en"
        ? "We use a scheduled export every Monday."
        : "毎週月曜日にスケジュール出力を使っています。";

    const newcomer = await as(browser, "newcomer", lang);
    await newcomer.page.goto(url);
    await waitForHydration(newcomer.page);
    await expectLang(newcomer.page, lang);
    // The form says beforehand that a moderator looks first.
    await expect(newcomer.page.locator("#reply")).toContainText(m.reputation.heldHint);
    await newcomer.page.locator("#reply").screenshot({ path: `${SHOTS}/reply-form-${lang}.png` });
    await newcomer.page.getByRole("textbox", { name: m.topic.reply }).fill(text);
    await newcomer.page.getByRole("button", { name: m.topic.postReply }).click();
    const mine = newcomer.page.locator("article", { hasText: text });
    await expect(mine).toBeVisible();
    await expect(mine.getByText(m.topic.pendingPost)).toBeVisible();
    await expect(mine).toBeFocused();
    await mine.screenshot({ path: `${SHOTS}/held-reply-${lang}.png` });
    await newcomer.page.setViewportSize({ width: 360, height: 740 });
    await newcomer.page.screenshot({ path: `${SHOTS}/held-reply-${lang}-360.png` });
    await newcomer.context.close();

    const other = await as(browser, "memberB", lang);
    await other.page.goto(url);
    await expect(other.page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(other.page.getByText(text)).toHaveCount(0);
    await other.context.close();
  });

  test(`the profile shows reputation and badges, linked from the topic page (${lang})`, async ({
    browser,
  }) => {
    const m = MESSAGES[lang];
    const { page, context } = await as(browser, "memberA", lang);
    await page.goto(`/community/t/${topicIds().showcase}`);
    await page.getByRole("link", { name: "@ren", exact: true }).first().click();
    await expect(page).toHaveURL(/\/community\/u\/ren$/);
    await expectLang(page, lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ren Account-Admin");
    // Ren allowed the company name; one like received = 2 points.
    await expect(page.getByRole("main").getByText("Sakura Logistics (E2E A)")).toBeVisible();
    await expect(page.getByTestId("profile-reputation")).toHaveText(
      m.reputation.points.replace("{{count}}", "2"),
    );
    const badges = page.getByRole("region", { name: m.reputation.badgesTitle });
    await expect(
      badges.getByText(m.reputation.badges.first_post.name, { exact: true }),
    ).toBeVisible();
    await expect(
      badges.getByText(m.reputation.badges.first_like.name, { exact: true }),
    ).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/profile-${lang}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${SHOTS}/profile-${lang}-360.png`, fullPage: true });
    await context.close();
  });

  test(`settings offer the company-name toggle (${lang})`, async ({ browser }) => {
    const m = MESSAGES[lang];
    const { page, context } = await as(browser, "memberA", lang);
    await page.goto("/settings");
    await waitForHydration(page);
    const toggle = page.getByRole("checkbox", { name: m.reputation.settings.showAccountName });
    await expect(toggle).not.toBeChecked();
    await page
      .getByRole("region", { name: m.reputation.settings.title })
      .screenshot({ path: `${SHOTS}/settings-${lang}.png` });
    await context.close();
  });

  test(`unknown profiles answer 404 (${lang})`, async ({ browser }) => {
    const { page, context } = await as(browser, null, lang);
    const response = await page.goto("/community/u/no_such_person");
    expect(response?.status()).toBe(404);
    await context.close();
  });
}
