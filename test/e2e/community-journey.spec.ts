// The community journey end to end: a customer asks, sees a similar solved topic suggested, posts
// anyway; a customer of another account answers; the asker accepts the answer; CS turns the
// solved topic into a knowledge-base draft that links back to it.
import { expect, test, type Browser } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { authState, type PreSignedIn } from "./fixtures";
import { BROWSER_LOCALE, waitForForm, waitForHydration } from "./helpers";

/** A solved topic of the e2e seed (test/e2e/seed.ts), spelled out on purpose. */
const SOLVED_TOPIC = "Which SSO providers are supported?";

async function as(browser: Browser, user: PreSignedIn) {
  const context = await browser.newContext({
    storageState: authState(user),
    locale: BROWSER_LOCALE.en,
  });
  return { context, page: await context.newPage() };
}

test("ask → similar topic suggested → post anyway → answered → accepted → KB draft", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const m = en.community;
  const title = `Which SSO providers work with SCIM provisioning ${Date.now().toString(36)}?`;
  const answerText = "Okta and Entra ID both support **SCIM 2.0** provisioning.";

  // 1. The asker types a title; a similar solved topic is suggested before posting.
  const asker = await as(browser, "memberA");
  await asker.page.goto("/community/new");
  await waitForForm(asker.page);
  await asker.page.getByLabel(m.newTopic.topicTitle, { exact: true }).fill("Which SSO providers");
  const suggestions = asker.page.getByRole("complementary", { name: en.search.deflection.title });
  await expect(suggestions.getByRole("link", { name: SOLVED_TOPIC })).toBeVisible();

  // 2. It does not answer the question, so the asker posts anyway.
  await asker.page.getByLabel(m.newTopic.category, { exact: true }).selectOption({ index: 1 });
  await asker.page.getByLabel(m.newTopic.topicTitle, { exact: true }).fill(title);
  await asker.page
    .getByLabel(m.newTopic.body, { exact: true })
    .fill("We provision users from our identity provider. Which ones support SCIM?");
  await asker.page.getByRole("button", { name: m.newTopic.submit }).click();
  await expect(asker.page).toHaveURL(/\/community\/t\/[^/]+$/);
  await expect(asker.page.getByRole("heading", { level: 1 })).toHaveText(title);
  const topicUrl = new URL(asker.page.url()).pathname;

  // 3. A customer of another account answers.
  const helper = await as(browser, "memberB");
  await helper.page.goto(topicUrl);
  await waitForHydration(helper.page);
  await helper.page.getByRole("textbox", { name: en.topic.reply }).fill(answerText);
  await helper.page.getByRole("button", { name: en.topic.postReply }).click();
  await expect(helper.page.locator("#post-2")).toContainText("SCIM 2.0");
  await helper.context.close();

  // 4. The asker accepts it; it shows under the question.
  await asker.page.reload();
  await waitForHydration(asker.page);
  await asker.page.locator("#post-2").getByRole("button", { name: en.topic.accept }).click();
  const accepted = asker.page.locator(".topic-accepted");
  await expect(accepted).toContainText("SCIM 2.0");
  // Customers never see the staff-only conversion.
  await expect(asker.page.getByRole("button", { name: en.knowledge.convert })).toHaveCount(0);
  await asker.context.close();

  // 5. CS turns the solved topic into a KB draft in one click and lands in the editor.
  const cs = await as(browser, "cs");
  await cs.page.goto(topicUrl);
  await waitForHydration(cs.page);
  await cs.page.getByRole("button", { name: en.knowledge.convert }).click();
  await expect(cs.page).toHaveURL(/\/admin\/content\/[^/]+$/);
  await expect(
    cs.page.getByRole("link", { name: en.knowledge.madeFrom.replace("{{title}}", title) }),
  ).toHaveAttribute("href", topicUrl);
  await expect(cs.page.getByLabel(en.contentAdmin.fields.title, { exact: true })).toHaveValue(
    title,
  );
  await expect(cs.page.getByLabel(en.contentAdmin.fields.body, { exact: true })).toHaveValue(
    /SCIM 2\.0/,
  );

  // Back on the topic, the draft is linked instead of a second conversion.
  await cs.page.goto(topicUrl);
  await expect(cs.page.getByRole("link", { name: en.knowledge.openDraft })).toBeVisible();
  await expect(cs.page.getByRole("button", { name: en.knowledge.convert })).toHaveCount(0);
  await cs.context.close();
});
