// Builds the e2e database: migrations, then the fixtures of test/e2e/fixtures.ts made with the
// factories, then the ids and signed-in browser states the specs need. Run by start-server.mjs
// with DATABASE_URL pointing at a fresh file.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrate } from "../../prisma/migrate";
import { db, disconnectDb } from "../../app/utils/db.server";
import { recomputeStandings } from "../../app/models/standing.server";
import { insightKey } from "../../app/search/query";
import { SESSION_ABSOLUTE_TIMEOUT_MS } from "../../app/utils/session.server";
import {
  createAccount,
  assignChecklist,
  createApiKey,
  createChecklistTemplate,
  createArticle,
  createCategory,
  createForumCategory,
  createSessionCookie,
  createTopic,
  createUser,
  TEST_PASSWORD,
} from "../factories";
import { seedModeration } from "./seed-moderation";
import {
  ACCOUNTS,
  E2E_ANSWER_BOT,
  E2E_AUTH_DIR,
  E2E_IDS_FILE,
  E2E_KEYBOARD_CHECKLIST,
  E2E_PASSWORD,
  PRE_SIGNED_IN,
  USERS,
  type AccountKey,
  type E2eIds,
  type UserKey,
} from "./fixtures";
import { seedOnboardingE2e } from "./seed-onboarding";
import { seedHealthE2e } from "./seed-health";
import { seedNotifications } from "./seed-notifications";

const url = process.env.DATABASE_URL;
if (!url?.startsWith("file:")) throw new Error("seed.ts: DATABASE_URL must be a file: URL");
if (E2E_PASSWORD !== TEST_PASSWORD) {
  throw new Error("test/e2e/fixtures.ts E2E_PASSWORD differs from the factories' TEST_PASSWORD");
}

await migrate(url);

const accounts = {} as Record<AccountKey, string>;
for (const a of Object.values(ACCOUNTS)) {
  const row = await createAccount({ name: a.name, externalId: a.externalId, seats: 25 });
  accounts[a.key] = row.id;
}

const users = {} as Record<UserKey, string>;
for (const [key, u] of Object.entries(USERS) as [UserKey, (typeof USERS)[UserKey]][]) {
  const row = await createUser({
    email: u.email,
    name: u.name,
    role: u.role,
    accountId: u.account ? accounts[u.account] : null,
    locale: u.locale,
    ...("trustLevel" in u ? { trustLevel: u.trustLevel } : {}),
  });
  users[key] = row.id;
}

// Help-center content that search.spec.ts looks for (its titles are spelled out there too).
// The audience cases prove that search never shows what a person could not open.
const searchCategories = {
  billing: await createCategory({ slug: "e2e-billing", nameEn: "Billing", nameJa: "請求" }),
  security: await createCategory({
    slug: "e2e-security",
    nameEn: "Security",
    nameJa: "セキュリティ",
  }),
};
const DAY_MS = 24 * 60 * 60 * 1000;
const searchArticles: Array<Parameters<typeof createArticle>[0]> = [
  {
    slug: "e2e-download-invoices",
    translationKey: "e2e-download-invoices",
    locale: "en",
    categoryId: searchCategories.billing.id,
    title: "Download invoices as PDF",
    summary: "Every invoice of your account as a PDF file.",
    body: "## Steps\n\nOpen **Billing settings → Invoices** and choose **Download PDF** next to the invoice. Invoices are kept for seven years.",
  },
  {
    slug: "e2e-download-invoices-ja",
    translationKey: "e2e-download-invoices",
    locale: "ja",
    categoryId: searchCategories.billing.id,
    title: "請求書を PDF でダウンロードする",
    summary: "アカウントの請求書を PDF ファイルで保存できます。",
    body: "## 手順\n\n「請求」→「請求書」を開き、請求書の横にある「PDF をダウンロード」を選びます。請求書は 7 年間保管されます。",
  },
  {
    slug: "e2e-saml-sso",
    translationKey: "e2e-saml-sso",
    locale: "en",
    categoryId: searchCategories.security.id,
    title: "Set up single sign-on with SAML",
    summary: "Let your team sign in with your identity provider.",
    body: "## Before you start\n\nYou need an identity provider such as Okta or Microsoft Entra ID. Copy the metadata URL into the SAML settings.",
  },
  {
    slug: "e2e-saml-sso-ja",
    translationKey: "e2e-saml-sso",
    locale: "ja",
    categoryId: searchCategories.security.id,
    title: "SAML でシングルサインオンを設定する",
    summary: "ID プロバイダーのアカウントでチームがログインできるようにします。",
    body: "## 始める前に\n\nOkta や Microsoft Entra ID などの ID プロバイダーが必要です。メタデータの URL を SAML 設定に貼り付けます。",
  },
  {
    // Only the enterprise plan may read it; the e2e accounts are on the team plan.
    slug: "e2e-audit-log-export",
    locale: "en",
    categoryId: searchCategories.security.id,
    title: "Export the audit log to your SIEM",
    body: "Stream every audit log entry of your enterprise workspace to a SIEM.",
    audience: "restricted",
    audiencePlans: ["enterprise"],
  },
  {
    slug: "e2e-invoice-contacts",
    locale: "en",
    categoryId: searchCategories.billing.id,
    title: "Invoice contacts for signed-in customers",
    body: "Choose who in your company receives the invoices by e-mail.",
    audience: "customers",
  },
  {
    // Scheduled: nobody but staff finds it before its time.
    slug: "e2e-invoice-roadmap",
    locale: "en",
    categoryId: searchCategories.billing.id,
    title: "Invoice roadmap for next year",
    body: "Upcoming invoice features.",
    publishAt: new Date(Date.now() + 30 * DAY_MS),
  },
];
for (const article of searchArticles) await createArticle(article);

// What the answer bot quotes in answer-bot.spec.ts: sections under headings, in both languages.
await createArticle({
  slug: E2E_ANSWER_BOT.slugJa,
  translationKey: E2E_ANSWER_BOT.slugJa,
  locale: "ja",
  categoryId: searchCategories.security.id,
  title: E2E_ANSWER_BOT.titleJa,
  summary: "2 段階認証の設定と、困ったときの対処方法です。",
  body: [
    "設定 → 個人設定 → セキュリティ で 2 段階認証を有効にできます。",
    "## 使える認証方法",
    "認証アプリ、セキュリティキー、リカバリーコードを使えます。SMS には対応していません。",
    `## ${E2E_ANSWER_BOT.headingJa}`,
    "確認コードの入力画面で **リカバリーコードを使う** をクリックし、保存しておいたコードを入力してください。サインインできたら、新しいスマートフォンで 2 段階認証を設定し直します。",
  ].join("\n\n"),
});
await createArticle({
  slug: E2E_ANSWER_BOT.slugEn,
  translationKey: E2E_ANSWER_BOT.slugEn,
  locale: "en",
  categoryId: searchCategories.security.id,
  title: E2E_ANSWER_BOT.titleEn,
  summary: "Take a copy of everything in your workspace.",
  body: [
    "Your data belongs to you.",
    `## ${E2E_ANSWER_BOT.headingEn}`,
    // No "settings" here: search.spec.ts counts the English articles that mention it.
    "Only the Owner can export the whole workspace: open the Data export page and click Start export.",
    "## Delete the workspace",
    "Export your data first, then cancel any paid plan.",
  ].join("\n\n"),
});

const checklist = await seedOnboardingE2e(accounts.c);
// Account d (bad-input and keyboard specs) has a checklist of its own, so that what those specs
// complete never shows in the funnel of account c's checklist that onboarding.spec.ts reads.
const keyboardChecklist = await createChecklistTemplate({
  titleEn: E2E_KEYBOARD_CHECKLIST.titleEn,
  titleJa: E2E_KEYBOARD_CHECKLIST.titleJa,
  steps: [{ titleEn: E2E_KEYBOARD_CHECKLIST.stepEn, completion: "manual", scope: "user" }],
});
await assignChecklist(keyboardChecklist.id, accounts.d);
const ids: E2eIds = {
  accounts,
  users,
  checklist,
  newsletterId: await seedNotifications(users),
  fuzzApiKey: (await createApiKey({ name: "E2E fuzzing", createdById: users.admin })).key,
};
await seedHealthE2e(accounts, users);
mkdirSync(E2E_AUTH_DIR, { recursive: true });
writeFileSync(E2E_IDS_FILE, JSON.stringify(ids, null, 2));

// Specs that are not about signing in start from these states instead of the login form.
const expires = Math.floor((Date.now() + SESSION_ABSOLUTE_TIMEOUT_MS) / 1000);
for (const key of PRE_SIGNED_IN) {
  const { cookie } = await createSessionCookie(users[key]);
  const at = cookie.indexOf("=");
  const state = {
    cookies: [
      {
        name: cookie.slice(0, at),
        value: cookie.slice(at + 1),
        domain: "localhost",
        path: "/",
        expires,
        httpOnly: true,
        secure: false,
        sameSite: "Lax" as const,
      },
    ],
    origins: [],
  };
  writeFileSync(path.join(E2E_AUTH_DIR, `${key}.json`), JSON.stringify(state, null, 2));
}

await seedSearchInsights();
await seedTopics();
await seedModeration(users);

await disconnectDb();
console.log(
  `e2e fixtures: ${Object.keys(accounts).length} accounts, ${Object.keys(users).length} users, ` +
    `${searchArticles.length} articles`,
);

/**
 * Search activity of an account of its own, so that test/e2e/insights.spec.ts can filter the
 * insights to it and expect exact figures whatever other specs search meanwhile: 10 searches,
 * 4 with no results (40 %), 3 of the 6 with results clicked at positions 1, 3 and 2 (50 %,
 * mean 2), 3 deflections against 1 support request (75 %).
 */
async function seedSearchInsights() {
  const account = await createAccount({
    name: "Insights Probe (E2E)",
    externalId: "e2e-insights",
    seats: 5,
  });
  const user = await createUser({
    email: "e2e-insights@example.test",
    name: "Ines Insights",
    accountId: account.id,
  });
  const at = new Date(Date.now() - 2 * 60 * 60 * 1000);
  const rows: { query: string; locale: string; results: number; clicked?: number }[] = [
    { query: "gantt chart", locale: "en", results: 4, clicked: 1 },
    { query: "gantt chart", locale: "en", results: 4, clicked: 3 },
    { query: "Gantt Chart", locale: "en", results: 4 },
    { query: "gantt chart", locale: "en", results: 4 },
    { query: "ガントチャート", locale: "ja", results: 2, clicked: 2 },
    { query: "ガントチャート", locale: "ja", results: 2 },
    { query: "dark mode", locale: "en", results: 0 },
    { query: "dark mode", locale: "en", results: 0 },
    { query: "Dark mode", locale: "en", results: 0 },
    { query: "ダークモード", locale: "ja", results: 0 },
  ];
  await db.searchQuery.createMany({
    data: rows.map((r) => ({
      accountId: account.id,
      userId: user.id,
      query: r.query,
      normalized: insightKey(r.query),
      locale: r.locale,
      source: "page",
      resultCount: r.results,
      clickedDocId: r.clicked ? "article:e2e-insights" : null,
      clickedPosition: r.clicked ?? null,
      clickedAt: r.clicked ? at : null,
      createdAt: at,
    })),
  });
  await db.deflection.createMany({
    data: [1, 2, 3].map((n) => ({
      accountId: account.id,
      userId: user.id,
      context: "support",
      subject: `Question ${n}`,
      createdAt: at,
    })),
  });
  await db.supportRequest.create({
    data: {
      accountId: account.id,
      userId: user.id,
      subject: "Dark mode?",
      body: "Is there a dark mode?",
      searchQuery: "dark mode",
      createdAt: at,
    },
  });
}

/**
 * Community topics for test/e2e/topic.spec.ts (one unanswered question per language, asked by
 * memberA) and a busy one for the screenshots; their ids go to topics.json beside ids.json.
 */
async function seedTopics() {
  const forum = await createForumCategory({
    slug: "e2e-forum",
    nameEn: "Getting started",
    nameJa: "はじめに",
  });
  const journey = {} as Record<"en" | "ja", string>;
  for (const lang of ["en", "ja"] as const) {
    const topic = await createTopic({
      categoryId: forum.id,
      authorId: users.memberA,
      locale: lang,
      title:
        lang === "en"
          ? "How do I export a Gantt chart as PDF?"
          : "ガントチャートを PDF で出力するには？",
      body:
        lang === "en"
          ? "I need to send the **project plan** to a client."
          : "取引先に**プロジェクト計画**を送りたいです。",
    });
    journey[lang] = topic.id;
  }
  await db.user.update({
    where: { id: users.accountAdminA },
    data: { handle: "ren", showAccountName: true },
  });
  await db.user.update({ where: { id: users.cs }, data: { handle: "chika" } });
  const showcase = await createTopic({
    categoryId: forum.id,
    authorId: users.memberB,
    title: "Which SSO providers are supported?",
    body: "We use **Okta**. Does SAML work with it?\n\n```\nentityId: acme-cloud\n```",
    replies: [
      { authorId: users.accountAdminA, body: "Yes, we run Okta with SAML since last year." },
      {
        authorId: users.cs,
        body: "Okta, Entra ID and Google Workspace are supported. See *Settings → Security*.",
      },
    ],
  });
  await db.topic.update({
    where: { id: showcase.id },
    data: { acceptedPostId: showcase.posts[2]!.id, acceptedAt: new Date() },
  });
  // Ren's reply is liked, so their profile (reputation.spec.ts) has points and badges, which the
  // app's own rules work out.
  await db.postLike.create({ data: { postId: showcase.posts[1]!.id, userId: users.memberB } });
  await db.post.update({ where: { id: showcase.posts[1]!.id }, data: { likeCount: 1 } });
  await db.$transaction((tx) => recomputeStandings(tx, Object.values(users)));
  // For reputation.spec.ts: the newcomer's held replies go here, away from the other journeys.
  const heldReplies = await createTopic({
    categoryId: forum.id,
    authorId: users.memberA,
    title: "Can reports be sent every Monday?",
    body: "We would like a weekly e-mail with the project report.",
  });
  writeFileSync(
    path.join(path.dirname(E2E_IDS_FILE), "topics.json"),
    JSON.stringify({ journey, showcase: showcase.id, heldReplies: heldReplies.id }, null, 2),
  );
}
