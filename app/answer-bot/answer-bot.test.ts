import { describe, expect, it } from "vitest";
import { DEFAULT_SYNONYM_GROUPS } from "~/search/default-synonyms";
import { EmbeddedSearchEngine } from "~/search/embedded/engine";
import { articleDocument } from "~/search/documents";
import { markdownSections } from "~/utils/markdown.server";
import { AnswerBot } from "./bot";
import { clusterQuestions, jaccard, questionTerms } from "./cluster";
import { isFollowUp, mergeFollowUp } from "./follow-up";
import { ExtractiveGenerator, quote } from "./generator";
import { detectLanguage } from "./language";
import { articlePassages, chunkBlocks, PASSAGE_LIMITS, topicPassages } from "./passages";
import { analyzeQuery, scorePassage, Synonyms } from "./scorer";
import { smallTalk } from "./small-talk";
import { PassageStore } from "./store";

const LOST_PHONE_JA = [
  "設定 → セキュリティ で 2 段階認証を有効にします。",
  "## 使える認証方法",
  "認証アプリとセキュリティキーを使えます。SMS には対応していません。",
  "## スマートフォンを紛失した場合",
  "確認コードの入力画面で **リカバリーコードを使う** をクリックしてください。",
].join("\n\n");

const EXPORT_EN = [
  "Your data belongs to you.",
  "## Export the whole workspace",
  "Only the Owner can export the whole workspace from Settings → Workspace → Data export.",
  "## Delete the workspace",
  "Cancel any paid plan first, then delete the workspace in Settings → Workspace → General.",
].join("\n\n");

describe("passage splitter", () => {
  it("splits an article at its headings, with the heading ids the article page renders", () => {
    const passages = articlePassages({
      id: "a1",
      slug: "two-step-ja",
      locale: "ja",
      title: "2 段階認証",
      sections: markdownSections(LOST_PHONE_JA),
    });
    expect(passages.map((p) => [p.heading, p.url])).toEqual([
      [null, "/kb/two-step-ja"],
      ["使える認証方法", `/kb/two-step-ja#${encodeURIComponent("使える認証方法")}`],
      [
        "スマートフォンを紛失した場合",
        `/kb/two-step-ja#${encodeURIComponent("スマートフォンを紛失した場合")}`,
      ],
    ]);
    // Markdown is gone: the customer reads text, not asterisks.
    expect(passages[2]!.text).toBe(
      "確認コードの入力画面で リカバリーコードを使う をクリックしてください。",
    );
    expect(new Set(passages.map((p) => p.id)).size).toBe(3);
  });

  it("cuts a long section into passages at paragraph, then sentence boundaries", () => {
    const sentence = "This sentence explains one more detail about invoices. ";
    const long = sentence.repeat(40).trim();
    const chunks = chunkBlocks(["Short intro.", long]);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(PASSAGE_LIMITS.maxChars);
    expect(chunks.join(" ").replace(/\s+/g, " ")).toContain("Short intro.");
  });

  it("turns the accepted answer of a solved topic into passages linking to the post", () => {
    const passages = topicPassages({
      id: "t1",
      locale: "en",
      title: "Can I export to Excel?",
      questionText: "Is there a way to get tasks into Excel?",
      answerBlocks: ["Yes: open the report and choose Export → CSV."],
      answerNumber: 3,
    });
    expect(passages).toHaveLength(1);
    expect(passages[0]).toMatchObject({
      url: "/community/t/t1#post-3",
      type: "topic",
      context: "Is there a way to get tasks into Excel?",
    });
  });
});

describe("language detection", () => {
  it("answers in the language of the question", () => {
    expect(detectLanguage("スマホでは？")).toBe("ja");
    expect(detectLanguage("請求書 再発行")).toBe("ja");
    expect(detectLanguage("How do I add seats?")).toBe("en");
    expect(detectLanguage("API トークンの有効期限")).toBe("ja");
    expect(detectLanguage("Slack 連携")).toBe("ja");
    expect(detectLanguage("12345 !!!")).toBeNull();
  });
});

describe("small talk", () => {
  it("recognises greetings, thanks and goodbyes in both languages", () => {
    expect(smallTalk("Hi!").kind).toBe("greeting");
    expect(smallTalk("こんにちは。").kind).toBe("greeting");
    expect(smallTalk("Thanks a lot :)").kind).toBe("thanks");
    expect(smallTalk("ありがとうございました！助かりました").kind).toBe("thanks");
    expect(smallTalk("bye").kind).toBe("goodbye");
  });

  it("drops a greeting in front of a question and keeps the question", () => {
    expect(smallTalk("Hi, how do I add seats?")).toEqual({
      kind: null,
      rest: "how do I add seats?",
    });
    expect(smallTalk("お世話になっております。請求書はどこですか").rest).toBe("請求書はどこですか");
    // "hi" inside a word is not a greeting.
    expect(smallTalk("hide a project")).toEqual({ kind: null, rest: "hide a project" });
  });
});

describe("follow-ups", () => {
  it("reads short narrowing messages as follow-ups and merges them with the previous question", () => {
    expect(isFollowUp("on mobile?")).toBe(true);
    expect(isFollowUp("what about admins?")).toBe(true);
    expect(isFollowUp("スマホでは？")).toBe(true);
    expect(isFollowUp("How do I download invoices?")).toBe(false);
    expect(isFollowUp("請求書をダウンロードする方法を教えてください")).toBe(false);
    expect(mergeFollowUp("on mobile?", "How do I sign in?")).toEqual({
      followUp: true,
      query: "How do I sign in? mobile",
      focus: "mobile",
    });
    expect(mergeFollowUp("スマホでは？", "サインインの方法")).toMatchObject({
      followUp: true,
      focus: "スマホ",
    });
  });

  it("never merges without a previous question", () => {
    expect(mergeFollowUp("on mobile?", null)).toEqual({
      followUp: false,
      query: "on mobile?",
      focus: "",
    });
  });
});

function storeWith(
  ...docs: Array<{ id: string; slug: string; locale: string; title: string; body: string }>
) {
  const store = new PassageStore();
  for (const d of docs) {
    store.set(`article:${d.id}`, articlePassages({ ...d, sections: markdownSections(d.body) }));
  }
  return store;
}

describe("passage scorer", () => {
  const store = storeWith(
    { id: "ja", slug: "two-step-ja", locale: "ja", title: "2 段階認証", body: LOST_PHONE_JA },
    { id: "en", slug: "export", locale: "en", title: "Exporting your workspace", body: EXPORT_EN },
  );
  const synonyms = new Synonyms();
  synonyms.set(DEFAULT_SYNONYM_GROUPS);
  const best = (question: string) => {
    const query = analyzeQuery(question, store, synonyms);
    return ["article:ja", "article:en"]
      .flatMap((id) => store.passagesOf(id))
      .map((p) => ({ p, s: scorePassage(p, query, store) }))
      .sort((a, b) => b.s.score - a.s.score)[0]!;
  };

  it("ranks the section that answers a Japanese question first, through a synonym (スマホ)", () => {
    const top = best("スマホをなくしてしまいました。どうすればいいですか");
    expect(top.p.passage.heading).toBe("スマートフォンを紛失した場合");
    expect(top.s.coverage).toBeGreaterThan(0.4);
  });

  it("prefers the section whose heading names the question's words", () => {
    expect(best("How do I export the whole workspace?").p.passage.heading).toBe(
      "Export the whole workspace",
    );
    expect(best("how to delete the workspace").p.passage.heading).toBe("Delete the workspace");
  });

  it("gives a question about something absent a low coverage", () => {
    expect(best("Can I switch to dark mode?").s.coverage).toBeLessThan(0.3);
  });
});

describe("answer bot", () => {
  async function bot() {
    const engine = new EmbeddedSearchEngine();
    const docs = [
      { id: "ja", slug: "two-step-ja", locale: "ja", title: "2 段階認証", body: LOST_PHONE_JA },
      {
        id: "en",
        slug: "export",
        locale: "en",
        title: "Exporting your workspace",
        body: EXPORT_EN,
      },
    ];
    await engine.index(
      docs.map((d) =>
        articleDocument({
          ...d,
          summary: "",
          text: d.body,
          categorySlug: "c",
          tags: [],
          audience: "all",
          audiencePlans: [],
          audienceSegments: [],
          publishAt: null,
          helpfulCount: 0,
          unhelpfulCount: 0,
          viewCount: 0,
          updatedAt: new Date(0),
        }),
      ),
    );
    const b = new AnswerBot(engine, storeWith(...docs), new ExtractiveGenerator());
    b.setSynonyms(DEFAULT_SYNONYM_GROUPS);
    return b;
  }
  const access = { staff: false, signedIn: true, plan: "team", segment: null };

  it("quotes the passage in the question's language, and says when it does not know", async () => {
    const b = await bot();
    const ja = await b.answer({
      text: "スマホをなくしてコードが入力できません",
      previousQuestion: null,
      access,
      fallbackLocale: "en",
    });
    expect(ja).toMatchObject({ kind: "answer", locale: "ja" });
    if (ja.kind !== "smalltalk") expect(ja.text).toContain("リカバリーコードを使う");
    const unknown = await b.answer({
      text: "Do you have an office in Osaka?",
      previousQuestion: null,
      access,
      fallbackLocale: "ja",
    });
    expect(unknown).toMatchObject({ kind: "unknown", locale: "en", text: null });
    const hello = await b.answer({
      text: "Hello!",
      previousQuestion: null,
      access,
      fallbackLocale: "ja",
    });
    expect(hello).toMatchObject({ kind: "smalltalk", smallTalk: "greeting", locale: "en" });
  });
});

describe("extractive generator", () => {
  it("quotes short passages whole and cuts long ones to the sentences about the question", () => {
    expect(quote("Short answer.", "anything", 100)).toBe("Short answer.");
    const text =
      "Billing happens monthly. Seats can be added at any time. Invoices are PDF files you download. Refunds are not given.";
    const cut = quote(text, "download invoices", 60);
    expect(cut).toContain("Invoices are PDF files you download.");
    expect(cut.length).toBeLessThanOrEqual(70);
  });
});

describe("unanswered question groups", () => {
  it("groups similar wordings and keeps different questions apart", () => {
    expect(jaccard(questionTerms("the dark mode"), questionTerms("Dark mode?"))).toBe(1);
    const groups = clusterQuestions([
      { text: "Is there a dark mode?" },
      { text: "Can I switch to dark mode" },
      { text: "ダークモードはありますか" },
      { text: "ダークモードに切り替えたい" },
      { text: "Jira integration" },
    ]);
    expect(groups.map((g) => g.items.length)).toEqual([2, 2, 1]);
  });
});
