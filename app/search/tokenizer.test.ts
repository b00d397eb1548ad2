import { describe, expect, it } from "vitest";
import { queryTerms, stem, tokenize } from "./tokenizer";

const terms = (text: string) => tokenize(text).map((t) => t.term);

describe("tokenize", () => {
  it("splits Latin text into lower-cased words with offsets into the original", () => {
    const text = "Reset YOUR password";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.surface)).toEqual(["reset", "your", "password"]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["Reset", "YOUR", "password"]);
  });

  it("marks stop words without dropping them, so phrases still line up", () => {
    const tokens = tokenize("how do I sign in");
    expect(tokens.map((t) => [t.surface, t.stop])).toEqual([
      ["how", true],
      ["do", true],
      ["i", true],
      ["sign", false],
      ["in", true],
    ]);
    expect(tokens.map((t) => t.position)).toEqual([0, 1, 2, 3, 4]);
  });

  it("joins apostrophes inside a word and splits on other punctuation", () => {
    expect(tokenize("colleague's don't e-mail").map((t) => t.surface)).toEqual([
      "colleagues",
      "dont",
      "e",
      "mail",
    ]);
  });

  it("cuts Japanese runs into overlapping bigrams", () => {
    expect(terms("パスワード")).toEqual(["パス", "スワ", "ワー", "ード"]);
    const tokens = tokenize("二段階認証");
    expect(tokens.map((t) => "二段階認証".slice(t.start, t.end))).toEqual([
      "二段",
      "段階",
      "階認",
      "認証",
    ]);
    expect(new Set(tokens.map((t) => t.group)).size).toBe(1);
  });

  it("keeps a one-character run as a unigram", () => {
    expect(terms("席 を")).toEqual(["席", "ヲ"]);
  });

  it("splits mixed text into a word and the bigrams of the rest", () => {
    expect(terms("API連携の設定")).toEqual(["api", "連携", "携ノ", "ノ設", "設定"]);
  });

  it("keeps the long-vowel mark and the repetition mark inside runs", () => {
    expect(terms("ユーザー")).toEqual(["ユー", "ーザ", "ザー"]);
    expect(terms("人々")).toEqual(["人々"]);
  });

  it("tokenizes half-width, full-width and hiragana forms alike", () => {
    expect(terms("ﾊﾟｽﾜｰﾄﾞ")).toEqual(terms("パスワード"));
    expect(terms("ぱすわーど")).toEqual(terms("パスワード"));
    expect(terms("ＡＰＩ")).toEqual(["api"]);
  });

  it("gives offsets into the original text for folded input", () => {
    const text = "ﾊﾟｽﾜｰﾄﾞを変更";
    const [first] = tokenize(text);
    expect(text.slice(first!.start, first!.end)).toBe("ﾊﾟｽ");
  });

  it("ignores emoji, symbols and regular-expression characters", () => {
    const text = "🙂 .* [a-]+ (?) $^ \\";
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(["a"]);
    expect(tokenize("🙂🚀 ... ！？")).toEqual([]);
  });

  it("cuts very long words, and survives a 10,000-character input", () => {
    const [token] = tokenize("x".repeat(10_000));
    expect(token!.surface.length).toBeLessThanOrEqual(48);
    expect(token!.end).toBe(10_000);
  });
});

describe("stem", () => {
  it("gives the forms of a word one stem", () => {
    const forms = [
      ["invoice", "invoices", "invoicing", "invoiced"],
      ["share", "shares", "shared", "sharing"],
      ["setting", "settings", "set", "sets"],
      ["policy", "policies"],
      ["apply", "applied", "applies", "applying"],
      ["match", "matches", "matched"],
      ["cache", "caches", "cached"],
      ["add", "added", "adding", "adds"],
    ];
    for (const group of forms) {
      expect(new Set(group.map(stem)), group.join(",")).toHaveProperty("size", 1);
    }
  });

  it("leaves short words, words with digits and words ending in -ss/-us/-is alone", () => {
    for (const word of ["api", "sso", "2fa", "access", "status", "analysis", "need", "bill"]) {
      expect(stem(word)).toBe(word);
    }
    // "billing" keeps its double l: bill, not bil.
    expect(stem("billing")).toBe("bill");
  });

  it("does not stem non-ASCII words", () => {
    expect(stem("größen")).toBe("größen");
  });
});

describe("queryTerms", () => {
  it("lists the distinct terms a query matches on, without stop words", () => {
    expect(queryTerms("How do I reset my passwords? Password!")).toEqual(["reset", "password"]);
    expect(queryTerms("ＡＰＩ連携")).toEqual(["api", "連携"]);
  });
});
