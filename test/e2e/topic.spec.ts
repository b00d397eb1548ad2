// The topic page journey, keyboard only, in both languages: a customer of another account
// replies, a colleague of the asker likes the reply, the asker accepts it as the answer.
// Topics come from the seed (topics.json beside ids.json); each language has its own question.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState, E2E_IDS_FILE, type PreSignedIn } from "./fixtures";
import { BROWSER_LOCALE, expectLang, LANGS, waitForHydration, type Lang } from "./helpers";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const MESSAGES = { en: en.topic, ja: ja.topic } as const;

type TopicIds = { journey: Record<Lang, string>; showcase: string };
function topicIds(): TopicIds {
  return JSON.parse(
    readFileSync(path.join(path.dirname(E2E_IDS_FILE), "topics.json"), "utf8"),
  ) as TopicIds;
}

async function as(browser: Browser, user: PreSignedIn, lang: Lang) {
  const context = await browser.newContext({
    storageState: authState(user),
    locale: BROWSER_LOCALE[lang],
  });
  return { context, page: await context.newPage() };
}

/** Tabs from the current focus until the element has it, as a keyboard user would. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, maxTabs = 80) {
  for (let i = 0; i < maxTabs; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with the Tab key");
}

for (const lang of LANGS) {
  test(`a customer replies, another likes it, the asker accepts (${lang})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const m = MESSAGES[lang];
    const url = `/community/t/${topicIds().journey[lang]}`;
    const replyText =
      lang === "en"
        ? "Use **Export → PDF** in the chart menu."
        : "チャートのメニューから **PDF 出力** を選びます。";

    // 1. A customer of another account replies with the keyboard.
    const b = await as(browser, "memberB", lang);
    await b.page.goto(url);
    await waitForHydration(b.page);
    await expectLang(b.page, lang);
    const box = b.page.getByRole("textbox", { name: m.reply });
    await tabTo(b.page, box);
    await b.page.keyboard.type(replyText);
    await b.page.keyboard.press("Tab"); // the submit button follows the text box
    await expect(b.page.getByRole("button", { name: m.postReply })).toBeFocused();
    await b.page.keyboard.press("Enter");
    const reply = b.page.locator("#post-2");
    await expect(reply.locator("strong")).toBeVisible();
    await expect(reply).toBeFocused();
    await b.context.close();

    // 2. A colleague of the asker likes it; the button says it is pressed at once.
    const admin = await as(browser, "accountAdminA", lang);
    await admin.page.goto(url);
    await waitForHydration(admin.page);
    const like = admin.page.locator("#post-2").getByRole("button", { pressed: false }).first();
    await tabTo(admin.page, like);
    await admin.page.keyboard.press("Enter");
    const liked = admin.page.locator("#post-2").getByRole("button", { pressed: true });
    await expect(liked).toBeVisible();
    await expect(liked).toContainText("1");
    await admin.page.reload();
    await expect(
      admin.page.locator("#post-2").getByRole("button", { pressed: true }),
    ).toBeVisible();
    await admin.context.close();

    // 3. The asker accepts it; it shows right under the question.
    const asker = await as(browser, "memberA", lang);
    await asker.page.goto(url);
    await waitForHydration(asker.page);
    const accept = asker.page.locator("#post-2").getByRole("button", { name: m.accept });
    await tabTo(asker.page, accept);
    await asker.page.keyboard.press("Enter");
    const answer = asker.page.locator(".topic-accepted");
    await expect(answer.getByRole("heading", { name: m.acceptedAnswer })).toBeVisible();
    await expect(answer).toContainText(lang === "en" ? "Export → PDF" : "PDF 出力");

    const axe = await new AxeBuilder({ page: asker.page }).withTags(AXE_TAGS).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await asker.context.close();
  });
}

test("a post permalink opens the right post for visitors, and the page works without JS", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
  const page = await context.newPage();
  const id = topicIds().showcase;
  const response = await page.goto(`/community/t/${id}/p/3`);
  expect(response?.status()).toBe(200);
  expect(page.url()).toMatch(new RegExp(`/community/t/${id}#post-3$`));
  await expect(page.locator("#post-3")).toContainText("Entra ID");
  await expect(page.getByRole("heading", { name: en.topic.acceptedAnswer })).toBeVisible();
  await expect(page.getByRole("link", { name: en.topic.signInToReply })).toBeVisible();
  await context.close();
});
