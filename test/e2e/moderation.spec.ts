// Moderation journeys: a customer flags a spam reply, CS finds it in /admin/moderation and hides
// it, and the customer no longer sees it; CS suspends the spammer, who then cannot reply. The
// topic and its spam come from seed-moderation.ts (moderation.json beside ids.json).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { en } from "../../app/i18n/en";
import { ja } from "../../app/i18n/ja";
import { authState, E2E_IDS_FILE, USERS, type PreSignedIn } from "./fixtures";
import { BROWSER_LOCALE, expectLang, waitForHydration, type Lang } from "./helpers";
import { MODERATION_TOPIC, SPAM_REPLY } from "./seed-moderation";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`,
  );
}

function moderationTopic(): string {
  const file = path.join(path.dirname(E2E_IDS_FILE), "moderation.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { topic: string }).topic;
}

async function as(browser: Browser, user: PreSignedIn, lang: Lang = "en") {
  const context = await browser.newContext({
    storageState: authState(user),
    locale: BROWSER_LOCALE[lang],
  });
  const page = await context.newPage();
  return { context, page };
}

test("a customer flags a reply, CS hides it, and the customer no longer sees it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const m = en.moderation;
  const url = `/community/t/${moderationTopic()}`;

  // 1. A customer flags the spam reply (post #2) as spam, with a note.
  const customer = await as(browser, "memberB");
  await customer.page.goto(url);
  await waitForHydration(customer.page);
  const spam = customer.page.locator("#post-2");
  await expect(spam).toContainText(SPAM_REPLY);
  await spam.getByText(m.flag.open, { exact: true }).click();
  // The form opens with the focus on the first reason.
  await expect(spam.getByRole("radio", { name: m.reasons.spam })).toBeFocused();
  expect(await axeViolations(customer.page)).toEqual([]);
  await spam.getByRole("radio", { name: m.reasons.spam }).check();
  await spam.getByRole("textbox", { name: m.flag.note }).fill("Advertises license keys");
  await spam.getByRole("button", { name: m.flag.submit }).click();
  await expect(spam.getByRole("status").filter({ hasText: m.flag.thanks })).toBeVisible();
  // Other people's posts still offer the flag.
  await expect(
    customer.page.locator("#post-1").getByText(m.flag.open, { exact: true }),
  ).toBeVisible();

  // 2. CS sees it in the Flagged queue (in Japanese) and hides it.
  const cs = await as(browser, "cs", "ja");
  await cs.page.goto("/admin/moderation");
  await waitForHydration(cs.page);
  await expectLang(cs.page, "ja");
  await expect(cs.page.getByRole("heading", { level: 2, name: ja.moderation.title })).toBeVisible();
  const item = cs.page.getByRole("article").filter({ hasText: SPAM_REPLY });
  await expect(item).toContainText(MODERATION_TOPIC);
  await expect(item).toContainText(`${ja.moderation.reasons.spam} × 1`);
  await expect(item).toContainText("Advertises license keys");
  await item.getByRole("textbox", { name: ja.moderation.fields.reasonOptional }).fill("宣伝");
  await item.getByRole("button", { name: ja.moderation.actions.uphold }).click();
  await expect(
    cs.page.getByRole("status").filter({ hasText: ja.moderation.done.uphold }),
  ).toBeVisible();
  await expect(cs.page.getByRole("article").filter({ hasText: SPAM_REPLY })).toHaveCount(0);

  // The audit log names the moderator and the reason.
  await cs.page.goto("/admin/moderation/audit");
  const row = cs.page.getByRole("row").filter({ hasText: ja.moderation.audit.actions.post_hidden });
  await expect(row.first()).toContainText(USERS.cs.name);
  await expect(row.first()).toContainText("宣伝");

  // 3. The customer reloads: the reply is gone.
  await customer.page.reload();
  await waitForHydration(customer.page);
  await expect(customer.page.getByText(SPAM_REPLY)).toHaveCount(0);
  await expect(customer.page.locator("#post-3")).toBeVisible();

  await customer.context.close();
  await cs.context.close();
});

test("CS suspends a user, who then cannot reply", async ({ browser }) => {
  test.setTimeout(90_000);
  const m = en.moderation;
  const cs = await as(browser, "cs");
  await cs.page.goto("/admin/moderation/suspended");
  await waitForHydration(cs.page);
  const form = cs.page.getByRole("region", { name: m.suspendForm.title });
  // Bad input first: an empty reason is refused with a message, and nothing changes.
  await form.getByRole("textbox", { name: m.fields.email }).fill(USERS.moderated.email);
  await form.getByRole("textbox", { name: m.fields.suspendReason }).fill(" ");
  await form.getByRole("button", { name: m.actions.suspendUser }).click();
  await expect(form.getByRole("alert")).toHaveText(m.errors.reasonRequired);
  await form.getByRole("textbox", { name: m.fields.suspendReason }).fill("Spam links in replies");
  await form.getByRole("button", { name: m.actions.suspendUser }).click();
  await expect(form.getByRole("status")).toHaveText(m.done.suspend);
  const table = cs.page.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: USERS.moderated.name })).toContainText(
    "Spam links in replies",
  );

  const spammer = await as(browser, "moderated");
  await spammer.page.goto(`/community/t/${moderationTopic()}`);
  await waitForHydration(spammer.page);
  await expect(spammer.page.getByText(en.topic.suspended)).toBeVisible();
  await expect(spammer.page.getByRole("textbox", { name: en.topic.reply })).toHaveCount(0);
  // Nor can they flag.
  await expect(spammer.page.getByText(m.flag.open, { exact: true })).toHaveCount(0);

  await cs.context.close();
  await spammer.context.close();
});
