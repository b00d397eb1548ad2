// Shared by the search speed benchmarks: a fixed mix of what people type into the header box.

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Whole words, typos, half-typed last words, Japanese phrases, full-width and synonyms. */
export const SPEED_QUERIES = [
  "invoice",
  "invoce",
  "password reset",
  "pasword",
  "export rep",
  "two-step verification",
  "sso",
  "saml setup",
  "webhook",
  "webhok retries",
  "add seats",
  "guest",
  "dashboard filter",
  "how do i change my plan",
  "api token",
  "ＡＰＩ",
  "ｐａｓｓｗｏｒｄ",
  "sign in",
  "project template",
  "calendar view",
  "請求書",
  "請求書 ダウンロード",
  "ログインできない",
  "パスワード",
  "パスワードを忘れた",
  "二段階認証",
  "メンバーを招待",
  "プロジェクト",
  "ﾌﾟﾛｼﾞｪｸﾄ",
  "レポート 共有",
  "シングルサインオン",
  "データのエクスポート",
  "席を追加",
  "タスク",
  "ダッシュボード",
  "通知",
];
