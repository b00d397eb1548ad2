// The answer bot's labelled set: questions as customers type them into the chat (whole
// sentences, polite, long-winded, with typos and wrong conversions), each with the passage a
// support person would quote: the article slug from content/ and the heading id of the section
// (null = the article's opening, before the first heading). `accept` lists other passages that
// answer the question just as well. Questions with `expected: null` are not answered anywhere in
// the demo content: the bot must say it does not know. `previous` makes a question a follow-up.
//
// Written from the articles before the bot was tuned; do not edit a question to suit the bot.

export type ExpectedPassage = { slug: string; anchor: string | null };

export type LabelledQuestion = {
  question: string;
  locale: "ja" | "en";
  expected: ExpectedPassage | null;
  accept?: ExpectedPassage[];
  /** The question before it in the conversation (for follow-ups). */
  previous?: string;
};

const p = (slug: string, anchor: string | null = null): ExpectedPassage => ({ slug, anchor });

export const ANSWERED_QUESTIONS: LabelledQuestion[] = [
  // English
  {
    question:
      "Hi, I lost my phone and now I can't get past the verification code screen. How do I log in?",
    locale: "en",
    expected: p("enable-two-step-verification", "i-lost-my-phone-how-do-i-sign-in"),
  },
  {
    question: "Can we make two factor authentication mandatory for everybody in our company?",
    locale: "en",
    expected: p("enable-two-step-verification", "how-do-i-require-it-for-the-whole-workspace"),
  },
  {
    question: "which methods can i use for 2 step verification, is sms supported?",
    locale: "en",
    expected: p("enable-two-step-verification", "which-methods-can-i-use"),
  },
  {
    question: "Where can I download our invoices as PDF? Our accounting team is asking for them.",
    locale: "en",
    expected: p("download-invoices", null),
  },
  {
    question: "How can I change the company name and adress printed on the invoice?",
    locale: "en",
    expected: p("download-invoices", "how-do-i-change-the-company-name-or-address-on-invoices"),
  },
  {
    question: "What does it mean when an invoice says past due?",
    locale: "en",
    expected: p("download-invoices", "what-do-the-statuses-mean"),
    accept: [p("change-payment-method", "pay-an-open-or-past-due-invoice")],
  },
  {
    question: "Our credit card expired, how do I put in a new card for the subscription?",
    locale: "en",
    expected: p("change-payment-method", "enter-the-new-card"),
    accept: [
      p("change-payment-method", null),
      p("change-payment-method", "click-change-and-choose-a-method"),
    ],
  },
  {
    question:
      "Is it possible to pay by bank transfer instead of a card? We are on the Business plan.",
    locale: "en",
    expected: p("change-payment-method", "or-switch-to-bank-transfer"),
    accept: [p("change-payment-method", "click-change-and-choose-a-method")],
  },
  {
    question:
      "We hired 5 new people, how much will I pay if I add seats in the middle of the year?",
    locale: "en",
    expected: p("add-or-remove-seats", "how-much-do-i-pay-for-added-seats"),
  },
  {
    question: "Do guests use up a paid seat?",
    locale: "en",
    expected: p("add-or-remove-seats", "who-uses-a-seat"),
  },
  {
    question: "can i get a refund for the seats we dont need anymore",
    locale: "en",
    expected: p("add-or-remove-seats", "can-i-get-a-refund-for-seats-i-no-longer-need"),
  },
  {
    question: "Which currency will we be billed in? We are a company based in Germany.",
    locale: "en",
    expected: p("billing-faq-tax-and-currency", "which-currency-will-i-pay-in"),
  },
  {
    question: "Should we deduct withholding tax when paying your invoices from Japan?",
    locale: "en",
    expected: p("billing-faq-tax-and-currency", "is-withholding-tax-deducted"),
  },
  {
    question: "If I downgrade from Business to Team, what happens to the features we use?",
    locale: "en",
    expected: p("upgrade-or-downgrade", "what-happens-to-features-when-i-downgrade"),
  },
  {
    question: "Hello! Is there a free trial of the Enterprise plan before we upgrade?",
    locale: "en",
    expected: p("upgrade-or-downgrade", "do-you-offer-a-trial-of-a-higher-plan"),
  },
  {
    question: "Is annual billing cheaper than paying monthly?",
    locale: "en",
    expected: p("plans-compared", "monthly-or-annual-billing"),
  },
  {
    question: "One of our employees left the company. How do I remove him from the workspace?",
    locale: "en",
    expected: p("remove-a-member", null),
  },
  {
    question: "when i deactivate someone, what happens to the tasks they were working on?",
    locale: "en",
    expected: p("remove-a-member", "what-happens-to-their-work"),
  },
  {
    question: "Can we restrict access so people can only log in from our office network or VPN?",
    locale: "en",
    expected: p("ip-allow-list", null),
    accept: [p("ip-allow-list", "how-do-i-set-it-up")],
  },
  {
    question:
      "Our IT locked us out with the IP allowlist by mistake, is there an emergency way in?",
    locale: "en",
    expected: p("ip-allow-list", "is-there-an-emergency-way-in"),
  },
  {
    question: "How long are audit log events kept on the Business plan?",
    locale: "en",
    expected: p("audit-log", "retention"),
  },
  {
    question: "Where is our data stored? We need it to stay in the EU.",
    locale: "en",
    expected: p("data-export-and-deletion", "where-your-data-is-stored"),
  },
  {
    question:
      "A former employee asked us to erase their personal data under GDPR, how do we do that?",
    locale: "en",
    expected: p("data-export-and-deletion", "erase-a-persons-personal-data"),
  },
  {
    question: "How do I test the SAML connection before turning single sign on on for everyone?",
    locale: "en",
    expected: p("saml-sso-setup", "test-the-connection"),
  },
  {
    question: "Where do I generate the SCIM token for Okta provisioning?",
    locale: "en",
    expected: p("scim-provisioning", "generate-a-scim-token"),
  },
  {
    question: "What happens when our script hits the API rate limit and gets a 429 error?",
    locale: "en",
    expected: p("api-rate-limits", "how-should-my-script-handle-a-429"),
    accept: [p("api-rate-limits", null)],
  },
  {
    question: "How do I see how many API requests I have left this minute?",
    locale: "en",
    expected: p("api-rate-limits", "how-do-i-see-how-much-i-have-left"),
  },
  {
    question: "My tasks are not showing up in google calender, what should I check?",
    locale: "en",
    expected: p("calendar-sync", "tasks-are-not-appearing-what-should-i-check"),
  },
  {
    question: "how do I verify the webhook signature",
    locale: "en",
    expected: p("webhooks-guide", "verify-the-signature"),
  },
  {
    question: "Can I use Microsoft Teams and Slack at the same time?",
    locale: "en",
    expected: p("teams-integration", "can-i-use-teams-and-slack-at-the-same-time"),
  },
  {
    question:
      "Should I archive or delete a project that is finished? I don't want to lose the history.",
    locale: "en",
    expected: p("archive-or-delete-project", null),
    accept: [p("archive-or-delete-project", "archive-vs-delete")],
  },
  {
    question: "How do I set a WIP limit on a board column?",
    locale: "en",
    expected: p("kanban-board-basics", "work-in-progress-limits"),
  },
  {
    question: "I want a task that repeats every monday, how do I do that?",
    locale: "en",
    expected: p("recurring-tasks", null),
    accept: [p("recurring-tasks", "choosing-a-schedule")],
  },
  {
    question: "Forgot to start the timer yesterday, can I log time manually?",
    locale: "en",
    expected: p("time-tracking", "log-time-by-hand"),
  },
  {
    question:
      "When I open the CSV export in Excel, will the Japanese characters display correctly?",
    locale: "en",
    expected: p("export-csv-pdf", "opening-a-csv-in-excel"),
  },
  {
    question: "Why does my colleague see different numbers than me in the same report?",
    locale: "en",
    expected: p("why-report-numbers-differ", null),
    accept: [p("why-report-numbers-differ", "1-different-access-to-projects")],
  },
  {
    question: "Can I share a dashboard with a client who doesn't have an account?",
    locale: "en",
    expected: p("share-dashboard-by-link", null),
  },
  {
    question: "How do I send a report to my client by email every monday morning automatically?",
    locale: "en",
    expected: p("schedule-report-email", null),
    accept: [p("schedule-report-email", "set-the-frequency-and-time")],
  },
  {
    question: "Is there a mobile app for iPhone?",
    locale: "en",
    expected: p("mobile-apps", null),
  },
  {
    question:
      "What role should I give to an external contractor who only needs to see one project?",
    locale: "en",
    expected: p("choose-roles-for-members", null),
    accept: [p("choose-roles-for-members", "what-each-role-can-do")],
  },
  {
    question: "How do I map the columns when importing tasks from an Excel spreadsheet?",
    locale: "en",
    expected: p("import-from-spreadsheet", "map-the-columns"),
  },
  // Japanese
  {
    question:
      "スマホを紛失してしまい、2段階認証のコードが入力できません。どうすればログインできますか？",
    locale: "ja",
    expected: p(
      "enable-two-step-verification-ja",
      "スマートフォンを紛失しましたどうすればサインインできますか",
    ),
  },
  {
    question: "社員全員に二段階認証を必須にしたいのですが、設定方法を教えてください。",
    locale: "ja",
    expected: p("enable-two-step-verification-ja", "ワークスペース全体で必須にするには"),
  },
  {
    question: "請求書をPDFでダウンロードしたいのですが、どこから取得できますか？",
    locale: "ja",
    expected: p("download-invoices-ja", null),
  },
  {
    question: "請求書の宛名を会社の正式名称に変更したいです",
    locale: "ja",
    expected: p("download-invoices-ja", "請求書の宛名や住所を変更するには"),
  },
  {
    question:
      "お世話になっております。支払い方法をクレジットカードから銀行振込に変更することは可能でしょうか。",
    locale: "ja",
    expected: p("change-payment-method-ja", "銀行振込に切り替える場合"),
    accept: [p("change-payment-method-ja", "変更をクリックしてお支払い方法を選ぶ")],
  },
  {
    question: "クレジットカードの有効期限が切れたので新しいカードを登録したいです",
    locale: "ja",
    expected: p("change-payment-method-ja", "新しいカードを入力する"),
    accept: [p("change-payment-method-ja", null)],
  },
  {
    question: "年の途中で席数を追加した場合、料金はどのように請求されますか？",
    locale: "ja",
    expected: p("add-or-remove-seats-ja", "追加した席の料金はいくらですか"),
  },
  {
    question: "ゲストユーザーは有料の席を消費しますか？",
    locale: "ja",
    expected: p("add-or-remove-seats-ja", "席を使用するのは誰ですか"),
  },
  {
    question: "消費税はどのように計算されていますか？適格請求書に対応していますか？",
    locale: "ja",
    expected: p("billing-faq-tax-and-currency-ja", "税金はどのように計算されますか"),
  },
  {
    question: "源泉徴収は差し引いて支払うべきでしょうか",
    locale: "ja",
    expected: p("billing-faq-tax-and-currency-ja", "源泉徴収は必要ですか"),
  },
  {
    question: "ダウングレードすると、今使っている機能はどうなってしまいますか？",
    locale: "ja",
    expected: p("upgrade-or-downgrade-ja", "ダウングレードすると機能はどうなりますか"),
  },
  {
    question: "上位プランを無料でお試しすることはできますか？",
    locale: "ja",
    expected: p("upgrade-or-downgrade-ja", "上位プランを試すことはできますか"),
  },
  {
    question: "退職者のアカウントを削除したいのですが、どうすればよいでしょうか。",
    locale: "ja",
    expected: p("remove-a-member-ja", null),
  },
  {
    question: "退職したメンバーを無効化したら、その人の担当タスクはどうなりますか",
    locale: "ja",
    expected: p("remove-a-member-ja", "担当していた作業はどうなりますか"),
  },
  {
    question: "社内ネットワークからのみアクセスできるようにIP制限をかけたいです",
    locale: "ja",
    expected: p("ip-allow-list-ja", null),
    accept: [p("ip-allow-list-ja", "設定方法を教えてください")],
  },
  {
    question: "監査ログはどのくらいの期間保存されますか？",
    locale: "ja",
    expected: p("audit-log-ja", "保存期間"),
  },
  {
    question: "データはどこの国のサーバーに保管されていますか？",
    locale: "ja",
    expected: p("data-export-and-deletion-ja", "データの保管場所"),
  },
  {
    question: "SAML の接続テストはどうやって行いますか",
    locale: "ja",
    expected: p("saml-sso-setup-ja", "接続をテストする"),
  },
  {
    question: "APIで429エラーが返ってきた場合、スクリプトではどう処理すればいいですか？",
    locale: "ja",
    expected: p("api-rate-limits-ja", "429-が返ったときスクリプトではどう処理すればよいですか"),
  },
  {
    question: "Googleカレンダーにタスクが表示されないのですが、何を確認すればよいですか",
    locale: "ja",
    expected: p("calendar-sync-ja", "タスクが表示されません何を確認すればよいですか"),
  },
  {
    question: "Webhook の署名を検証する方法を教えてください",
    locale: "ja",
    expected: p("webhooks-guide-ja", "署名を検証する"),
  },
  {
    question: "Teams と Slack を同時に使うことはできますか？",
    locale: "ja",
    expected: p("teams-integration-ja", "teams-と-slack-を同時に使えますか"),
  },
  {
    question: "終わったプロジェクトはアーカイブしたほうがいいですか、それとも削除？",
    locale: "ja",
    expected: p("archive-or-delete-project-ja", null),
    accept: [p("archive-or-delete-project-ja", "アーカイブと削除の違い")],
  },
  {
    question: "かんばんボードの列にWIP制限を設定するにはどうすればいいですか",
    locale: "ja",
    expected: p("kanban-board-basics-ja", "wip-制限仕掛り作業の上限"),
  },
  {
    question: "毎週月曜日に同じタスクを自動で作成したいです。繰り返し設定はできますか？",
    locale: "ja",
    expected: p("recurring-tasks-ja", null),
    accept: [p("recurring-tasks-ja", "スケジュールの選び方")],
  },
  {
    question: "タイマーを押し忘れたので作業時間をあとから手入力したいです",
    locale: "ja",
    expected: p("time-tracking-ja", "作業時間を手入力する"),
  },
  {
    question: "CSVをエクセルで開くと文字化けしませんか？",
    locale: "ja",
    expected: p("export-csv-pdf-ja", "excel-で-csv-を開く"),
  },
  {
    question: "同じレポートなのに人によって数値が違うのはなぜでしょうか",
    locale: "ja",
    expected: p("why-report-numbers-differ-ja", null),
    accept: [p("why-report-numbers-differ-ja", "1-プロジェクトへのアクセス権の違い")],
  },
  {
    question: "アカウントを持っていない取引先にダッシュボードを見せることはできますか？",
    locale: "ja",
    expected: p("share-dashboard-by-link-ja", null),
  },
  {
    question: "レポートを毎週メールで自動配信したいです",
    locale: "ja",
    expected: p("schedule-report-email-ja", null),
    accept: [p("schedule-report-email-ja", "頻度と時刻を設定する")],
  },
  {
    question: "iPhone用のアプリはありますか？",
    locale: "ja",
    expected: p("mobile-apps-ja", null),
  },
  {
    question: "エクセルからタスクをインポートするとき、列の対応付けはどうやりますか",
    locale: "ja",
    expected: p("import-from-spreadsheet-ja", "列を対応付ける"),
  },
  {
    question: "外部の協力会社の人には、どの権限を付与するのがよいですか？",
    locale: "ja",
    expected: p("choose-roles-for-members-ja", null),
    accept: [p("choose-roles-for-members-ja", "権限ごとにできること")],
  },
  // Follow-ups: the second message alone means little; with the first it narrows the question.
  {
    previous: "How do I sign in with single sign-on?",
    question: "on mobile?",
    locale: "en",
    expected: p("mobile-apps", "signing-in"),
  },
  {
    previous: "How do I turn on notifications for my tasks?",
    question: "what about on my phone?",
    locale: "en",
    expected: p("mobile-apps", "notifications"),
  },
  {
    previous: "サインインの方法を教えてください",
    question: "スマホでは？",
    locale: "ja",
    expected: p("mobile-apps-ja", "サインイン"),
  },
  {
    previous: "How do I export a report?",
    question: "and through the API?",
    locale: "en",
    expected: p("export-csv-pdf", "exporting-through-the-api"),
  },
];

export const UNANSWERED_QUESTIONS: LabelledQuestion[] = [
  {
    question: "Can I switch the app to dark mode? The white background hurts my eyes.",
    locale: "en",
    expected: null,
  },
  {
    question: "How do I connect Acme Cloud with Jira so issues sync both ways?",
    locale: "en",
    expected: null,
  },
  { question: "How can I change my profile picture?", locale: "en", expected: null },
  { question: "Can I react to comments with emoji?", locale: "en", expected: null },
  {
    question: "Do you have a referral or affiliate program for partners?",
    locale: "en",
    expected: null,
  },
  {
    question: "Is there an AI assistant that can summarize a long task thread for me?",
    locale: "en",
    expected: null,
  },
  {
    question: "Can I create tasks with voice commands through Alexa?",
    locale: "en",
    expected: null,
  },
  { question: "Can I embed a YouTube video in a task description?", locale: "en", expected: null },
  { question: "Is there a desktop app for Linux?", locale: "en", expected: null },
  {
    question: "Do you have an office in Osaka where we could meet your team in person?",
    locale: "en",
    expected: null,
  },
  { question: "ダークモードに切り替えることはできますか？", locale: "ja", expected: null },
  { question: "Jira と双方向で課題を同期する方法を教えてください", locale: "ja", expected: null },
  {
    question: "プロフィール画像を変更したいのですが、どこから設定できますか？",
    locale: "ja",
    expected: null,
  },
  { question: "コメントに絵文字でリアクションすることはできますか", locale: "ja", expected: null },
  { question: "パートナー向けの紹介プログラムはありますか？", locale: "ja", expected: null },
  {
    question: "AIでタスクのやり取りを要約してくれる機能はありますか",
    locale: "ja",
    expected: null,
  },
  { question: "音声入力でタスクを登録できますか？", locale: "ja", expected: null },
  { question: "タスクの説明にYouTubeの動画を埋め込めますか？", locale: "ja", expected: null },
  {
    question: "大阪にオフィスはありますか？直接相談に伺いたいです。",
    locale: "ja",
    expected: null,
  },
  { question: "社内イベントの出欠を取るアンケート機能はありますか", locale: "ja", expected: null },
];

export const LABELLED_QUESTIONS: LabelledQuestion[] = [
  ...ANSWERED_QUESTIONS,
  ...UNANSWERED_QUESTIONS,
];
