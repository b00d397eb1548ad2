// Splits text into the terms that search matches on, with offsets back into the original text.
//
// - Latin (and other spaced scripts): words of letters and digits, lightly stemmed so that
//   "invoices", "invoicing" and "invoice" meet. Apostrophes inside a word are dropped
//   ("colleague's" = "colleagues").
// - Japanese and Chinese: runs of kanji and kana become overlapping bigrams (パスワード →
//   パス スワ ワー ード), so text without spaces matches without a dictionary; a run of one
//   character is a unigram. ー and 々 stay inside runs. "API連携の設定" gives "api" plus the
//   bigrams of "連携の設定".
// - A small list of English stop words is marked (stop: true): they are not matched on their
//   own, but they stay in the token stream so that phrases such as "sign in" still line up.
import { normalizeText, normalizeWithOffsets } from "./normalize";

export { normalizeText, normalizeWithOffsets } from "./normalize";

export type TokenKind = "word" | "cjk";

export type Token = {
  /** What is indexed and matched: the stem of a word, or a CJK bigram/unigram. */
  term: string;
  /** The folded word before stemming (equal to term for CJK). */
  surface: string;
  kind: TokenKind;
  /** [start, end) in the original text. */
  start: number;
  end: number;
  /** Ordinal of the token in the text, stop words included. */
  position: number;
  /** Ordinal of the word the token belongs to: all bigrams of one CJK run share it. */
  group: number;
  stop: boolean;
};

/** Longer words (URLs, hashes) are cut: nobody types more than this. */
export const MAX_TERM_LENGTH = 48;
/** Words this short are kept whole by the stemmer. */
const MIN_STEMMABLE_LENGTH = 4;
/** The stemmer never leaves fewer letters than this. */
const MIN_STEM_LENGTH = 3;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have how i if in " +
    "into is it its me my of on or our should so than that the their them then there these they " +
    "this those to was we were what when where which who why will with would you your"
  ).split(" "),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const ASCII_LETTERS = /^[a-z]+$/;
const UNDOUBLE_KEEP = new Set(["l", "s", "z"]);

function undouble(w: string): string {
  const last = w[w.length - 1];
  if (
    w.length - 1 >= MIN_STEM_LENGTH &&
    last === w[w.length - 2] &&
    last !== undefined &&
    !UNDOUBLE_KEEP.has(last)
  ) {
    return w.slice(0, -1);
  }
  return w;
}

/**
 * A deliberately small English stemmer: plurals, -ing, -ed and a final -e. It only has to give
 * the same stem to the forms of one word (share/shared/sharing/shares → "shar"); the stem is
 * never shown. Words with digits or non-ASCII letters are left alone.
 */
export function stem(word: string): string {
  if (word.length < MIN_STEMMABLE_LENGTH || !ASCII_LETTERS.test(word)) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > MIN_STEMMABLE_LENGTH) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (/(?:xes|ches|shes|zzes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith("ing") && w.length - 3 >= MIN_STEM_LENGTH) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ied") && w.length > MIN_STEMMABLE_LENGTH) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ed") && !w.endsWith("eed") && w.length - 2 >= MIN_STEM_LENGTH) {
    w = undouble(w.slice(0, -2));
  }

  if (w.endsWith("e") && !w.endsWith("ee") && w.length - 1 >= MIN_STEM_LENGTH) w = w.slice(0, -1);
  return w;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const APOSTROPHES = /['\u2019]/g;

/** Kanji and kana (hiragana is already folded to katakana by normalisation). */
export function isCjkCodePoint(cp: number): boolean {
  return (
    (cp >= 0x3041 && cp <= 0x309f) || // hiragana
    (cp >= 0x30a1 && cp <= 0x30fa) || // katakana
    (cp >= 0x30fc && cp <= 0x30ff) || // ー ヽ ヾ ヿ
    (cp >= 0x31f0 && cp <= 0x31ff) || // small katakana extension
    (cp >= 0x3005 && cp <= 0x3007) || // 々 〆 〇
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39);
  }
  if (isCjkCodePoint(cp)) return false;
  // Punctuation blocks common in Japanese and English text, answered without a regex.
  if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f)) return false;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

function codePointAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return code;
}

function charLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/**
 * Receives the tokens of a text as ranges of its folded form (`text`), without building token
 * objects: indexing runs over every character of every document. `start`/`end` are offsets in
 * the original text, or -1 when the scan was asked not to track them.
 */
export type TokenVisitor = {
  /** A word in text[from, to); `apostrophe` when it contains one (to be dropped). */
  word(
    text: string,
    from: number,
    to: number,
    apostrophe: boolean,
    group: number,
    start: number,
    end: number,
  ): void;
  /** A CJK bigram (or lone character) in text[from, to); all bigrams of a run share `group`. */
  cjk(text: string, from: number, to: number, group: number, start: number, end: number): void;
};

/** The folded word as matched: apostrophes dropped, cut to MAX_TERM_LENGTH. */
export function wordSurface(text: string, from: number, to: number, apostrophe: boolean): string {
  let word = text.slice(from, to);
  if (apostrophe) word = word.replace(APOSTROPHES, "");
  return word.length > MAX_TERM_LENGTH ? word.slice(0, MAX_TERM_LENGTH) : word;
}

/** Folds `input` and reports its tokens to `visitor`, in order; tokenize() builds objects from it. */
export function scanTokens(input: string, visitor: TokenVisitor, withOffsets: boolean): void {
  let text: string;
  let starts: Int32Array | null = null;
  let ends: Int32Array | null = null;
  if (withOffsets) {
    const folded = normalizeWithOffsets(input);
    ({ text, starts, ends } = folded);
  } else {
    text = normalizeText(input);
  }
  const n = text.length;
  let group = 0;
  let i = 0;
  // Offsets into `text` of the characters of the current CJK run, plus an end sentinel.
  const run: number[] = [];

  while (i < n) {
    const cp = codePointAt(text, i);
    if (isWordCodePoint(cp)) {
      const first = i;
      let apostrophe = false;
      while (i < n) {
        const c = codePointAt(text, i);
        if (isWordCodePoint(c)) {
          i += charLength(c);
        } else if (
          (c === APOSTROPHE || c === RIGHT_QUOTE) &&
          i + 1 < n &&
          isWordCodePoint(codePointAt(text, i + 1))
        ) {
          apostrophe = true;
          i += 1;
        } else {
          break;
        }
      }
      const start = starts ? (starts[first] as number) : -1;
      const end = ends ? (ends[i - 1] as number) : -1;
      visitor.word(text, first, i, apostrophe, group, start, end);
      group++;
      continue;
    }
    if (isCjkCodePoint(cp)) {
      run.length = 0;
      while (i < n) {
        const c = codePointAt(text, i);
        if (!isCjkCodePoint(c)) break;
        run.push(i);
        i += charLength(c);
      }
      run.push(i);
      const chars = run.length - 1;
      const pieces = chars === 1 ? 1 : chars - 1;
      for (let k = 0; k < pieces; k++) {
        const from = run[k] as number;
        const to = run[Math.min(k + 2, chars)] as number;
        const start = starts ? (starts[from] as number) : -1;
        const end = ends ? (ends[to - 1] as number) : -1;
        visitor.cjk(text, from, to, group, start, end);
      }
      group++;
      continue;
    }
    i += charLength(cp);
  }
}

/** Tokens of a text, in order, with offsets into the original (not the folded) text. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  scanTokens(
    input,
    {
      word(text, from, to, apostrophe, group, start, end) {
        const surface = wordSurface(text, from, to, apostrophe);
        tokens.push({
          term: stem(surface),
          surface,
          kind: "word",
          start,
          end,
          position: tokens.length,
          group,
          stop: STOP_WORDS.has(surface),
        });
      },
      cjk(text, from, to, group, start, end) {
        const term = text.slice(from, to);
        tokens.push({
          term,
          surface: term,
          kind: "cjk",
          start,
          end,
          position: tokens.length,
          group,
          stop: false,
        });
      },
    },
    true,
  );
  return tokens;
}

/** The distinct terms a query matches on (stop words left out), for insights and adapters. */
export function queryTerms(query: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(query)) if (!token.stop) seen.add(token.term);
  return [...seen];
}
