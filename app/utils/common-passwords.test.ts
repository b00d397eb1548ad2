import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD_COUNT, isCommonPassword } from "./common-passwords.server";

describe("common passwords", () => {
  it("holds ten thousand entries", () => {
    expect(COMMON_PASSWORD_COUNT).toBe(10_000);
  });

  it("knows the famous ones whatever their case or width", () => {
    for (const p of [
      "password",
      "12345678",
      "qwertyuiop",
      "PassWord",
      "ｐａｓｓｗｏｒｄ",
      "iloveyou",
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it("lets a passphrase through", () => {
    expect(isCommonPassword("correct horse battery")).toBe(false);
    expect(isCommonPassword("紫陽花が咲く六月の雨")).toBe(false);
  });
});
