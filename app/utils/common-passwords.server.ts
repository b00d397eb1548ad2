// The 10,000 most common passwords of at least PASSWORD_MIN_LENGTH characters
// (app/data/common-passwords.txt, made by scripts/build-common-passwords.mjs). Server-only: the
// list (90 KB) stays out of the browser bundle; the server answers with a field message.
import list from "~/data/common-passwords.txt?raw";

const COMMON = new Set(list.split("\n").filter(Boolean));

/** Case and width do not make a common password uncommon: "PassWord123" is "password123". */
export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.normalize("NFKC").toLowerCase());
}

export const COMMON_PASSWORD_COUNT = COMMON.size;
