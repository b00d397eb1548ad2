// Writes app/data/common-passwords.txt: the 10,000 most common passwords that are long enough to
// pass the length rule (shorter ones are refused anyway), most common first, from the frequency-
// ordered list of @zxcvbn-ts/language-common (a dev dependency; the file is committed).
//   node scripts/build-common-passwords.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const COUNT = 10_000;
const MIN_LENGTH = 8; // PASSWORD_MIN_LENGTH in app/utils/password-rules.ts
const require = createRequire(import.meta.url);
const passwords = require("@zxcvbn-ts/language-common/src/passwords.json");
const seen = new Set();
for (const p of passwords) {
  const normal = p.normalize("NFKC").toLowerCase();
  if (normal.length >= MIN_LENGTH && !seen.has(normal)) seen.add(normal);
  if (seen.size === COUNT) break;
}
writeFileSync("app/data/common-passwords.txt", [...seen].join("\n") + "\n");
console.log(`app/data/common-passwords.txt: ${seen.size} passwords`);
