// Greetings, thanks and goodbyes in Japanese and English. A message made only of them gets a
// friendly line instead of a search; a greeting in front of a question ("Hi, how do I …") is
// dropped and the question is answered.
export type SmallTalkKind = "greeting" | "thanks" | "goodbye";

const PHRASES: Record<SmallTalkKind, string[]> = {
  greeting: [
    "hi there",
    "hello there",
    "hi",
    "hello",
    "hey",
    "hiya",
    "howdy",
    "yo",
    "greetings",
    "good morning",
    "good afternoon",
    "good evening",
    "hi team",
    "hello team",
    "dear support",
    "こんにちは",
    "こんにちわ",
    "こんばんは",
    "こんばんわ",
    "おはようございます",
    "おはよう",
    "はじめまして",
    "初めまして",
    "もしもし",
    "お疲れ様です",
    "お疲れさまです",
    "おつかれさまです",
    "お世話になっております",
    "お世話になります",
    "よろしくお願いします",
    "よろしくお願いいたします",
    "どうも",
  ],
  thanks: [
    "thank you so much",
    "thank you very much",
    "thanks a lot",
    "many thanks",
    "thank you",
    "thanks",
    "thx",
    "ty",
    "cheers",
    "great thanks",
    "perfect",
    "awesome",
    "that helped",
    "that helps",
    "got it",
    "ok",
    "okay",
    "ありがとうございました",
    "ありがとうございます",
    "ありがとう",
    "有難うございます",
    "助かりました",
    "助かります",
    "感謝します",
    "サンキュー",
    "了解しました",
    "わかりました",
    "分かりました",
  ],
  goodbye: [
    "goodbye",
    "good bye",
    "bye",
    "see you",
    "see ya",
    "さようなら",
    "失礼します",
    "またね",
    "では失礼します",
  ],
};

// Longest first, so "thank you very much" is one phrase rather than "thank you" + leftovers.
const ORDERED = (Object.entries(PHRASES) as Array<[SmallTalkKind, string[]]>)
  .flatMap(([kind, list]) => list.map((phrase) => ({ kind, phrase })))
  .sort((a, b) => b.phrase.length - a.phrase.length);

/** Punctuation, emoji and fillers that surround small talk ("Hi!!", "ありがとう😊", "Thanks :)"). */
const NOISE = /[\s\p{P}\p{S}\u3000ー〜~]+/gu;
const LATIN_WORD = /^[a-z]/;

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export type SmallTalk = {
  /** The small talk the whole message is, or null when there is a question in it. */
  kind: SmallTalkKind | null;
  /** The message without the leading small talk (equal to the message when there was none). */
  rest: string;
};

/** Strips one small-talk phrase from the start of folded text; returns it and what follows. */
function leading(folded: string): { kind: SmallTalkKind; length: number } | null {
  for (const { kind, phrase } of ORDERED) {
    if (!folded.startsWith(phrase)) continue;
    const next = folded.charAt(phrase.length);
    // "hi" must not match "hide", nor "ok" "okta".
    if (LATIN_WORD.test(phrase) && /[a-z0-9]/.test(next)) continue;
    return { kind, length: phrase.length };
  }
  return null;
}

export function smallTalk(message: string): SmallTalk {
  let folded = fold(message).replace(NOISE, " ").trim();
  const kinds: SmallTalkKind[] = [];
  // Several phrases in a row: "Hi, good morning!", "ありがとうございました。助かりました".
  for (let guard = 0; guard < 6 && folded; guard++) {
    const found = leading(folded);
    if (!found) break;
    kinds.push(found.kind);
    folded = folded.slice(found.length).trim();
  }
  if (!kinds.length) return { kind: null, rest: message.trim() };
  if (!folded) {
    // "Hi, thanks!" reads as thanks; the last phrase says what the person meant.
    return { kind: kinds[kinds.length - 1]!, rest: "" };
  }
  return { kind: null, rest: stripLeading(message, kinds.length) };
}

/** The original message without its first `count` small-talk phrases (case and width kept). */
function stripLeading(message: string, count: number): string {
  let rest = message.trim();
  for (let k = 0; k < count; k++) {
    const folded = fold(rest).replace(/^[\s\p{P}\p{S}\u3000]+/u, "");
    const skipped = fold(rest).length - folded.length;
    const found = leading(folded);
    if (!found) break;
    rest = rest.slice(skipped + found.length);
  }
  return rest.replace(/^[\s\p{P}\u3000]+/u, "").trim();
}
