import { describe, expect, it } from "vitest";
import { handleBase, uniqueHandle } from "./handle.server";

describe("handleBase", () => {
  it("folds the e-mail's local part to lower-case ASCII words", () => {
    expect(handleBase("Taro.Yamada@example.com")).toBe("taro_yamada");
    expect(handleBase("josé+forum@example.com")).toBe("jose_forum");
  });

  it("pads short or non-Latin local parts so every handle is readable", () => {
    expect(handleBase("a@example.com")).toBe("user_a");
    expect(handleBase("山田@example.jp")).toBe("user");
  });

  it("leaves room for a number within the handle length", () => {
    expect(handleBase(`${"x".repeat(60)}@example.com`).length).toBeLessThanOrEqual(20);
  });
});

describe("uniqueHandle", () => {
  it("takes the base when free, else the smallest free number", () => {
    expect(uniqueHandle("taro", [])).toBe("taro");
    expect(uniqueHandle("taro", ["taro", "taro2", "taro4"])).toBe("taro3");
  });
});
