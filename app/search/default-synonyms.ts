// The synonym groups the demo help center starts with (the seed loads them; CS edits them later)
// and that the relevance benchmark applies to every engine. Each group holds words a customer
// uses for the same thing in this product: the spelling our articles use comes first, then what
// people type instead (other script, other language, colloquial or older names). Words that only
// overlap in meaning ("delete" vs "archive", "card" as in a board card) are left out on purpose,
// because a synonym widens every query that contains it.
export const DEFAULT_SYNONYM_GROUPS: string[][] = [
  ["sign in", "サインイン", "log in", "login", "signin", "ログイン"],
  [
    "two-step verification",
    "2 段階認証",
    "2段階認証",
    "二段階認証",
    "2fa",
    "mfa",
    "two-factor authentication",
    "二要素認証",
  ],
  ["single sign-on", "sso", "シングルサインオン"],
  ["password", "パスワード", "passcode"],
  ["seat", "席", "席数", "license", "ライセンス"],
  ["invoice", "請求書", "インボイス"],
  ["receipt", "領収書"],
  ["bank transfer", "銀行振込", "振込", "振り込み", "wire transfer"],
  ["credit card", "クレジットカード"],
  ["api token", "api トークン", "apiトークン", "api key", "api キー", "apiキー"],
  ["allow-list", "許可リスト", "allowlist", "whitelist", "ホワイトリスト"],
  ["rate limit", "レート制限", "throttling", "throttle"],
  ["audit log", "監査ログ", "activity log", "操作ログ", "操作履歴"],
  ["role", "権限", "ロール", "permission"],
  ["deactivate", "無効化", "offboard", "offboarding"],
  ["trash", "ゴミ箱", "ごみ箱", "recycle bin"],
  ["template", "テンプレート", "ひな形", "雛形"],
  ["spreadsheet", "スプレッドシート", "google sheets", "スプシ"],
  ["excel", "エクセル"],
  ["time tracking", "工数管理", "工数"],
  ["gantt", "ガントチャート", "ガント"],
  ["kanban", "かんばん", "カンバン"],
  ["webhook", "ウェブフック", "web hook"],
  ["smartphone", "スマートフォン", "スマホ", "mobile", "モバイル"],
  ["due date", "期日", "deadline", "締め切り"],
  ["pricing", "料金", "価格", "price"],
];
