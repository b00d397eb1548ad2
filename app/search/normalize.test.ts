import { describe, expect, it } from "vitest";
import { normalizeText, normalizeWithOffsets } from "./normalize";

describe("normalizeText", () => {
  it("turns full-width letters and digits into ASCII, lower-cased", () => {
    expect(normalizeText("ＡＰＩ ｖ２")).toBe("api v2");
    expect(normalizeText("Ｗｅｂｈｏｏｋ　署名")).toBe("webhook 署名");
  });

  it("turns half-width katakana into full-width, voiced marks included", () => {
    expect(normalizeText("ｶﾀｶﾅ")).toBe("カタカナ");
    expect(normalizeText("ﾊﾟｽﾜｰﾄﾞ")).toBe("パスワード");
  });

  it("folds hiragana to katakana", () => {
    expect(normalizeText("ろぐいん")).toBe("ログイン");
    expect(normalizeText("ゝゞ")).toBe("ヽヾ");
  });

  it("keeps dakuten and handakuten, which change the word", () => {
    expect(normalizeText("が")).toBe("ガ");
    expect(normalizeText("か\u3099")).toBe("ガ");
    expect(normalizeText("ぱ")).not.toBe(normalizeText("は"));
  });

  it("removes Latin diacritics", () => {
    expect(normalizeText("Café Crème naïve Ångström")).toBe("cafe creme naive angstrom");
    expect(normalizeText("e\u0301")).toBe("e");
  });

  it("expands compatibility characters", () => {
    expect(normalizeText("㍿")).toBe("株式会社");
    expect(normalizeText("ﬁle")).toBe("file");
  });

  it("leaves kanji, punctuation and emoji alone", () => {
    expect(normalizeText("二段階認証、設定！🙂")).toBe("二段階認証、設定!🙂");
  });
});

describe("normalizeWithOffsets", () => {
  it("points every folded character back to the characters it came from", () => {
    const input = "ﾊﾟｽ API";
    const { text, starts, ends } = normalizeWithOffsets(input);
    expect(text).toBe("パス api");
    // パ comes from the two characters ﾊﾟ.
    expect([starts[0], ends[0]]).toEqual([0, 2]);
    expect([starts[1], ends[1]]).toEqual([2, 3]);
    expect(input.slice(starts[3], ends[5])).toBe("API");
  });

  it("maps every character of an expansion to the one original character", () => {
    const { text, starts, ends } = normalizeWithOffsets("a㍿b");
    expect(text).toBe("a株式会社b");
    expect(Array.from(starts)).toEqual([0, 1, 1, 1, 1, 2]);
    expect(Array.from(ends)).toEqual([1, 2, 2, 2, 2, 3]);
  });

  it("agrees with normalizeText on long mixed text", () => {
    const input = "Ｈｅｌｌｏ ｶﾀｶﾅ ひらがな Café ".repeat(500);
    expect(normalizeWithOffsets(input).text).toBe(normalizeText(input));
  });
});
