// Text folding shared by indexing and querying, so that the forms people type and the forms
// articles use meet: ＡＰＩ = API, ｶﾀｶﾅ = カタカナ, Café = cafe, and ひらがな = ヒラガナ.
//
// Kana: hiragana is folded to katakana (not the reverse) so that the loanwords that carry most
// product vocabulary (ログイン, パスワード) keep the script they are written in; the folded text
// is only ever matched, never shown. Dakuten and handakuten stay (が ≠ か): they change the word.
//
// Each character is folded on its own together with the marks that follow it, so every output
// character can point back to the original characters it came from (for highlighting).

/** Maps output character i to the original range [starts[i], ends[i]). */
export type NormalizedText = { text: string; starts: Int32Array; ends: Int32Array };

const HIRAGANA_FIRST = 0x3041; // ぁ
const HIRAGANA_LAST = 0x3096; // ゖ
const HIRAGANA_ITERATION_FIRST = 0x309d; // ゝ
const HIRAGANA_ITERATION_LAST = 0x309e; // ゞ
/** Distance from a hiragana code point to its katakana twin. */
const KANA_OFFSET = 0x60;
const HAS_DIACRITIC = /[\u0300-\u036f]/;
const DIACRITICS = /[\u0300-\u036f]/g;
const ASCII_UPPER_A = 0x41;
const ASCII_UPPER_Z = 0x5a;
const ASCII_CASE_OFFSET = 0x20;
const ASCII_LAST = 0x7f;
const HIGH_SURROGATE_FIRST = 0xd800;
const HIGH_SURROGATE_LAST = 0xdbff;

/** Code points that NFKC, lower-casing and diacritic removal leave alone (the bulk of our text). */
function isStableCjk(code: number): boolean {
  return (
    (code >= 0x30a1 && code <= 0x30fc) || // katakana, ・ and ー
    (code >= 0x4e00 && code <= 0x9fff) || // common kanji
    (code >= 0x3001 && code <= 0x3005) || // 、。〃 and 々
    (code >= 0x3008 && code <= 0x3011) || // 〈〉《》「」『』【】
    (code >= 0x3014 && code <= 0x301f) // 〔〕 and other brackets
  );
}

function isHiragana(code: number): boolean {
  return (
    (code >= HIRAGANA_FIRST && code <= HIRAGANA_LAST) ||
    code === HIRAGANA_ITERATION_FIRST ||
    code === HIRAGANA_ITERATION_LAST
  );
}

/** Marks that NFKC merges into the character before them (accents, dakuten, half-width ﾞﾟ). */
function isJoiningMark(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    code === 0x3099 ||
    code === 0x309a ||
    code === 0xff9e ||
    code === 0xff9f ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}

function foldKana(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    out += isHiragana(code) ? String.fromCharCode(code + KANA_OFFSET) : s[i];
  }
  return out;
}

/** The slow path: one character with its marks, through NFKC, lower case and accent removal. */
function foldCluster(cluster: string): string {
  let s = cluster.normalize("NFKC").toLowerCase();
  const decomposed = s.normalize("NFD");
  if (HAS_DIACRITIC.test(decomposed)) {
    // NFC afterwards recomposes the Japanese voiced marks that NFD split off.
    s = decomposed.replace(DIACRITICS, "").normalize("NFC");
  }
  return foldKana(s);
}

// Folding writes UTF-16 code units (and, when asked, offsets) into buffers reused across calls:
// it runs over every indexed character, so it avoids a string or callback per character.
let units = new Uint16Array(1_024);
let unitStarts = new Int32Array(1_024);
let unitEnds = new Int32Array(1_024);
/** Characters per String.fromCharCode call (its arguments go on the stack). */
const DECODE_CHUNK = 8_192;
const FIRST_JOINING_MARK = 0x0300;

function reserve(needed: number): void {
  if (units.length >= needed) return;
  const size = Math.max(needed, units.length * 2);
  const grownUnits = new Uint16Array(size);
  grownUnits.set(units);
  units = grownUnits;
  const grownStarts = new Int32Array(size);
  grownStarts.set(unitStarts);
  unitStarts = grownStarts;
  const grownEnds = new Int32Array(size);
  grownEnds.set(unitEnds);
  unitEnds = grownEnds;
}

/** Folds `input` into the buffers; returns the number of code units written. */
function fold(input: string, withOffsets: boolean): number {
  const length = input.length;
  // Folding can lengthen text (㍿ → 株式会社), so the buffer grows on the slow path as needed.
  reserve(length);
  let n = 0;
  let i = 0;
  while (i < length) {
    const code = input.charCodeAt(i);
    const next = i + 1 < length ? input.charCodeAt(i + 1) : 0;
    if (next < FIRST_JOINING_MARK || !isJoiningMark(next)) {
      let folded = -1;
      if (code <= ASCII_LAST) {
        folded = code >= ASCII_UPPER_A && code <= ASCII_UPPER_Z ? code + ASCII_CASE_OFFSET : code;
      } else if (isStableCjk(code)) {
        folded = code;
      } else if (isHiragana(code)) {
        folded = code + KANA_OFFSET;
      }
      if (folded >= 0) {
        units[n] = folded;
        if (withOffsets) {
          unitStarts[n] = i;
          unitEnds[n] = i + 1;
        }
        n++;
        i++;
        continue;
      }
    }
    let end = i + (code >= HIGH_SURROGATE_FIRST && code <= HIGH_SURROGATE_LAST ? 2 : 1);
    while (end < length && isJoiningMark(input.charCodeAt(end))) end++;
    const folded = foldCluster(input.slice(i, end));
    reserve(n + folded.length + (length - end));
    for (let k = 0; k < folded.length; k++) {
      units[n] = folded.charCodeAt(k);
      if (withOffsets) {
        unitStarts[n] = i;
        unitEnds[n] = end;
      }
      n++;
    }
    i = end;
  }
  return n;
}

function decode(n: number): string {
  let text = "";
  for (let from = 0; from < n; from += DECODE_CHUNK) {
    const chunk = units.subarray(from, Math.min(n, from + DECODE_CHUNK));
    text += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return text;
}

/** The folded form used for matching: NFKC, lower case, no Latin accents, hiragana as katakana. */
export function normalizeText(input: string): string {
  return decode(fold(input, false));
}

/** normalizeText plus, for every output character, the original range it came from. */
export function normalizeWithOffsets(input: string): NormalizedText {
  const n = fold(input, true);
  return { text: decode(n), starts: unitStarts.slice(0, n), ends: unitEnds.slice(0, n) };
}
