// The labelled relevance set: what customers type into the help-center search, and the one
// article (slug from content/) a support person would send them. Written from the articles
// before any engine was measured; do not edit a query to suit an engine. Add new ones from
// real search logs instead (zero-result and low-click queries in /admin/insights).
//
// Kinds: en / ja plain keyword queries; typo (misspellings, wrong kanji, dropped long vowels);
// partial (words cut off while typing); synonym (a word the expected article never uses, but
// DEFAULT_SYNONYM_GROUPS links to one it does); width (full-width Latin, half-width katakana,
// ideographic spaces); question (whole sentences, as typed into a support form).
// The searcher's language is the expected article's locale (slugs ending in "-ja").

export type RelevanceKind = "en" | "ja" | "typo" | "partial" | "synonym" | "width" | "question";

export type RelevanceQuery = { query: string; expected: string; kind: RelevanceKind };

export const RELEVANCE_KINDS: readonly RelevanceKind[] = [
  "en",
  "ja",
  "typo",
  "partial",
  "synonym",
  "width",
  "question",
];

export const RELEVANCE_QUERIES: RelevanceQuery[] = [
  // English keywords
  { query: "download invoice pdf", expected: "download-invoices", kind: "en" },
  { query: "add seats", expected: "add-or-remove-seats", kind: "en" },
  { query: "change credit card", expected: "change-payment-method", kind: "en" },
  { query: "saml okta", expected: "saml-sso-setup", kind: "en" },
  { query: "audit log retention", expected: "audit-log", kind: "en" },
  { query: "delete workspace", expected: "data-export-and-deletion", kind: "en" },
  { query: "slack channel notifications", expected: "slack-integration", kind: "en" },
  { query: "api 429 too many requests", expected: "api-rate-limits", kind: "en" },
  { query: "gantt dependencies", expected: "timeline-gantt-dependencies", kind: "en" },
  { query: "wip limits", expected: "kanban-board-basics", kind: "en" },
  { query: "schedule report email", expected: "schedule-report-email", kind: "en" },
  { query: "import tasks from excel", expected: "import-from-spreadsheet", kind: "en" },
  { query: "microsoft teams", expected: "teams-integration", kind: "en" },
  { query: "verify webhook signature", expected: "webhooks-guide", kind: "en" },

  // Japanese keywords
  { query: "請求書 ダウンロード", expected: "download-invoices-ja", kind: "ja" },
  { query: "席数 追加", expected: "add-or-remove-seats-ja", kind: "ja" },
  { query: "支払い方法 変更", expected: "change-payment-method-ja", kind: "ja" },
  { query: "監査ログ 保存期間", expected: "audit-log-ja", kind: "ja" },
  { query: "プロジェクト テンプレート", expected: "project-templates-ja", kind: "ja" },
  { query: "タイマー 作業時間", expected: "time-tracking-ja", kind: "ja" },
  { query: "ダッシュボード 公開リンク", expected: "share-dashboard-by-link-ja", kind: "ja" },
  { query: "レポート 定期配信", expected: "schedule-report-email-ja", kind: "ja" },
  { query: "消費税 通貨", expected: "billing-faq-tax-and-currency-ja", kind: "ja" },
  { query: "カレンダー 同期", expected: "calendar-sync-ja", kind: "ja" },
  { query: "メンバー 招待", expected: "invite-your-team-ja", kind: "ja" },
  { query: "フィルター 優先順位", expected: "report-filters-explained-ja", kind: "ja" },
  { query: "アーカイブ 削除 違い", expected: "archive-or-delete-project-ja", kind: "ja" },
  { query: "タスク 繰り返し", expected: "recurring-tasks-ja", kind: "ja" },

  // Typos
  { query: "invoce", expected: "download-invoices", kind: "typo" },
  { query: "two-step verificaton", expected: "enable-two-step-verification", kind: "typo" },
  { query: "kanbn board", expected: "kanban-board-basics", kind: "typo" },
  { query: "webhok retries", expected: "webhooks-guide", kind: "typo" },
  { query: "zappier", expected: "zapier-recipes", kind: "typo" },
  { query: "calender sync outlook", expected: "calendar-sync", kind: "typo" },
  { query: "dashbord public link", expected: "share-dashboard-by-link", kind: "typo" },
  { query: "scim provisoning", expected: "scim-provisioning", kind: "typo" },
  { query: "スプレットシート 取り込み", expected: "import-from-spreadsheet-ja", kind: "typo" },
  { query: "ダッシュボド 共有", expected: "share-dashboard-by-link-ja", kind: "typo" },
  { query: "請求所 ダウンロード", expected: "download-invoices-ja", kind: "typo" },
  { query: "工数管里 タイマー", expected: "time-tracking-ja", kind: "typo" },
  { query: "テンプレト プロジェクト", expected: "project-templates-ja", kind: "typo" },
  { query: "アップグレート", expected: "upgrade-or-downgrade-ja", kind: "typo" },
  { query: "API レート性限", expected: "api-rate-limits-ja", kind: "typo" },

  // Words cut off while typing
  { query: "invoi", expected: "download-invoices", kind: "partial" },
  { query: "dashboard passw", expected: "share-dashboard-by-link", kind: "partial" },
  { query: "provisio", expected: "scim-provisioning", kind: "partial" },
  { query: "task depend", expected: "timeline-gantt-dependencies", kind: "partial" },
  { query: "recurr", expected: "recurring-tasks", kind: "partial" },
  { query: "webho", expected: "webhooks-guide", kind: "partial" },
  { query: "rate lim", expected: "api-rate-limits", kind: "partial" },
  { query: "テンプレ", expected: "project-templates-ja", kind: "partial" },
  { query: "プロビジョ", expected: "scim-provisioning-ja", kind: "partial" },
  { query: "スプレッド インポ", expected: "import-from-spreadsheet-ja", kind: "partial" },
  { query: "タイムシー", expected: "time-tracking-ja", kind: "partial" },
  { query: "レート制", expected: "api-rate-limits-ja", kind: "partial" },
  { query: "監査ロ", expected: "audit-log-ja", kind: "partial" },
  { query: "アーカイ", expected: "archive-or-delete-project-ja", kind: "partial" },

  // Synonyms: the expected article never uses the typed word
  { query: "login with company account", expected: "saml-sso-setup", kind: "synonym" },
  { query: "2fa", expected: "enable-two-step-verification", kind: "synonym" },
  { query: "require mfa for everyone", expected: "enable-two-step-verification", kind: "synonym" },
  { query: "create api key", expected: "create-api-token", kind: "synonym" },
  { query: "ip whitelist", expected: "ip-allow-list", kind: "synonym" },
  { query: "buy more licenses", expected: "add-or-remove-seats", kind: "synonym" },
  {
    query: "restore project from recycle bin",
    expected: "archive-or-delete-project",
    kind: "synonym",
  },
  { query: "pay by wire transfer", expected: "change-payment-method", kind: "synonym" },
  { query: "二段階認証", expected: "enable-two-step-verification-ja", kind: "synonym" },
  { query: "ライセンス 追加", expected: "add-or-remove-seats-ja", kind: "synonym" },
  { query: "APIキー 作成", expected: "create-api-token-ja", kind: "synonym" },
  { query: "IP ホワイトリスト", expected: "ip-allow-list-ja", kind: "synonym" },
  { query: "操作ログ", expected: "audit-log-ja", kind: "synonym" },
  { query: "プロジェクト ひな形", expected: "project-templates-ja", kind: "synonym" },
  { query: "エクセル 取り込み", expected: "import-from-spreadsheet-ja", kind: "synonym" },
  { query: "ロール 変更", expected: "choose-roles-for-members-ja", kind: "synonym" },

  // Full-width / half-width forms
  { query: "ＳＡＭＬ設定", expected: "saml-sso-setup-ja", kind: "width" },
  { query: "ＳＣＩＭ トークン", expected: "scim-provisioning-ja", kind: "width" },
  { query: "ＡＰＩ　レート制限", expected: "api-rate-limits-ja", kind: "width" },
  { query: "ＣＳＶ エクスポート", expected: "export-csv-pdf-ja", kind: "width" },
  { query: "ｽﾌﾟﾚｯﾄﾞｼｰﾄ ｲﾝﾎﾟｰﾄ", expected: "import-from-spreadsheet-ja", kind: "width" },
  { query: "ﾀﾞｯｼｭﾎﾞｰﾄﾞ 共有", expected: "share-dashboard-by-link-ja", kind: "width" },
  { query: "Ｓｌａｃｋ 連携", expected: "slack-integration-ja", kind: "width" },
  { query: "ＩＰアドレス 制限", expected: "ip-allow-list-ja", kind: "width" },
  { query: "Ｗｅｂｈｏｏｋ　署名", expected: "webhooks-guide-ja", kind: "width" },
  { query: "２段階認証", expected: "enable-two-step-verification-ja", kind: "width" },
  { query: "ｶﾚﾝﾀﾞｰ 同期", expected: "calendar-sync-ja", kind: "width" },
  { query: "ｉｎｖｏｉｃｅ ｐｄｆ", expected: "download-invoices", kind: "width" },
  { query: "ＳＳＯ ｏｋｔａ", expected: "saml-sso-setup", kind: "width" },

  // Questions, as customers phrase them
  { query: "how do i add more seats", expected: "add-or-remove-seats", kind: "question" },
  {
    query: "how can I get a receipt for my payment",
    expected: "download-invoices",
    kind: "question",
  },
  {
    query: "why don't my report numbers match my colleague's",
    expected: "why-report-numbers-differ",
    kind: "question",
  },
  { query: "can i use acme cloud on my phone", expected: "mobile-apps", kind: "question" },
  {
    query: "what happens to my features if i downgrade",
    expected: "upgrade-or-downgrade",
    kind: "question",
  },
  {
    query: "someone left the company, how do i remove them",
    expected: "remove-a-member",
    kind: "question",
  },
  {
    query: "can people without an account see our dashboard",
    expected: "share-dashboard-by-link",
    kind: "question",
  },
  {
    query: "how do i make a task repeat every week",
    expected: "recurring-tasks",
    kind: "question",
  },
  {
    query: "ログインできない スマホをなくした",
    expected: "enable-two-step-verification-ja",
    kind: "question",
  },
  { query: "退職した人のアカウントを止めたい", expected: "remove-a-member-ja", kind: "question" },
  { query: "請求書の宛名を変更したい", expected: "download-invoices-ja", kind: "question" },
  {
    query: "レポートの数値が合わないのはなぜ",
    expected: "why-report-numbers-differ-ja",
    kind: "question",
  },
  { query: "スマホでも使えますか", expected: "mobile-apps-ja", kind: "question" },
  {
    query: "社外の人にダッシュボードを見せたい",
    expected: "share-dashboard-by-link-ja",
    kind: "question",
  },
  {
    query: "社内ネットワーク以外からのアクセスを禁止したい",
    expected: "ip-allow-list-ja",
    kind: "question",
  },
  {
    query: "Excel のタスク一覧を取り込むには？",
    expected: "import-from-spreadsheet-ja",
    kind: "question",
  },
];
