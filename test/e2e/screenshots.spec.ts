// Full-page screenshots of the main pages, in ja and en, at desktop and phone width, for a human
// to look at (screenshots/, gitignored). On demand only, so CI does not pay for them:
//   E2E_SCREENSHOTS=1 npx playwright test screenshots
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test, type Browser } from "@playwright/test";
import { authState, E2E_IDS_FILE, e2eIds, REPO_ROOT, type PreSignedIn } from "./fixtures";
import { BROWSER_LOCALE, LANGS, waitForHydration, type Lang } from "./helpers";

const OUT_DIR = path.join(REPO_ROOT, "screenshots");
const WIDTHS = [1280, 360] as const;

type Shot = { name: string; path: () => string; as: PreSignedIn | null };
const SHOTS: Shot[] = [
  { name: "home", path: () => "/", as: "accountAdminA" },
  { name: "home-anonymous", path: () => "/", as: null },
  { name: "login", path: () => "/login", as: null },
  { name: "kb", path: () => "/kb", as: "accountAdminA" },
  { name: "settings", path: () => "/settings", as: "accountAdminA" },
  { name: "account-a", path: () => `/accounts/${e2eIds().accounts.a}`, as: "accountAdminA" },
  { name: "admin", path: () => "/admin", as: "cs" },
  { name: "admin-accounts", path: () => "/admin/accounts", as: "cs" },
  {
    name: "admin-account-a",
    path: () => `/admin/accounts/${e2eIds().accounts.a}`,
    as: "cs",
  },
  { name: "admin-insights", path: () => "/admin/insights", as: "cs" },
  { name: "admin-insights-synonyms", path: () => "/admin/insights/synonyms", as: "cs" },
  { name: "admin-settings", path: () => "/admin/settings", as: "admin" },
  { name: "admin-integrations", path: () => "/admin/integrations", as: "admin" },
  { name: "not-found", path: () => "/no/such/page", as: null },
  { name: "notifications", path: () => "/notifications", as: "notifiedJa" },
  { name: "notification-settings", path: () => "/settings#notifications", as: "notifiedEn" },
  {
    name: "newsletter-read",
    path: () => `/newsletters/${e2eIds().newsletterId}`,
    as: "notifiedEn",
  },
  { name: "unsubscribe-invalid", path: () => "/unsubscribe/not-a-token", as: null },
  { name: "admin-outbox", path: () => "/admin/outbox", as: "admin" },
  { name: "admin-newsletters", path: () => "/admin/newsletters", as: "cs" },
  { name: "admin-newsletter-new", path: () => "/admin/newsletters/new", as: "cs" },
  { name: "search-en", path: () => "/search?q=invoice", as: "accountAdminA" },
  { name: "search-ja", path: () => `/search?q=${encodeURIComponent("請求書")}`, as: null },
  { name: "search-none", path: () => "/search?q=qwxzv+plorf", as: "accountAdminA" },
  { name: "support-new", path: () => "/support/new", as: "accountAdminA" },
  { name: "community", path: () => "/community", as: "accountAdminA" },
  { name: "community-anonymous", path: () => "/community?tab=solved", as: null },
  { name: "community-new", path: () => "/community/new?title=SSO+providers", as: "accountAdminA" },
  { name: "admin-community", path: () => "/admin/community", as: "cs" },
  { name: "topic", path: () => `/community/t/${showcaseTopicId()}`, as: "accountAdminA" },
  { name: "topic-cs", path: () => `/community/t/${showcaseTopicId()}`, as: "cs" },
  { name: "admin-moderation", path: () => "/admin/moderation", as: "cs" },
  { name: "admin-moderation-suspended", path: () => "/admin/moderation/suspended", as: "cs" },
  { name: "admin-moderation-audit", path: () => "/admin/moderation/audit", as: "cs" },
];

/** The busy topic test/e2e/seed.ts makes for the topic page (topics.json beside ids.json). */
function showcaseTopicId(): string {
  const file = path.join(path.dirname(E2E_IDS_FILE), "topics.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { showcase: string }).showcase;
}

test.skip(!process.env.E2E_SCREENSHOTS, "set E2E_SCREENSHOTS=1 to take screenshots");

async function shoot(browser: Browser, lang: Lang, width: number) {
  mkdirSync(OUT_DIR, { recursive: true });
  // E2E_SHOTS=notifications,admin-outbox takes only the shots whose names contain one of these.
  const only = process.env.E2E_SHOTS?.split(",").filter(Boolean);
  const wanted = SHOTS.filter((s) => !only || only.some((o) => s.name.includes(o)));
  for (const as of [...new Set(wanted.map((s) => s.as))]) {
    const shots = wanted.filter((s) => s.as === as);
    const context = await browser.newContext({
      locale: BROWSER_LOCALE[lang],
      viewport: { width, height: 800 },
      storageState: as ? authState(as) : undefined,
    });
    const page = await context.newPage();
    for (const shot of shots) {
      await page.goto(shot.path());
      await waitForHydration(page);
      await page.screenshot({
        path: path.join(OUT_DIR, `${lang}-${width}-${shot.name}.png`),
        fullPage: true,
      });
    }
    await context.close();
  }
}

for (const lang of LANGS) {
  for (const width of WIDTHS) {
    test(`screenshots in ${lang} at ${width} px`, async ({ browser }) => {
      await shoot(browser, lang, width);
    });
  }
}
