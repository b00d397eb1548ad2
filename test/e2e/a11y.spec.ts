// axe (WCAG 2.2 AA rule set) on the main pages in both languages, and no sideways scrolling on
// a 360 px wide phone.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { authState, e2eIds } from "./fixtures";
import { BROWSER_LOCALE, expectLang, LANGS, open, TEXT, waitForForm } from "./helpers";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PHONE = { width: 360, height: 740 };

/** The rules whose outcome depends on the viewport; the full set runs once, at desktop width. */
const NARROW_LAYOUT_RULES = ["scrollable-region-focusable", "target-size", "meta-viewport"];

async function axeViolations(page: Page, rules?: string[]) {
  const axe = new AxeBuilder({ page });
  const results = await (rules ? axe.withRules(rules) : axe.withTags(AXE_TAGS)).analyze();
  // One readable line per problem, so a failure says what and where without a trace viewer.
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(" "))
        .join(" | ")}`,
  );
}

async function expectAccessible(page: Page, path: string, expectedStatus = 200) {
  await page.setViewportSize({ width: 1280, height: 800 });
  const response = await open(page, path);
  expect(response?.status(), path).toBe(expectedStatus);
  expect(await axeViolations(page), `axe on ${path}`).toEqual([]);

  await page.setViewportSize(PHONE);
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth, `${path} scrolls sideways at ${PHONE.width} px`).toBeLessThanOrEqual(
    PHONE.width,
  );
  // The narrow layout is a layout of its own: tables scroll in their box, menus wrap.
  expect(
    await axeViolations(page, NARROW_LAYOUT_RULES),
    `axe on ${path} at ${PHONE.width} px`,
  ).toEqual([]);
}

for (const lang of LANGS) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale: BROWSER_LOCALE[lang] });

    test.describe("anonymous", () => {
      for (const path of ["/", "/login", "/kb"]) {
        test(`${path} has no axe violations and fits 360 px`, async ({ page }) => {
          await expectAccessible(page, path);
        });
      }

      test("a community profile has no axe violations and fits 360 px", async ({ page }) => {
        // Ren (accountAdminA) has a reply in the seeded showcase topic.
        await expectAccessible(page, "/community/u/ren");
      });

      test("the unsubscribe page (a bad link) has no axe violations and fits 360 px", async ({
        page,
      }) => {
        await expectAccessible(page, "/unsubscribe/not-a-token", 400);
      });

      test("the 404 page has no axe violations and fits 360 px", async ({ page }) => {
        await expectAccessible(page, "/no/such/page", 404);
      });

      test("the login form showing field and form errors has no axe violations", async ({
        page,
      }) => {
        const t = TEXT[lang];
        await page.goto("/login");
        await waitForForm(page);
        await page.getByLabel(t.email, { exact: true }).fill("not-an-e-mail");
        await page.getByLabel(t.password, { exact: true }).fill("x");
        await page.getByRole("button", { name: t.signIn, exact: true }).click();
        await expect(page.getByText(t.invalidEmail)).toBeVisible();
        expect(await axeViolations(page), "field error").toEqual([]);

        await page.getByLabel(t.email, { exact: true }).fill("nobody@example.test");
        await page.getByRole("button", { name: t.signIn, exact: true }).click();
        await expect(page.getByRole("alert")).toHaveText(t.invalidLogin);
        expect(await axeViolations(page), "form error").toEqual([]);
      });
    });

    test.describe("signed in", () => {
      test.use({ storageState: authState("memberA") });

      for (const path of ["/", "/settings", "/settings/data", "/help/chat"]) {
        test(`${path} has no axe violations and fits 360 px`, async ({ page }) => {
          await expectAccessible(page, path);
          await expectLang(page, lang);
        });
      }
    });

    test.describe("a notified member", () => {
      test.use({ storageState: authState("notifiedJa") });

      for (const path of ["/notifications", "/newsletters", "newsletter"]) {
        test(`${path} has no axe violations and fits 360 px`, async ({ page }) => {
          await expectAccessible(
            page,
            path === "newsletter" ? `/newsletters/${e2eIds().newsletterId}` : path,
          );
        });
      }
    });

    test.describe("an account admin", () => {
      // The account admin's page has the most on it: the members table and the invitation form.
      test.use({ storageState: authState("accountAdminA") });

      test("the own account page has no axe violations and fits 360 px", async ({ page }) => {
        await expectAccessible(page, `/accounts/${e2eIds().accounts.a}`);
      });
    });

    test.describe("staff", () => {
      test.use({ storageState: authState("cs") });

      test("an account in the CS console has no axe violations and fits 360 px", async ({
        page,
      }) => {
        await expectAccessible(page, `/admin/accounts/${e2eIds().accounts.a}`);
      });

      test("the health console (dashboard, accounts, alerts) has no axe violations and fits 360 px", async ({
        page,
      }) => {
        for (const path of ["/admin", "/admin/accounts?sort=score", "/admin/alerts?status=all"]) {
          await expectAccessible(page, path);
        }
      });

      test("the account data pages (import, history, retention) have no axe violations and fit 360 px", async ({
        page,
      }) => {
        await expectAccessible(page, "/admin/accounts/import");
        await expectAccessible(page, `/admin/accounts/${e2eIds().accounts.a}/data`);
        await expectAccessible(page, "/admin/settings/data");
      });

      for (const path of [
        "/admin/insights/answer-bot",
        "/admin/moderation",
        "/admin/moderation/pending",
        "/admin/moderation/hidden",
        "/admin/moderation/suspended",
        "/admin/moderation/audit",
      ]) {
        test(`${path} has no axe violations and fits 360 px`, async ({ page }) => {
          await expectAccessible(page, path);
        });
      }
      test("the checklist console (list, editor, funnel) has no axe violations and fits 360 px", async ({
        page,
      }) => {
        const id = e2eIds().checklist!.templateId;
        for (const path of [
          "/admin/checklists",
          `/admin/checklists/${id}`,
          `/admin/checklists/${id}/funnel`,
        ]) {
          await expectAccessible(page, path);
        }
      });
    });

    test.describe("onboarding", () => {
      // The account admin of account c: a checklist with every kind of step and the team table.
      test.use({ storageState: authState("onboardingAdmin") });

      test("/onboarding and the home widget have no axe violations and fit 360 px", async ({
        page,
      }) => {
        await expectAccessible(page, "/onboarding");
        await expectAccessible(page, "/");
      });
    });

    test.describe("an admin", () => {
      // The admin's view has the forms (key creation, event types) that CS only reads.
      test.use({ storageState: authState("admin") });

      test("/admin/integrations has no axe violations and fits 360 px", async ({ page }) => {
        await expectAccessible(page, "/admin/integrations");
      });

      test("/admin/integrations/webhooks has no axe violations and fits 360 px", async ({
        page,
      }) => {
        await expectAccessible(page, "/admin/integrations/webhooks");
      });

      test("/admin/health has no axe violations and fits 360 px", async ({ page }) => {
        await expectAccessible(page, "/admin/health");
      });
      for (const [name, path] of [
        ["the outbox", () => "/admin/outbox"],
        ["the newsletter list", () => "/admin/newsletters"],
        ["the newsletter editor", () => "/admin/newsletters/new"],
        ["a sent newsletter", () => `/admin/newsletters/${e2eIds().newsletterId}`],
      ] as const) {
        test(`${name} has no axe violations and fits 360 px`, async ({ page }) => {
          await expectAccessible(page, path());
        });
      }
    });
  });
}
