// The knowledge-base journey across three people: a CS member writes a draft and sends it for
// review, an admin (a different staff member) approves it, and a customer finds it in the help
// center and votes it helpful. The e2e database has no content, so the journey makes its own
// category through the taxonomy page.
import { expect, test, type Browser } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { authState, type PreSignedIn } from "./fixtures";
import { open, waitForForm } from "./helpers";

const m = en.contentAdmin;

async function as(browser: Browser, user: PreSignedIn) {
  const context = await browser.newContext({ storageState: authState(user), locale: "en-US" });
  return { context, page: await context.newPage() };
}

test("CS writes, another staff member approves, a customer finds the article and votes", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const categorySlug = `journey-${run}`;
  const categoryName = `Journey ${run}`;
  const slug = `export-reports-${run}`;
  const title = `Export reports as CSV (${run})`;

  // 1. CS: a category, then the draft.
  const cs = await as(browser, "cs");
  await open(cs.page, "/admin/content/taxonomy");
  await waitForForm(cs.page);
  const newCategory = cs.page.locator("form#category-new");
  await newCategory.getByLabel(m.categorySlug, { exact: true }).fill(categorySlug);
  await newCategory.getByLabel(m.nameJa, { exact: true }).fill(`ジャーニー ${run}`);
  await newCategory.getByLabel(m.nameEn, { exact: true }).fill(categoryName);
  await newCategory.getByRole("button", { name: m.createCategory }).click();
  await expect(cs.page.getByText(m.categoryCreated)).toBeVisible();

  await open(cs.page, "/admin/content/new");
  await waitForForm(cs.page);
  const editor = cs.page.locator("form.article-form");
  await editor.getByLabel(m.fields.title, { exact: true }).fill(title);
  await editor.getByLabel(m.fields.slug, { exact: true }).fill(slug);
  await editor.getByLabel(m.fields.locale, { exact: true }).selectOption("en");
  await editor.getByLabel(m.fields.category, { exact: true }).selectOption({ label: categoryName });
  await editor
    .getByLabel(m.fields.summary, { exact: true })
    .fill("Download any report as a CSV file.");
  const body = editor.getByLabel(m.fields.body, { exact: true });
  await body.fill("## Steps\n\n1. Open the report.\n2. Choose **Export → CSV**.");
  // The live preview renders the Markdown as the author types.
  await expect(cs.page.locator(".editor-preview strong")).toHaveText("Export → CSV");
  await cs.page.getByRole("button", { name: m.saveDraft }).click();
  await expect(cs.page.getByText(m.created)).toBeVisible();
  const editorUrl = cs.page.url().replace(/\?.*$/, "");

  await cs.page.getByRole("button", { name: m.actions.submit }).click();
  await expect(cs.page.getByText(m.actionDone.submit)).toBeVisible();
  await expect(cs.page.locator(".content-status-in_review").first()).toBeVisible();
  // The author cannot approve their own revision.
  await cs.page.getByRole("button", { name: m.actions.approve }).click();
  await expect(cs.page.getByText(m.errors.ownRevision)).toBeVisible();
  await cs.context.close();

  // 2. Admin: approves.
  const admin = await as(browser, "admin");
  await open(admin.page, editorUrl);
  await admin.page.getByRole("button", { name: m.actions.approve }).click();
  await expect(admin.page.getByText(m.actionDone.approve)).toBeVisible();
  await expect(admin.page.locator(".content-status-published").first()).toBeVisible();
  await admin.context.close();

  // 3. Customer: finds it in its category and votes.
  const member = await as(browser, "memberA");
  await open(member.page, "/kb");
  await member.page.getByRole("link", { name: categoryName }).first().click();
  await member.page.getByRole("link", { name: title }).first().click();
  await expect(member.page.getByRole("heading", { level: 1 })).toHaveText(title);
  const yes = member.page.getByRole("button", { name: en.kb.feedback.yes, exact: true });
  await yes.click();
  await expect(member.page.getByText(en.kb.feedback.thanks)).toBeVisible();
  await expect(yes).toHaveAttribute("aria-pressed", "true");
  await member.context.close();
});
