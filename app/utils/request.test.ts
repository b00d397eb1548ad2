import { describe, expect, it } from "vitest";
import { safeRedirect } from "./request.server";

describe("safeRedirect", () => {
  it("allows only same-site paths", () => {
    expect(safeRedirect("/kb?x=1")).toBe("/kb?x=1");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect("", "/home")).toBe("/home");
  });
});
