import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ja } from "./ja";
import { getT, localeFromAcceptLanguage } from "./index";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : keys(v as object, `${prefix}${k}.`),
  );
}

describe("messages", () => {
  it("has every English key in Japanese and no Japanese key missing in English", () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });

  it("uses the same interpolation variables in both languages", () => {
    const vars = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
    const flat = (obj: object) =>
      Object.fromEntries(
        keys(obj).map((k) => [
          k,
          k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], obj) as string,
        ]),
      );
    const [e, j] = [flat(en), flat(ja)];
    for (const key of Object.keys(e)) expect(vars(j[key]!), key).toEqual(vars(e[key]!));
  });

  it("translates with interpolation", () => {
    expect(getT("ja")("home.greeting", { name: "花子" })).toBe("おかえりなさい、花子 さん");
    expect(getT("en")("home.greeting", { name: "Ana" })).toBe("Welcome back, Ana");
  });
});

describe("localeFromAcceptLanguage", () => {
  it("prefers Japanese when the browser does", () => {
    expect(localeFromAcceptLanguage("ja-JP,ja;q=0.9,en-US;q=0.8")).toBe("ja");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,ja;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,ja;q=0.5,en;q=0.7")).toBe("en");
    expect(localeFromAcceptLanguage("de-DE")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage("ja;q=0")).toBeNull();
  });
});
