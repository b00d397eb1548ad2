// The behaviour every SearchEngine must show, as a Vitest suite. The embedded engine runs it in
// app/search/embedded/engine.test.ts; the Meilisearch adapter runs it against a real server, where
// indexing is asynchronous: so the suite only goes through the interface, awaits every call and
// never compares exact scores, only which documents come back and in which order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeText } from "./normalize";
import type { SearchAccess, SearchDocument, SearchEngine, SearchHit, SearchResult } from "./types";
import { PUBLIC_ACCESS } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The clock of the suite: every search passes it, so scheduled documents behave the same always. */
export const CONTRACT_NOW = Date.UTC(2026, 0, 15);

const CUSTOMER: SearchAccess = {
  staff: false,
  signedIn: true,
  plan: "starter",
  segment: "tech_touch",
};
const ENTERPRISE: SearchAccess = { ...CUSTOMER, plan: "enterprise" };
const HIGH_TOUCH: SearchAccess = { ...CUSTOMER, segment: "high_touch" };
const STAFF: SearchAccess = { staff: true, signedIn: true, plan: null, segment: null };

export function contractDocument(
  overrides: Partial<SearchDocument> & { id: string },
): SearchDocument {
  const [type, key] = overrides.id.split(":") as [SearchDocument["type"], string];
  return {
    type,
    locale: "en",
    title: "",
    body: "",
    extra: "",
    url: type === "topic" ? `/community/t/${key}` : `/kb/${key}`,
    category: "general",
    tags: [],
    audience: "all",
    plans: [],
    segments: [],
    visibleFrom: 0,
    helpfulness: 0.5,
    hasAcceptedAnswer: false,
    popularity: 0,
    updatedAt: CONTRACT_NOW - 30 * DAY_MS,
    ...overrides,
  };
}

const doc = contractDocument;

/** The documents every test starts from. Words that tests rely on appear only where stated. */
const FIXTURE: SearchDocument[] = [
  doc({
    id: "article:reset-password",
    title: "Reset your password",
    body:
      "If you forgot your password, open the sign in page and choose Forgot password. " +
      "We send you a link that stays valid for one hour.",
    category: "account",
  }),
  doc({
    id: "article:password-ja",
    locale: "ja",
    title: "パスワードを再設定する",
    body:
      "パスワードを忘れた場合は、ログイン画面で「パスワードをお忘れですか」を選びます。" +
      "メールで届くリンクから新しいパスワードを設定できます。",
    category: "account",
  }),
  doc({
    id: "article:api-ja",
    locale: "ja",
    title: "API連携の設定",
    body: "外部サービスとのAPI連携は管理画面から設定します。トークンを発行して接続先に登録してください。",
    category: "integrations",
  }),
  doc({
    id: "article:invoices",
    title: "Download invoices",
    body:
      "Billing administrators can download every invoice as a PDF from the billing page. " +
      "Invoices list the tax for each seat.",
    extra: "Receipts and invoices for your records",
    category: "billing",
  }),
  doc({
    id: "article:kanban-basics",
    title: "Kanban board basics",
    body: "Columns show the status of each card. Drag cards between columns as work moves on.",
    category: "projects",
  }),
  doc({
    id: "article:timeline",
    title: "Plan with the timeline",
    body:
      "The timeline shows dependencies between tasks. Teams that prefer a kanban view can switch " +
      "to the kanban board, and kanban columns stay in sync with the timeline.",
    category: "projects",
  }),
  doc({
    id: "topic:wip-limits",
    title: "How do you set WIP limits?",
    body: "We use the kanban board for support work and would like to limit cards per column.",
    category: "community",
  }),
  doc({
    id: "article:audit-log",
    title: "Audit log",
    body: "The audit log records who changed settings and when.",
    category: "security",
  }),
  doc({
    id: "article:markup",
    title: "Formatting help",
    body: "Plain text may mention tags: a literal <b>bold</b> example about markup stays as typed.",
    category: "general",
  }),
  // Audience: the same word "webinar" in documents for different people.
  doc({
    id: "article:webinar-all",
    title: "Webinar recordings",
    body: "Every webinar is recorded.",
    category: "events",
  }),
  doc({
    id: "article:webinar-customers",
    title: "Customer webinar schedule",
    body: "Signed-in customers can join the monthly webinar.",
    category: "events",
    audience: "customers",
  }),
  doc({
    id: "article:webinar-enterprise",
    title: "Enterprise webinar",
    body: "A webinar for the enterprise plan.",
    category: "events",
    audience: "restricted",
    plans: ["enterprise"],
  }),
  doc({
    id: "article:webinar-high-touch",
    title: "Executive webinar",
    body: "A webinar for accounts with a named success manager.",
    category: "events",
    audience: "restricted",
    segments: ["high_touch"],
  }),
  doc({
    id: "article:webinar-scheduled",
    title: "Webinar announcement",
    body: "Next quarter's webinar programme.",
    category: "events",
    visibleFrom: CONTRACT_NOW + DAY_MS,
  }),
  doc({
    id: "topic:webinar-question",
    title: "Is there a webinar replay?",
    body: "I missed the webinar last week.",
    category: "community",
  }),
];

const WEBINAR_IDS = FIXTURE.filter((d) => d.title.toLowerCase().includes("webinar")).map(
  (d) => d.id,
);

function ids(result: SearchResult): string[] {
  return result.hits.map((h) => h.id);
}

function marked(text: string, ranges: Array<[number, number]>): string[] {
  return ranges.map(([start, end]) => text.slice(start, end));
}

function expectWellFormed(text: string, ranges: Array<[number, number]>) {
  let previousEnd = 0;
  for (const [start, end] of ranges) {
    expect(start).toBeGreaterThanOrEqual(previousEnd);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(text.length);
    previousEnd = end;
  }
}

export function searchEngineContract(name: string, makeEngine: () => Promise<SearchEngine>) {
  describe(`search engine contract: ${name}`, () => {
    let engine: SearchEngine;
    const search = (query: string, options: Partial<Parameters<SearchEngine["search"]>[1]> = {}) =>
      engine.search(query, { access: PUBLIC_ACCESS, now: CONTRACT_NOW, ...options });

    beforeAll(async () => {
      engine = await makeEngine();
      await engine.clear();
      await engine.setSynonyms([]);
      await engine.index(FIXTURE);
    });

    afterAll(async () => {
      await engine.clear();
    });

    describe("matching", () => {
      it("finds an English word", async () => {
        const result = await search("password");
        expect(ids(result)[0]).toBe("article:reset-password");
      });

      it("finds a Japanese phrase typed without spaces", async () => {
        expect(ids(await search("パスワード再設定"))[0]).toBe("article:password-ja");
        expect(ids(await search("連携の設定"))[0]).toBe("article:api-ja");
      });

      it("treats full-width letters as half-width ones", async () => {
        expect(ids(await search("ＡＰＩ連携"))[0]).toBe("article:api-ja");
        expect(ids(await search("ｉｎｖｏｉｃｅｓ"))[0]).toBe("article:invoices");
      });

      it("treats half-width katakana as full-width", async () => {
        expect(ids(await search("ﾊﾟｽﾜｰﾄﾞ"))[0]).toBe("article:password-ja");
      });

      it("forgives one typo in a word of five letters or more", async () => {
        expect(ids(await search("pasword reset"))[0]).toBe("article:reset-password");
        expect(ids(await search("dowload invoices"))[0]).toBe("article:invoices");
      });

      it("does not match a different short word with one letter changed", async () => {
        // "lag" is one letter from "log" (audit log), too short for typo tolerance.
        const result = await search("lag");
        expect(result.total).toBe(0);
        expect(result.hits).toEqual([]);
      });

      it("completes the last word as a prefix while typing", async () => {
        expect(ids(await search("invoi"))[0]).toBe("article:invoices");
        expect(ids(await search("audit lo"))[0]).toBe("article:audit-log");
      });

      it("ranks a title match above a body match", async () => {
        const result = await search("kanban", { access: STAFF });
        expect(ids(result)[0]).toBe("article:kanban-basics");
        expect(ids(result)).toEqual(
          expect.arrayContaining(["article:timeline", "topic:wip-limits"]),
        );
      });

      it("treats regular-expression characters and quotes as plain text", async () => {
        for (const query of [".*", "(", "[a-", "\\", "^$", "'", '"', "*?+{}|"]) {
          const result = await search(query);
          expect(result.total, query).toBe(0);
        }
        expect(ids(await search('"invoices"'))[0]).toBe("article:invoices");
        expect(ids(await search("(audit) [log]*"))[0]).toBe("article:audit-log");
      });

      it("returns an empty result for empty, blank, emoji, unknown-script and huge queries", async () => {
        const queries = [
          "",
          "   ",
          "\t\n",
          "🙂🚀",
          "שלום עולם",
          "مرحبا بالعالم",
          "x".repeat(10_000),
        ];
        for (const query of queries) {
          const started = Date.now();
          const result = await search(query);
          expect(result.total).toBe(0);
          expect(result.hits).toEqual([]);
          expect(result.suggestion).toBeNull();
          expect(Date.now() - started).toBeLessThan(2_000);
        }
      });
    });

    describe("filters, facets and paging", () => {
      it("filters by type", async () => {
        const topics = await search("kanban", { access: STAFF, types: ["topic"] });
        expect(ids(topics)).toEqual(["topic:wip-limits"]);
        const articles = await search("kanban", { access: STAFF, types: ["article"] });
        expect(ids(articles)).not.toContain("topic:wip-limits");
        expect(articles.total).toBe(2);
      });

      it("filters by locale", async () => {
        const ja = await search("API", { locale: "ja" });
        expect(ids(ja)).toEqual(["article:api-ja"]);
        const en = await search("password", { locale: "en" });
        expect(ids(en)).toEqual(["article:reset-password"]);
      });

      it("filters by category", async () => {
        const result = await search("webinar", { access: STAFF, category: "community" });
        expect(ids(result)).toEqual(["topic:webinar-question"]);
      });

      it("counts facets, each ignoring its own filter", async () => {
        const all = await search("webinar", { access: STAFF });
        expect(all.total).toBe(WEBINAR_IDS.length);
        expect(all.facets.type).toEqual({ article: WEBINAR_IDS.length - 1, topic: 1 });
        expect(all.facets.category).toEqual({ events: WEBINAR_IDS.length - 1, community: 1 });

        const topics = await search("webinar", { access: STAFF, types: ["topic"] });
        expect(topics.total).toBe(1);
        // The type facet still shows how many articles there are; categories follow the filter.
        expect(topics.facets.type).toEqual({ article: WEBINAR_IDS.length - 1, topic: 1 });
        expect(topics.facets.category).toEqual({ community: 1 });
      });

      it("pages with limit and offset, and counts the total", async () => {
        const extra = Array.from({ length: 12 }, (_, i) =>
          doc({ id: `article:zeppelin-${i}`, title: `Zeppelin guide ${i}`, body: "Zeppelin." }),
        );
        await engine.index(extra);
        try {
          const pages = await Promise.all(
            [0, 5, 10].map((offset) => search("zeppelin", { limit: 5, offset })),
          );
          expect(pages.map((p) => p.hits.length)).toEqual([5, 5, 2]);
          expect(pages.every((p) => p.total === 12)).toBe(true);
          const seen = new Set(pages.flatMap(ids));
          expect(seen.size).toBe(12);
        } finally {
          await engine.remove(extra.map((d) => d.id));
        }
      });
    });

    describe("audience", () => {
      const visibleTo = async (access: SearchAccess, now = CONTRACT_NOW) =>
        ids(await search("webinar", { access, now, limit: 50 })).sort();

      it("shows visitors only what is for everyone", async () => {
        expect(await visibleTo(PUBLIC_ACCESS)).toEqual(
          ["article:webinar-all", "topic:webinar-question"].sort(),
        );
      });

      it("shows signed-in customers what is for customers too", async () => {
        expect(await visibleTo(CUSTOMER)).toEqual(
          ["article:webinar-all", "article:webinar-customers", "topic:webinar-question"].sort(),
        );
      });

      it("shows restricted documents to the chosen plans and segments only", async () => {
        expect(await visibleTo(ENTERPRISE)).toContain("article:webinar-enterprise");
        expect(await visibleTo(ENTERPRISE)).not.toContain("article:webinar-high-touch");
        expect(await visibleTo(HIGH_TOUCH)).toContain("article:webinar-high-touch");
        expect(await visibleTo(HIGH_TOUCH)).not.toContain("article:webinar-enterprise");
      });

      it("shows staff everything, scheduled documents included", async () => {
        expect(await visibleTo(STAFF)).toEqual([...WEBINAR_IDS].sort());
      });

      it("hides a scheduled document from customers until its time", async () => {
        expect(await visibleTo(CUSTOMER)).not.toContain("article:webinar-scheduled");
        expect(await visibleTo(CUSTOMER, CONTRACT_NOW + 2 * DAY_MS)).toContain(
          "article:webinar-scheduled",
        );
      });

      it("does not count hidden documents in totals or facets", async () => {
        const result = await search("webinar");
        expect(result.total).toBe(2);
        expect(result.facets.type).toEqual({ article: 1, topic: 1 });
      });
    });

    describe("changes", () => {
      it("counts the documents held", async () => {
        expect(await engine.count()).toBe(FIXTURE.length);
      });

      it("forgets removed documents", async () => {
        await engine.index([doc({ id: "article:quasar", title: "Quasar mode" })]);
        expect(ids(await search("quasar"))).toEqual(["article:quasar"]);
        await engine.remove(["article:quasar", "article:never-indexed"]);
        expect((await search("quasar")).total).toBe(0);
        expect(await engine.count()).toBe(FIXTURE.length);
      });

      it("replaces a document indexed again under the same id, visible to the next query", async () => {
        await engine.index([doc({ id: "article:nebula", title: "Nebula settings" })]);
        expect(ids(await search("nebula"))).toEqual(["article:nebula"]);
        await engine.index([doc({ id: "article:nebula", title: "Pulsar settings" })]);
        expect((await search("nebula")).total).toBe(0);
        const result = await search("pulsar");
        expect(ids(result)).toEqual(["article:nebula"]);
        expect(result.hits[0]?.title).toBe("Pulsar settings");
        expect(await engine.count()).toBe(FIXTURE.length + 1);
        await engine.remove(["article:nebula"]);
      });

      it("applies synonyms in both directions, and only once set", async () => {
        expect((await search("sign in", { locale: "ja" })).total).toBe(0);
        await engine.setSynonyms([["sign in", "ログイン", "サインイン"]]);
        try {
          expect(ids(await search("sign in", { locale: "ja" }))).toEqual(["article:password-ja"]);
          expect(ids(await search("ログイン", { locale: "en" }))).toEqual([
            "article:reset-password",
          ]);
          expect(ids(await search("サインイン", { locale: "ja" }))).toEqual([
            "article:password-ja",
          ]);
        } finally {
          await engine.setSynonyms([]);
        }
        expect((await search("sign in", { locale: "ja" })).total).toBe(0);
      });
    });

    describe("snippets, highlights and suggestions", () => {
      const hitFor = async (query: string, id: string): Promise<SearchHit> => {
        const hit = (await search(query, { access: STAFF })).hits.find((h) => h.id === id);
        if (!hit) throw new Error(`${id} not found for "${query}"`);
        return hit;
      };

      it("highlights the matched words in the snippet and the title", async () => {
        const hit = await hitFor("invoice", "article:invoices");
        expectWellFormed(hit.snippet, hit.highlights);
        expectWellFormed(hit.title, hit.titleHighlights);
        const inSnippet = marked(hit.snippet, hit.highlights).map((w) => w.toLowerCase());
        expect(inSnippet.length).toBeGreaterThan(0);
        expect(inSnippet.every((w) => w.startsWith("invoice"))).toBe(true);
        expect(marked(hit.title, hit.titleHighlights).map((w) => w.toLowerCase())).toEqual([
          "invoices",
        ]);
      });

      it("highlights Japanese words inside text without spaces", async () => {
        const hit = await hitFor("パスワード", "article:password-ja");
        expectWellFormed(hit.snippet, hit.highlights);
        expect(marked(hit.title, hit.titleHighlights)).toEqual(["パスワード"]);
        const inSnippet = marked(hit.snippet, hit.highlights);
        expect(inSnippet.length).toBeGreaterThan(0);
        expect(inSnippet.every((w) => normalizeText(w).includes(normalizeText("パスワード")))).toBe(
          true,
        );
      });

      it("keeps snippets to the document's own text, never adding markup", async () => {
        const hit = await hitFor("markup", "article:markup");
        expect(hit.snippet).toContain("<b>bold</b>");
        for (const query of ["invoice", "kanban", "パスワード", "webinar"]) {
          for (const h of (await search(query, { access: STAFF })).hits) {
            expect(h.snippet).not.toMatch(/<\/?(mark|em|strong|span)\b|&lt;|&gt;|&amp;/i);
          }
        }
      });

      it("suggests a correction for a misspelled query, and none for a correct one", async () => {
        expect((await search("pasword")).suggestion?.toLowerCase()).toBe("password");
        expect((await search("dowload invoices")).suggestion?.toLowerCase()).toBe(
          "download invoices",
        );
        expect((await search("download invoices")).suggestion).toBeNull();
      });

      it("completes what is being typed, within the limit", async () => {
        const completions = await engine.suggest("passw", { access: PUBLIC_ACCESS, limit: 3 });
        expect(completions.length).toBeGreaterThan(0);
        expect(completions.length).toBeLessThanOrEqual(3);
        expect(completions.some((c) => c.toLowerCase().startsWith("password"))).toBe(true);
        const one = await engine.suggest("web", { access: PUBLIC_ACCESS, limit: 1 });
        expect(one.length).toBe(1);
        expect(await engine.suggest("", { access: PUBLIC_ACCESS })).toEqual([]);
      });
    });
  });
}
