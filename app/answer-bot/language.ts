// Which language a message is written in, so the bot answers in it: any kana means Japanese;
// kanji without kana counts as Japanese when it outweighs the Latin letters (漢字 only questions
// such as "請求書 再発行"); Latin letters otherwise. Digits, symbols and emoji say nothing.
import type { SearchLocale } from "~/search/types";

const KANA = /[\u3040-\u30ff\uff66-\uff9f]/g;
const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const LATIN = /[A-Za-z\u00c0-\u024f\uff21-\uff3a\uff41-\uff5a]/g;
/** A kanji carries about as much as a short Latin word. */
const LATIN_LETTERS_PER_KANJI = 3;

export function detectLanguage(text: string): SearchLocale | null {
  const kana = text.match(KANA)?.length ?? 0;
  if (kana > 0) return "ja";
  const kanji = text.match(KANJI)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (kanji > 0 && kanji * LATIN_LETTERS_PER_KANJI >= latin) return "ja";
  if (latin > 0) return "en";
  return null;
}

/** The language to answer in: the message's own, else the person's. */
export function answerLanguage(text: string, fallback: SearchLocale): SearchLocale {
  return detectLanguage(text) ?? fallback;
}
