// The onboarding journey: a new member signs in, finds the checklist from the home page, opens
// the linked tutorial (which completes the step by itself), ticks a manual step, and the account
// admin sees that member's progress. Then CS sees the account in the funnel.
import { expect, test } from "@playwright/test";
import { en } from "../../app/i18n/en";
import { authState, E2E_CHECKLIST, USERS } from "./fixtures";
import { open, signInWithForm, waitForHydration } from "./helpers";

const m = en.onboarding;
const progress = (done: number, total: number) =>
  m.progress.replace("{{done}}", String(done)).replace("{{total}}", String(total));

test("a new member works through the checklist and the account admin sees it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const member = await browser.newContext({ locale: "en-US" });
  const page = await member.newPage();
  await signInWithForm(page, "en", USERS.onboardingMember.email);
  await expect(page).toHaveURL(/\/$/);
  await waitForHydration(page);

  // The home page's widget leads to the checklist.
  const widget = page.getByRole("region", { name: new RegExp(m.widgetTitle) });
  await expect(widget.getByText(progress(0, 3))).toBeVisible();
  await widget.getByRole("link", { name: m.widgetContinue }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: E2E_CHECKLIST.titleEn, level: 2 })).toBeVisible();
  const readStep = page.getByRole("listitem").filter({ hasText: E2E_CHECKLIST.readStepEn });
  await expect(readStep.getByText(m.statuses.open, { exact: true })).toBeVisible();

  // One click to the tutorial; reading it completes the step.
  await readStep
    .getByRole("link", { name: m.openArticle.replace("{{title}}", E2E_CHECKLIST.tutorialTitle) })
    .click();
  await expect(
    page.getByRole("heading", { name: E2E_CHECKLIST.tutorialTitle, level: 1 }),
  ).toBeVisible();
  await open(page, "/onboarding");
  await expect(readStep.getByText(m.statuses.done, { exact: true })).toBeVisible();
  await expect(page.getByText(progress(1, 3))).toBeVisible();

  // A manual step is ticked by hand.
  await page
    .getByRole("button", { name: m.markDoneLabel.replace("{{title}}", E2E_CHECKLIST.manualStepEn) })
    .click();
  await expect(page.getByRole("status").filter({ hasText: m.marked })).toBeVisible();
  await expect(page.getByText(progress(2, 3))).toBeVisible();
  await member.close();

  // The account admin sees the member's progress on the per-user steps.
  const admin = await browser.newContext({
    storageState: authState("onboardingAdmin"),
    locale: "en-US",
  });
  const adminPage = await admin.newPage();
  await open(adminPage, "/onboarding");
  const team = adminPage.getByRole("region", { name: new RegExp(m.team) });
  const row = team.getByRole("row", { name: new RegExp(USERS.onboardingMember.name) });
  await expect(
    row.getByText(m.memberDone.replace("{{done}}", "2").replace("{{total}}", "2")),
  ).toBeVisible();
  await admin.close();

  // CS sees the account reach the first step in the funnel.
  const cs = await browser.newContext({ storageState: authState("cs"), locale: "en-US" });
  const csPage = await cs.newPage();
  await open(csPage, "/admin/checklists");
  await csPage.getByRole("link", { name: E2E_CHECKLIST.titleEn }).click();
  await waitForHydration(csPage);
  await csPage.getByRole("link", { name: en.onboarding.admin.funnel }).click();
  await expect(csPage).toHaveURL(/\/funnel$/, { timeout: 30_000 });
  await expect(
    csPage.getByRole("heading", { name: new RegExp(m.funnel.title), level: 2 }),
  ).toBeVisible();
  const firstStep = csPage.getByRole("row", { name: new RegExp(E2E_CHECKLIST.readStepEn) });
  await expect(firstStep.getByRole("cell").first()).toHaveText("1");
  await cs.close();
});
