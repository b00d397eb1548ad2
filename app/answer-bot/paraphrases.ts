// Words people use in questions for what the help center says another way. Unlike the search
// synonyms CS manages (which widen every search), these only help the answer bot match a
// question to a passage, so they may be looser: "mandatory" asks about what an article calls
// "require". Kept short and general; CS's synonym groups apply as well.
export const ANSWER_BOT_PARAPHRASES: string[][] = [
  ["e-mail", "email"],
  ["require", "mandatory", "compulsory", "enforce", "必須", "義務"],
  ["everyone", "everybody", "all members", "all users", "whole workspace", "全員", "全社員"],
  ["expiry", "expired", "expire", "有効期限", "期限切れ"],
  ["member", "employee", "staff member", "メンバー", "社員", "従業員"],
  ["cost", "how much", "price", "いくら", "料金"],
  ["cancel", "stop paying", "解約"],
  ["allowlist", "allow list", "whitelist", "許可リスト", "ホワイトリスト"],
  ["external", "outside", "contractor", "freelancer", "社外", "外部", "協力会社", "業務委託"],
  ["consume", "take up", "occupy", "使用", "消費"],
];
