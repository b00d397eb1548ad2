// End-to-end tests in Debian's Chromium against the production build (test/e2e/start-server.mjs).
//   npx playwright test                          build, seed a fresh database, run everything
//   SKIP_BUILD=1 npx playwright test login       reuse build/ while working on the specs
//   E2E_SCREENSHOTS=1 npx playwright test screenshots   full-page screenshots into screenshots/
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL } from "./test/e2e/fixtures";

const CI = Boolean(process.env.CI);
/** Building (~10 s) and seeding take little, but a cold 2-core CI machine can be slow. */
const SERVER_START_TIMEOUT_MS = 180_000;

// Debian's Chromium: `npx playwright install` cannot download here (DESIGN.md, section 2).
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "test/e2e",
  // Not test-results/ itself: Playwright empties its outputDir, and test-results/e2e holds the
  // database and fixtures that the web server wrote before the tests start.
  outputDir: "test-results/playwright",
  // Tests share no state beyond the read-only fixtures, so both workers stay busy to the end.
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // One server process and Chromium share a 2-core machine.
  workers: 2,
  reporter: "list",
  // Axe runs take several seconds each on a busy 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices["Desktop Chrome"],
    baseURL: BASE_URL,
    locale: "en-US",
    // Recording a trace for every test costs a 2-core machine dearly; CI records the retry.
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "node test/e2e/start-server.mjs",
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: SERVER_START_TIMEOUT_MS,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
