// axe-core (WCAG 2.0/2.1/2.2 A and AA) on EVERY page route Remix knows, in Japanese and in
// English, as the people who may open it: signed out, a member and an account admin for
// customer pages, CS for the console. Routes are discovered (test/support/routes.ts); a route
// with params gets them from PARAMS or, failing that, from the first matching link on the page
// above it, and a page route that cannot be reached fails with its pattern. a11y.spec.ts keeps
// the deeper checks (360 px layout, form error states) for the main pages.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { discoverRoutes, fillPattern } from "../support/routes";
import { authState, BASE_URL, E2E_CHECKLIST, e2eIds, type PreSignedIn } from "./fixtures";
import { BROWSER_LOCALE, LANGS, waitForHydration } from "./helpers";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Not pages: JSON, redirects and form endpoints. Checked by the authorization walk instead. */
const NOT_PAGES = new Set([
  "/*",
  "/api/deflection",
  "/api/search",
  "/api/search/click",
  "/api/v1/events",
  "/healthz",
  "/locale",
  "/logout",
  "/admin/content/preview",
  "/announcements/:id/dismiss",
  "/community/t/:id/p/:n",
  "/admin/accounts/export.csv",
  "/api/chat",
  "/api/v1/accounts",
  "/api/v1/accounts/:externalId",
  "/api/v1/accounts/:externalId/health",
  "/api/v1/accounts/:externalId/users/:email",
  "/newsletters/:id/l/:n",
  "/notifications/:id",
  "/settings/data/export",
]);

/** Pages whose params the e2e fixtures know; others are found through links. */
const PARAMS: Record<string, () => Record<string, string>> = {
  "/accounts/:id": () => ({ id: e2eIds().accounts.a }),
  "/admin/accounts/:id": () => ({ id: e2eIds().accounts.a }),
  "/admin/checklists/:id": () => ({ id: e2eIds().checklist!.templateId }),
  "/admin/checklists/:id/funnel": () => ({ id: e2eIds().checklist!.templateId }),
  "/kb/:slug": () => ({ slug: E2E_CHECKLIST.tutorialSlug }),
  "/community/u/:handle": () => ({ handle: "ren" }),
  // A made-up token: the page that says the link no longer works is what most people see.
  "/invite/:token": () => ({ token: "no-such-invitation" }),
  "/reset-password/:token": () => ({ token: "no-such-reset-link" }),
  "/unsubscribe/:token": () => ({ token: "forged-unsubscribe-link" }),
  "/newsletters/:id": () => ({ id: e2eIds().newsletterId! }),
  // No import, webhook or announcement in the shared e2e data at this point: the not-found page.
  "/admin/accounts/import/:id": () => ({ id: "no-such-import" }),
  "/admin/integrations/webhooks/:id": () => ({ id: "no-such-webhook" }),
  "/admin/announcements/:id": () => ({ id: "no-such-announcement" }),
};

/** Expected non-200 answers of pages opened with made-up params. */
const EXPECTED_STATUS: Record<string, number> = {
  "/invite/:token": 404,
  "/reset-password/:token": 410,
  "/unsubscribe/:token": 400,
  "/admin/accounts/import/:id": 404,
  "/admin/integrations/webhooks/:id": 404,
  "/admin/announcements/:id": 404,
};

type Viewer = { key: string; state?: PreSignedIn };
const ANON: Viewer = { key: "signed out" };
const MEMBER: Viewer = { key: "member", state: "memberA" };
const ACCOUNT_ADMIN: Viewer = { key: "account admin", state: "accountAdminA" };
const CS: Viewer = { key: "cs", state: "cs" };
const ADMIN: Viewer = { key: "admin", state: "admin" };

function viewersFor(pattern: string): Viewer[] {
  // The e-mail outbox holds every address: admins only.
  if (pattern === "/admin/outbox") return [ADMIN];
  if (pattern.startsWith("/admin/integrations") || pattern.startsWith("/admin/settings")) {
    return [CS, ADMIN];
  }
  if (pattern.startsWith("/admin")) return [CS];
  if (
    ["/login", "/forgot-password", "/invite/:token", "/reset-password/:token"].includes(pattern)
  ) {
    return [ANON];
  }
  if (
    ["/settings", "/onboarding", "/community/new", "/support/new", "/accounts/:id"].includes(
      pattern,
    )
  ) {
    return [MEMBER, ACCOUNT_ADMIN];
  }
  return [ANON, MEMBER];
}

/**
 * Params from the first matching link on the page above the pattern (/admin/content for
 * /admin/content/:id). A deeper pattern (/admin/content/:id/history) borrows the params of the
 * pattern ending at its last param. A link to a static sibling (/admin/content/new) is no id.
 */
async function paramsFromLinks(
  page: Page,
  pattern: string,
): Promise<Record<string, string> | null> {
  const base = /^(.*\/:\w+)(\/[^:]*)?$/.exec(pattern)?.[1] ?? pattern;
  const regex = new RegExp(`^${base.replace(/:(\w+)/g, "(?<$1>[^/?#]+)")}$`);
  const staticPaths = new Set(allRoutes.filter((r) => !r.params.length).map((r) => r.pattern));
  const parent = base.slice(0, base.indexOf("/:")) || "/";
  for (const start of [parent, "/", "/community", "/kb"]) {
    await page.goto(start);
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")!));
    for (const href of hrefs) {
      const pathname = new URL(href, BASE_URL).pathname;
      const match = regex.exec(pathname);
      if (match?.groups && !staticPaths.has(pathname)) return { ...match.groups };
    }
  }
  return null;
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ")}`,
  );
}

async function newPage(browser: Browser, viewer: Viewer, lang: "ja" | "en") {
  const context = await browser.newContext({
    locale: BROWSER_LOCALE[lang],
    ...(viewer.state ? { storageState: authState(viewer.state) } : {}),
  });
  return { context, page: await context.newPage() };
}

const allRoutes = discoverRoutes();
// A layout and its index route share a URL; the page is walked once.
const pages = [
  ...new Map(
    allRoutes.filter((r) => !NOT_PAGES.has(r.pattern)).map((r) => [r.pattern, r]),
  ).values(),
];

test("the walk finds the page routes", () => {
  expect(pages.length).toBeGreaterThan(30);
});

for (const route of pages) {
  for (const lang of LANGS) {
    test(`${route.pattern} in ${lang}: no axe violations for ${viewersFor(route.pattern)
      .map((v) => v.key)
      .join(", ")}`, async ({ browser }) => {
      for (const viewer of viewersFor(route.pattern)) {
        const { context, page } = await newPage(browser, viewer, lang);
        try {
          let params: Record<string, string> | null = PARAMS[route.pattern]?.() ?? {};
          if (route.params.length && !PARAMS[route.pattern]) {
            params = await paramsFromLinks(page, route.pattern);
          }
          expect(
            params,
            `no params for ${route.pattern} (app/${route.file}): add to PARAMS`,
          ).not.toBeNull();
          const path = fillPattern(route.pattern, params!);
          const response = await page.goto(path);
          expect(response?.status(), `${path} as ${viewer.key}`).toBe(
            EXPECTED_STATUS[route.pattern] ?? 200,
          );
          await waitForHydration(page);
          await expect(page.locator("html")).toHaveAttribute("lang", lang);
          expect(await axeViolations(page), `axe on ${path} as ${viewer.key} in ${lang}`).toEqual(
            [],
          );
        } finally {
          await context.close();
        }
      }
    });
  }
}
