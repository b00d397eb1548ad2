// The production server's headers and CSRF guard, seen from a real browser.
import { expect, test, type Page } from "@playwright/test";
import { BASE_URL, USERS } from "./fixtures";
import { mainNav, open, TEXT } from "./helpers";

const EVIL_ORIGIN = "http://evil.example";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** Console errors and CSP violations (caught by an init script, which CSP does not govern). */
function watchForProblems(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
});

test("documents carry a nonce-based CSP and the other security headers", async ({ page }) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/login", "/kb", "/no-such-page"]) {
    const response = await page.goto(path);
    const headers = response!.headers();
    const csp = headers["content-security-policy"];
    expect(csp, path).toBeTruthy();
    const policy = directives(csp!);
    const nonce = policy
      .get("script-src")
      ?.find((v) => v.startsWith("'nonce-"))
      ?.slice("'nonce-".length, -1);
    expect(nonce, `${path}: script-src has a nonce`).toMatch(/^[A-Za-z0-9+/]{16,}={0,2}$/);
    expect(policy.get("script-src"), path).not.toContain("'unsafe-inline'");
    expect(policy.get("object-src"), path).toEqual(["'none'"]);
    expect(policy.get("base-uri"), path).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBeTruthy();
    expect(headers["x-powered-by"], path).toBeUndefined();

    // Every script the page carries has the nonce of this very response.
    const scriptNonces = await page.$$eval("script", (scripts) =>
      scripts.map((s) => (s as HTMLScriptElement).nonce),
    );
    expect(scriptNonces.length, path).toBeGreaterThan(0);
    for (const n of scriptNonces) expect(n, path).toBe(nonce);
    nonces.add(nonce!);
  }
  expect(nonces.size, "a new nonce for every response").toBe(4);
});

for (const path of ["/", "/login"]) {
  test(`${path} runs without CSP violations or console errors`, async ({ page }) => {
    const problems = watchForProblems(page);
    await open(page, path);
    // Client-side navigation loads more route modules under the same policy.
    await mainNav(page, "en").getByRole("link", { name: TEXT.en.helpCenter }).click();
    await expect(page).toHaveURL("/kb");
    await expect(page.getByRole("heading", { level: 1, name: TEXT.en.kbTitle })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(path);
    expect(problems).toEqual([]);
  });
}

test.describe("cross-site requests", () => {
  const form = { email: USERS.memberA.email, password: "not the password" };

  test("a POST from another origin is refused with 403", async ({ request }) => {
    for (const path of ["/login", "/logout", "/locale"]) {
      const response = await request.post(path, {
        headers: { Origin: EVIL_ORIGIN },
        form: { ...form, locale: "ja" },
        maxRedirects: 0,
      });
      expect(response.status(), path).toBe(403);
    }
    const fetchMetadataOnly = await request.post("/login", {
      headers: { "Sec-Fetch-Site": "cross-site" },
      form,
      maxRedirects: 0,
    });
    expect(fetchMetadataOnly.status()).toBe(403);
  });

  test("the same POST from the portal's own origin is answered", async ({ request }) => {
    const response = await request.post("/locale", {
      headers: { Origin: BASE_URL },
      form: { locale: "ja", redirectTo: "/" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
  });

  test("a form on another site cannot post to the portal", async ({ page }) => {
    // A page served as http://evil.example that auto-submits a form to the portal.
    await page.route(`${EVIL_ORIGIN}/**`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form method="post" action="${BASE_URL}/locale">
          <input name="locale" value="ja"></form>
          <script>document.forms[0].submit()</script>`,
      }),
    );
    const portalAnswer = page.waitForResponse(`${BASE_URL}/locale`);
    await page.goto(`${EVIL_ORIGIN}/attack`);
    expect((await portalAnswer).status()).toBe(403);
  });
});
