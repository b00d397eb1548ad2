import { describe, expect, it } from "vitest";
import { CONTRACT_NOW, contractDocument as doc, searchEngineContract } from "../contract";
import type { SearchAccess, SearchDocument } from "../types";
import { SEARCH_LIMITS } from "../types";
import { EmbeddedSearchEngine } from "./engine";

searchEngineContract("embedded", async () => new EmbeddedSearchEngine());

const STAFF: SearchAccess = { staff: true, signedIn: true, plan: null, segment: null };
const DAY_MS = 24 * 60 * 60 * 1000;

async function engineWith(docs: SearchDocument[], synonyms: string[][] = []) {
  const engine = new EmbeddedSearchEngine();
  await engine.setSynonyms(synonyms);
  await engine.index(docs);
  return engine;
}

async function order(engine: EmbeddedSearchEngine, query: string) {
  const result = await engine.search(query, { access: STAFF, now: CONTRACT_NOW });
  return result.hits.map((h) => h.id);
}

/** Two documents with the same text, so only the signal under test can order them. */
function twins(a: Partial<SearchDocument>, b: Partial<SearchDocument>) {
  const text = { title: "Export a report", body: "Choose Export and pick a format." };
  return [doc({ id: "article:a", ...text, ...a }), doc({ id: "article:b", ...text, ...b })];
}

describe("embedded engine ranking", () => {
  it("puts the more helpful of two equally relevant documents first", async () => {
    const engine = await engineWith(twins({ helpfulness: 0.2 }, { helpfulness: 0.9 }));
    expect(await order(engine, "export report")).toEqual(["article:b", "article:a"]);
  });

  it("puts a topic with an accepted answer first", async () => {
    const engine = await engineWith(
      twins(
        { id: "topic:a", hasAcceptedAnswer: false },
        { id: "topic:b", hasAcceptedAnswer: true },
      ),
    );
    expect(await order(engine, "export")).toEqual(["topic:b", "topic:a"]);
  });

  it("puts the recently updated document first", async () => {
    const engine = await engineWith(
      twins({ updatedAt: CONTRACT_NOW - 2 * DAY_MS }, { updatedAt: CONTRACT_NOW - 700 * DAY_MS }),
    );
    expect(await order(engine, "export")).toEqual(["article:a", "article:b"]);
  });

  it("puts the more viewed document first", async () => {
    const engine = await engineWith(twins({ popularity: 3 }, { popularity: 3_000 }));
    expect(await order(engine, "format")).toEqual(["article:b", "article:a"]);
  });

  it("lets relevance outweigh the signals", async () => {
    const engine = await engineWith([
      doc({
        id: "article:popular",
        title: "Billing overview",
        body: "Export is mentioned once.",
        helpfulness: 1,
        popularity: 9_000,
      }),
      doc({
        id: "article:relevant",
        title: "Export to CSV",
        body: "Export your tasks to CSV.",
        helpfulness: 0.3,
      }),
    ]);
    expect((await order(engine, "export csv"))[0]).toBe("article:relevant");
  });

  it("ranks a document matching more query words above one matching fewer", async () => {
    const engine = await engineWith([
      doc({
        id: "article:two-words",
        title: "Calendar sync",
        body: "Calendar sync, calendar sync.",
      }),
      doc({ id: "article:all-words", title: "Sync", body: "Sync your calendar with Outlook." }),
    ]);
    expect(await order(engine, "calendar sync outlook")).toEqual([
      "article:all-words",
      "article:two-words",
    ]);
  });

  it("ranks exact words above typo matches", async () => {
    const engine = await engineWith([
      doc({ id: "article:typo", title: "Webhok", body: "A webhok calls your server." }),
      doc({ id: "article:exact", title: "Webhook", body: "A webhook calls your server." }),
    ]);
    expect(await order(engine, "webhook")).toEqual(["article:exact", "article:typo"]);
  });

  it("ranks a title holding the whole Japanese query first", async () => {
    const engine = await engineWith([
      doc({
        id: "article:scattered",
        locale: "ja",
        title: "設定の一覧",
        body: "二段階の確認と認証の設定について。",
      }),
      doc({
        id: "article:phrase",
        locale: "ja",
        title: "二段階認証を有効にする",
        body: "設定画面から有効にします。",
      }),
    ]);
    expect((await order(engine, "二段階認証"))[0]).toBe("article:phrase");
  });
});

describe("embedded engine matching", () => {
  it("allows two typos from nine letters on, not before", async () => {
    const engine = await engineWith([
      doc({ id: "article:integration", title: "Integration settings" }),
      doc({ id: "article:calendar", title: "Calendars" }),
    ]);
    expect(await order(engine, "intgraton settings")).toEqual(["article:integration"]);
    // "calndr" is two edits from "calendar" but only six letters long.
    expect(await order(engine, "calndr x")).toEqual([]);
  });

  it("applies a synonym found inside Japanese text without spaces", async () => {
    const engine = await engineWith(
      [doc({ id: "article:sign-in", title: "Cannot sign in", body: "Check your password." })],
      [["sign in", "ログイン"]],
    );
    expect(await order(engine, "ログインできない")).toEqual(["article:sign-in"]);
  });

  it("completes a cut-off last Japanese character", async () => {
    const engine = await engineWith([
      doc({
        id: "article:limits",
        locale: "ja",
        title: "APIのレート制限",
        body: "1分あたりのリクエスト数に上限があります。",
      }),
      doc({
        id: "article:other",
        locale: "ja",
        title: "レートの表示",
        body: "為替レートを表示します。",
      }),
    ]);
    expect((await order(engine, "レート制"))[0]).toBe("article:limits");
  });

  it("does not offer corrections or completions from removed documents", async () => {
    const engine = await engineWith([
      doc({ id: "article:keep", title: "Billing" }),
      doc({ id: "article:gone", title: "Provisioning" }),
    ]);
    await engine.remove(["article:gone"]);
    const result = await engine.search("provisoning", { access: STAFF, now: CONTRACT_NOW });
    expect(result.total).toBe(0);
    expect(result.suggestion).toBeNull();
    expect(await engine.suggest("provi", { access: STAFF })).toEqual([]);
  });

  it("keeps working after many replacements compact the index", async () => {
    const engine = new EmbeddedSearchEngine({ compactMinDead: 3, compactDeadShare: 0.5 });
    for (let round = 0; round < 6; round++) {
      await engine.index(
        Array.from({ length: 4 }, (_, i) =>
          doc({ id: `article:${i}`, title: `Doc ${i} round${round}`, body: `Shared text ${i}` }),
        ),
      );
    }
    expect(engine.stats().deadDocuments).toBeLessThan(4);
    expect(await engine.count()).toBe(4);
    expect(await order(engine, "round5")).toHaveLength(4);
    expect(await order(engine, "round4")).toEqual([]);
    const result = await engine.search("shared", { access: STAFF, now: CONTRACT_NOW });
    expect(result.total).toBe(4);
  });
});

describe("embedded engine snippets", () => {
  it("shows the window of a long body with the most matches, marked with … where cut", async () => {
    const filler = "Nothing to see in this sentence at all. ".repeat(12);
    const body = `${filler}Rotate the API token, then update the token in every client. ${filler}`;
    const engine = await engineWith([doc({ id: "article:long", title: "Tokens", body })]);
    const [hit] = (await engine.search("token", { access: STAFF, now: CONTRACT_NOW })).hits;
    expect(hit).toBeDefined();
    const { snippet, highlights } = hit!;
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(SEARCH_LIMITS.snippetLength + 2);
    expect(highlights.map(([s, e]) => snippet.slice(s, e))).toEqual(["token", "token"]);
    // Cut between words, not inside one.
    expect(snippet).toMatch(/^…\S/);
    expect(body).toContain(snippet.slice(1, -1));
  });

  it("does not mark a bigram that only shares part of a Japanese word", async () => {
    const engine = await engineWith([
      doc({
        id: "article:ja",
        locale: "ja",
        title: "パスワード",
        body: "コードを入力してパスワードを変更します。",
      }),
    ]);
    const [hit] = (await engine.search("パスワード", { access: STAFF, now: CONTRACT_NOW })).hits;
    expect(hit!.highlights.map(([s, e]) => hit!.snippet.slice(s, e))).toEqual(["パスワード"]);
  });

  it("falls back to the secondary text when the body has no match", async () => {
    const engine = await engineWith([
      doc({
        id: "article:x",
        title: "Seats",
        body: "Add people to your workspace.",
        extra: "Licence management and seat counts",
      }),
    ]);
    const [hit] = (await engine.search("licence", { access: STAFF, now: CONTRACT_NOW })).hits;
    expect(hit!.snippet).toBe("Licence management and seat counts");
    expect(hit!.highlights).toEqual([[0, 7]]);
  });
});

describe("embedded engine limits", () => {
  it("answers an offset far beyond the results with an empty page and the right total", async () => {
    const engine = await engineWith([doc({ id: "article:only", title: "Lonely page" })]);
    const result = await engine.search("lonely", {
      access: STAFF,
      offset: Number.MAX_SAFE_INTEGER,
      limit: 10,
    });
    expect(result.total).toBe(1);
    expect(result.hits).toEqual([]);
  });

  it("clamps the limit to the maximum", async () => {
    const docs = Array.from({ length: SEARCH_LIMITS.maxLimit + 5 }, (_, i) =>
      doc({ id: `article:${i}`, title: `Quokka ${i}` }),
    );
    const engine = await engineWith(docs);
    const result = await engine.search("quokka", { access: STAFF, limit: 10_000 });
    expect(result.hits).toHaveLength(SEARCH_LIMITS.maxLimit);
    expect(result.total).toBe(docs.length);
  });

  it("matches nothing for a category no document has", async () => {
    const engine = await engineWith([doc({ id: "article:x", title: "Quokka", category: "a" })]);
    const result = await engine.search("quokka", { access: STAFF, category: "nope" });
    expect(result.total).toBe(0);
    expect(result.facets.category).toEqual({ a: 1 });
  });
});

describe("embedded engine synonyms, audiences and facets", () => {
  // "invoice" has a synonym; the second document has it only through the synonym.
  const invoices = [
    doc({ id: "article:download-invoice", title: "Download an invoice", body: "As a PDF." }),
    doc({ id: "article:download-ja", title: "請求書 download guide", body: "For accountants." }),
    doc({ id: "article:download-export", title: "Download an export", body: "As a CSV." }),
    doc({ id: "article:invoice-templates", title: "Invoice templates", body: "Your logo." }),
  ];

  it("finds the same documents whichever word of the query has synonyms", async () => {
    const engine = await engineWith(invoices, [["invoice", "請求書"]]);
    const first = await engine.search("invoice download", { access: STAFF, now: CONTRACT_NOW });
    const second = await engine.search("download invoice", { access: STAFF, now: CONTRACT_NOW });
    expect(first.total).toBe(invoices.length);
    expect(second.total).toBe(invoices.length);
    expect(first.hits.slice(0, 2).map((h) => h.id)).toEqual([
      "article:download-invoice",
      "article:download-ja",
    ]);
    expect(second.hits.map((h) => h.id)).toEqual(first.hits.map((h) => h.id));
  });

  it("matches every synonym phrase that shares a word with the query", async () => {
    const engine = await engineWith(
      [
        doc({ id: "article:token", title: "Create an API token" }),
        doc({ id: "article:key", title: "Rotate an API key" }),
        doc({ id: "article:other", title: "API limits" }),
      ],
      [["api token", "api key"]],
    );
    const result = await engine.search("api token", { access: STAFF, now: CONTRACT_NOW });
    expect(
      result.hits
        .slice(0, 2)
        .map((h) => h.id)
        .sort(),
    ).toEqual(["article:key", "article:token"]);
  });

  it("shows visitors a document whose publication time has passed", async () => {
    const engine = await engineWith([
      doc({ id: "article:published", title: "Quokka care", visibleFrom: CONTRACT_NOW - DAY_MS }),
      doc({ id: "article:scheduled", title: "Quokka food", visibleFrom: CONTRACT_NOW + DAY_MS }),
    ]);
    const visitor = { staff: false, signedIn: false, plan: null, segment: null };
    const result = await engine.search("quokka", { access: visitor, now: CONTRACT_NOW });
    expect(result.hits.map((h) => h.id)).toEqual(["article:published"]);
    expect(result.total).toBe(1);
  });

  it("counts types over the chosen category and categories over the chosen types", async () => {
    const engine = await engineWith([
      doc({ id: "article:a", title: "Quokka", category: "zoo" }),
      doc({ id: "topic:b", title: "Quokka", category: "zoo" }),
      doc({ id: "topic:c", title: "Quokka", category: "wild" }),
      doc({ id: "article:d", title: "Quokka", category: "wild" }),
      doc({ id: "article:e", title: "Quokka", category: "wild" }),
    ]);
    const result = await engine.search("quokka", {
      access: STAFF,
      now: CONTRACT_NOW,
      types: ["article"],
      category: "wild",
    });
    expect(result.total).toBe(2);
    expect(result.facets.type).toEqual({ article: 2, topic: 1 });
    expect(result.facets.category).toEqual({ zoo: 1, wild: 2 });
  });
});
