// Follow-ups narrow the previous question: after "How do I sign in?" the message "on mobile?"
// means "How do I sign in on mobile?". A follow-up is short and either starts like one ("and",
// "what about", "on …") or ends like one ("スマホでは？", "管理者の場合は"); it is then searched
// together with the previous question, and its own words weigh more (they are the narrowing).
import { tokenize } from "~/search/tokenizer";

/** Content terms at most: anything longer is a question of its own. */
export const FOLLOW_UP_MAX_TERMS = 4;
/** Japanese follow-ups are counted in characters (bigrams say little about length). */
export const FOLLOW_UP_MAX_CJK_CHARS = 12;

const EN_START =
  /^(?:and|but|also|so|then|what about|how about|and what about|and if|what if|same for|same on|on|in|for|with|via|using|from|through|inside|by|ok(?:ay)?,? (?:and|what about|how about))\b/i;
const EN_QUESTION_WORD =
  /^(?:how|what|why|where|when|who|which|can|could|is|are|do|does|should|will|would|may|i|my|we|our|please)\b/i;
const JA_END =
  /(?:では|でも|だと|なら|の場合|の場合は|場合は|については|は|って|も|の方|のほう|はどう|はどうですか|はどうでしょう|でしょうか|ですか|だったら)[？?。]*$/;
const JA_START = /^(?:じゃあ|では|それでは|それって|あと|ちなみに|それと|また)[、,]?/;
const WORD_COUNT = /[A-Za-z0-9]+/g;

export type FollowUp = {
  followUp: boolean;
  /** What is searched: the message itself, or the previous question with the message. */
  query: string;
  /** The message's words, for the scorer to weigh up (empty when not a follow-up). */
  focus: string;
};

function contentTermCount(text: string): number {
  return tokenize(text).filter((t) => !t.stop && t.kind === "word").length;
}

function cjkChars(text: string): number {
  return text.match(/[\u3040-\u30ff\u3400-\u9fff]/g)?.length ?? 0;
}

export function isFollowUp(message: string): boolean {
  const text = message.trim();
  if (!text) return false;
  const cjk = cjkChars(text);
  if (cjk > 0) {
    if (cjk > FOLLOW_UP_MAX_CJK_CHARS) return false;
    return JA_END.test(text) || JA_START.test(text);
  }
  const words = text.match(WORD_COUNT)?.length ?? 0;
  if (words === 0 || contentTermCount(text) > FOLLOW_UP_MAX_TERMS) return false;
  if (EN_START.test(text)) return true;
  // "mobile?" or "for admins?" alone: short, a question mark, no question word of its own.
  return /\?\s*$/.test(text) && words <= 3 && !EN_QUESTION_WORD.test(text);
}

/** Drops the words that only mark a follow-up ("and what about", "じゃあ", "は？"). */
function focusOf(message: string): string {
  return message
    .trim()
    .replace(EN_START, "")
    .replace(JA_START, "")
    .replace(JA_END, "")
    .replace(/[?？]+\s*$/, "")
    .trim();
}

export function mergeFollowUp(message: string, previousQuestion: string | null): FollowUp {
  if (!previousQuestion || !isFollowUp(message)) {
    return { followUp: false, query: message.trim(), focus: "" };
  }
  const focus = focusOf(message) || message.trim();
  return { followUp: true, query: `${previousQuestion.trim()} ${focus}`, focus };
}
