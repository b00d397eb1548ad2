// Highlights and snippets: where the matched words are in a title or body, and the window of
// body text with the most of them. Everything is plain text plus [start, end) offsets; the page
// wraps the ranges itself, so nothing here ever produces markup.
import { isWordCodePoint, normalizeWithOffsets, STOP_WORDS, stem, wordSurface } from "../tokenizer";

export type HighlightTerms = {
  /** Stems of matched Latin words. */
  words: Set<string>;
  /**
   * Matched CJK bigrams, each with the number of neighbouring matched bigrams it needs to be
   * highlighted: 2 for bigrams of a longer query word (so "ード" in "コード" is not marked for
   * "パスワード"), 1 for a query word that is one bigram long.
   */
  cjk: Map<string, number>;
};

export type Range = [number, number];

const ELLIPSIS = "…";
/** Share of the room left in a snippet window that goes before the first match. */
const LEAD_SHARE = 0.3;
/** At most this many characters of lead before the first match. */
const MAX_LEAD = 40;

function mergeRanges(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Ranges of `text` that match the query, ascending and not overlapping. */
export function highlightRanges(text: string, terms: HighlightTerms): Range[] {
  if (!text || (terms.words.size === 0 && terms.cjk.size === 0)) return [];
  // Search the folded text for each matched term rather than tokenising the whole text: a
  // results page builds ten snippets from bodies of thousands of characters.
  const { text: folded, starts, ends } = normalizeWithOffsets(text);
  const ranges: Range[] = [];
  const wordStarts = new Set<number>();
  for (const term of terms.words) {
    // Every form of a word starts with its stem, except "-y" stems (policy ← policies).
    const needle = term.length > 1 && term.endsWith("y") ? term.slice(0, -1) : term;
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
      if (wordStarts.has(at) || !startsWord(folded, at)) continue;
      wordStarts.add(at);
      const { end, apostrophe } = wordEnd(folded, at);
      const surface = wordSurface(folded, at, end, apostrophe);
      if (!STOP_WORDS.has(surface) && terms.words.has(stem(surface))) {
        ranges.push([starts[at] as number, ends[end - 1] as number]);
      }
    }
  }
  if (terms.cjk.size > 0) {
    // need[p]: a matched CJK term starts at p and needs that many matched neighbours.
    const need = new Uint8Array(folded.length + 1);
    const termLength = new Uint8Array(folded.length + 1);
    for (const [term, chain] of terms.cjk) {
      for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
        need[at] = need[at] === 0 ? chain : Math.min(need[at] as number, chain);
        termLength[at] = Math.max(termLength[at] as number, term.length);
      }
    }
    let p = 0;
    while (p < folded.length) {
      if (need[p] === 0) {
        p++;
        continue;
      }
      // A chain of overlapping matched terms (bigrams of one run start at consecutive places).
      const first = p;
      let least = need[p] as number;
      let last = p;
      while (p + 1 < folded.length && need[p + 1] !== 0 && termLength[p] === 2) {
        p++;
        least = Math.min(least, need[p] as number);
        last = p;
      }
      const count = last - first + 1;
      if (count >= least) {
        const end = last + (termLength[last] as number) - 1;
        ranges.push([starts[first] as number, ends[end] as number]);
      }
      p = last + 1;
    }
  }
  return mergeRanges(ranges);
}

function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  if (isWordCodePoint(before)) return false;
  // "don't": the letters after an apostrophe inside a word do not start a word.
  const isApostrophe = before === 0x27 || before === 0x2019;
  return !(isApostrophe && at >= 2 && isWordCodePoint(text.charCodeAt(at - 2)));
}

function wordEnd(text: string, from: number): { end: number; apostrophe: boolean } {
  let end = from;
  let apostrophe = false;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (isWordCodePoint(code)) end++;
    else if ((code === 0x27 || code === 0x2019) && isWordCodePoint(text.charCodeAt(end + 1))) {
      apostrophe = true;
      end++;
    } else break;
  }
  return { end, apostrophe };
}

function isWordChar(char: string | undefined): boolean {
  return (
    char !== undefined &&
    /[\p{L}\p{N}]/u.test(char) &&
    !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(char)
  );
}

function isLowSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The `length`-character window of `text` holding the most highlight ranges, cut at word
 * boundaries, with "…" where text was cut. Highlights are offsets into the returned snippet.
 */
export function buildSnippet(
  text: string,
  ranges: Range[],
  length: number,
): { snippet: string; highlights: Range[] } {
  if (text.length <= length) return { snippet: text, highlights: ranges.map((r) => [r[0], r[1]]) };

  // The window with the most ranges: for each first range, how many more fit after it.
  let bestFirst = 0;
  let bestCount = 0;
  let last = 0;
  for (let first = 0; first < ranges.length; first++) {
    const limit = (ranges[first] as Range)[0] + length;
    if (last < first) last = first;
    while (last < ranges.length && (ranges[last] as Range)[1] <= limit) last++;
    if (last - first > bestCount) {
      bestCount = last - first;
      bestFirst = first;
    }
  }

  let start = 0;
  if (bestCount > 0) {
    const firstRange = ranges[bestFirst] as Range;
    const lastRange = ranges[bestFirst + bestCount - 1] as Range;
    const room = length - (lastRange[1] - firstRange[0]);
    start = Math.max(0, firstRange[0] - Math.min(MAX_LEAD, Math.floor(room * LEAD_SHARE)));
  }
  let end = Math.min(text.length, start + length);
  if (end === text.length) start = Math.max(0, end - length);
  const firstMatch = bestCount > 0 ? (ranges[bestFirst] as Range)[0] : end;
  const lastMatch = bestCount > 0 ? (ranges[bestFirst + bestCount - 1] as Range)[1] : start;

  // Do not cut words (or surrogate pairs) in half; never move past the matches themselves.
  if (start > 0) {
    while (start < firstMatch && isWordChar(text[start - 1]) && isWordChar(text[start])) start++;
    while (start < firstMatch && /\s/.test(text[start] as string)) start++;
    if (isLowSurrogate(text, start)) start++;
  }
  if (end < text.length) {
    let cut = end;
    while (cut > lastMatch && isWordChar(text[cut - 1]) && isWordChar(text[cut])) cut--;
    if (cut > lastMatch) end = cut;
    while (end > lastMatch && /\s/.test(text[end - 1] as string)) end--;
    if (isLowSurrogate(text, end)) end--;
  }

  const lead = start > 0 ? ELLIPSIS : "";
  const snippet = `${lead}${text.slice(start, end)}${end < text.length ? ELLIPSIS : ""}`;
  const highlights: Range[] = [];
  for (const [from, to] of ranges) {
    if (from >= start && to <= end)
      highlights.push([from - start + lead.length, to - start + lead.length]);
  }
  return { snippet, highlights };
}
