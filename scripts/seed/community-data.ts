// Demo community: six forum categories (one only for enterprise customers) and about 60 topics in
// Japanese and English by the demo customers, with replies from other customers and CS, solved
// questions, and ideas with votes and statuses. Deterministic (its own seeded PRNG) and
// idempotent: when the first category exists, nothing is generated again.
import { handleBase, uniqueHandle } from "../../app/models/handle.server";
import { tagSlug } from "../../app/commands/save-article.server";
import { recomputeStandings } from "../../app/models/standing.server";
import { markSearchChanged } from "../../app/search/changes.server";
import { db, type Prisma } from "../../app/utils/db.server";
import { mulberry32 } from "./demo-data";
import { seedDemoFlags } from "./moderation-data";

const COMMUNITY_SEED = 20_260_501;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Topics start within this many days before now. */
const HISTORY_DAYS = 60;
const MAX_REPLIES = 4;
const MAX_VIEWS = 400;
const MAX_IDEA_VOTES = 12;
/** Chance that a reply comes from CS rather than another customer. */
const CS_REPLY_CHANCE = 0.3;
/** Chance that someone who posted has also read a given other topic (trust levels count reads). */
const EXTRA_READ_CHANCE = 0.1;

type Locale = "ja" | "en";
type Kind = "question" | "discussion" | "idea";

const CATEGORIES = [
  {
    slug: "getting-started",
    nameEn: "Getting started",
    nameJa: "はじめに",
    descriptionEn: "First steps, invitations and setting up your workspace.",
    descriptionJa: "最初の設定、メンバーの招待、ワークスペースの準備について。",
    audiencePlans: [] as string[],
  },
  {
    slug: "integrations",
    nameEn: "Integrations & API",
    nameJa: "連携と API",
    descriptionEn: "Connecting Acme Cloud with Slack, Salesforce, webhooks and the REST API.",
    descriptionJa: "Slack・Salesforce・Webhook・REST API との連携について。",
    audiencePlans: [],
  },
  {
    slug: "billing",
    nameEn: "Billing & plans",
    nameJa: "請求とプラン",
    descriptionEn: "Invoices, payment methods, seats and plan changes.",
    descriptionJa: "請求書、支払い方法、シート数、プラン変更について。",
    audiencePlans: [],
  },
  {
    slug: "reports",
    nameEn: "Reports & dashboards",
    nameJa: "レポートとダッシュボード",
    descriptionEn: "Building reports, exports and sharing dashboards.",
    descriptionJa: "レポート作成、エクスポート、ダッシュボードの共有について。",
    audiencePlans: [],
  },
  {
    slug: "ideas",
    nameEn: "Ideas & feedback",
    nameJa: "アイデアと要望",
    descriptionEn: "Suggest features and vote for the ideas you want most.",
    descriptionJa: "機能の提案や、ほしいアイデアへの投票はこちら。",
    audiencePlans: [],
  },
  {
    slug: "enterprise-admins",
    nameEn: "Enterprise admins",
    nameJa: "エンタープライズ管理者",
    descriptionEn: "SSO, audit logs and governance, for enterprise-plan administrators.",
    descriptionJa: "SSO・監査ログ・ガバナンスについて（エンタープライズプランの管理者向け）。",
    audiencePlans: ["enterprise"],
  },
] as const;

type Seed = {
  category: (typeof CATEGORIES)[number]["slug"];
  kind: Kind;
  tags: string[];
  en: [title: string, body: string];
  ja: [title: string, body: string];
};

// Each entry becomes one English and one Japanese topic.
const TOPICS: Seed[] = [
  {
    category: "getting-started",
    kind: "question",
    tags: ["invitations"],
    en: [
      "How do I invite colleagues to our workspace?",
      "I am the account admin but cannot find where to send invitations.",
    ],
    ja: [
      "ワークスペースに同僚を招待するには？",
      "アカウント管理者ですが、招待を送る場所が見つかりません。",
    ],
  },
  {
    category: "getting-started",
    kind: "question",
    tags: ["sign-in"],
    en: [
      "The invitation link says it has expired",
      "A new colleague clicked the link after a week and it no longer works.",
    ],
    ja: [
      "招待リンクが期限切れと表示される",
      "1 週間後にリンクを開いた同僚が使えないと言っています。",
    ],
  },
  {
    category: "getting-started",
    kind: "discussion",
    tags: ["onboarding"],
    en: [
      "What did your first week with Acme Cloud look like?",
      "We are planning our rollout. How did you structure the first week?",
    ],
    ja: [
      "導入最初の 1 週間はどう進めましたか？",
      "社内展開を計画中です。最初の週の進め方を教えてください。",
    ],
  },
  {
    category: "getting-started",
    kind: "question",
    tags: ["language"],
    en: [
      "Can each user choose their own language?",
      "Half of our team prefers Japanese, the other half English.",
    ],
    ja: [
      "ユーザーごとに表示言語を選べますか？",
      "チームの半分は日本語、半分は英語を使いたいです。",
    ],
  },
  {
    category: "integrations",
    kind: "question",
    tags: ["slack"],
    en: [
      "Slack notifications stopped after we renamed the channel",
      "Since the rename nothing is posted. Do we need to reconnect?",
    ],
    ja: [
      "チャンネル名を変えたら Slack 通知が止まった",
      "名前の変更後、何も投稿されません。再接続が必要ですか？",
    ],
  },
  {
    category: "integrations",
    kind: "question",
    tags: ["api", "rate-limit"],
    en: [
      "What is the API rate limit per key?",
      "Our nightly sync gets 429 responses around 2 a.m.",
    ],
    ja: ["API キーごとのレート制限は？", "夜間の同期で午前 2 時ごろに 429 が返ってきます。"],
  },
  {
    category: "integrations",
    kind: "question",
    tags: ["webhooks"],
    en: [
      "How do I verify webhook signatures?",
      "Which header carries the signature and which secret signs it?",
    ],
    ja: [
      "Webhook の署名を検証する方法は？",
      "署名はどのヘッダーに入り、どのシークレットで署名されますか？",
    ],
  },
  {
    category: "integrations",
    kind: "discussion",
    tags: ["salesforce"],
    en: [
      "Share your Salesforce field mapping",
      "Which fields do you map to accounts and contacts?",
    ],
    ja: [
      "Salesforce の項目マッピングを共有しませんか",
      "取引先と取引先責任者にどの項目を対応させていますか？",
    ],
  },
  {
    category: "billing",
    kind: "question",
    tags: ["invoices", "export"],
    en: [
      "How do I export invoices as CSV?",
      "Our accounting team needs all invoices of last year in one CSV file.",
    ],
    ja: [
      "請求書を CSV でエクスポートするには？",
      "経理から昨年分の請求書を 1 つの CSV にまとめてほしいと言われました。",
    ],
  },
  {
    category: "billing",
    kind: "question",
    tags: ["seats"],
    en: [
      "What happens when we run out of seats?",
      "We have 10 seats and want to invite an eleventh person.",
    ],
    ja: ["シート数の上限に達するとどうなりますか？", "10 シートの契約で 11 人目を招待したいです。"],
  },
  {
    category: "billing",
    kind: "question",
    tags: ["payment"],
    en: [
      "Can we pay by bank transfer instead of card?",
      "Our company policy does not allow corporate cards.",
    ],
    ja: ["カードではなく銀行振込で支払えますか？", "社内規定で法人カードが使えません。"],
  },
  {
    category: "billing",
    kind: "discussion",
    tags: ["plans"],
    en: ["Team or Business plan for a 30-person company?", "Which features made you upgrade?"],
    ja: [
      "30 人規模ならチームとビジネスどちらのプラン？",
      "アップグレードの決め手になった機能は何でしたか？",
    ],
  },
  {
    category: "reports",
    kind: "question",
    tags: ["dashboards"],
    en: [
      "How do I share a dashboard with people outside our company?",
      "Our client wants read-only access to one dashboard.",
    ],
    ja: [
      "社外の人にダッシュボードを共有するには？",
      "取引先に 1 つのダッシュボードを閲覧だけで見せたいです。",
    ],
  },
  {
    category: "reports",
    kind: "question",
    tags: ["export", "reports"],
    en: [
      "Scheduled report e-mails arrive empty",
      "The PDF attachment has headers but no rows since Monday.",
    ],
    ja: ["定期レポートのメールが空で届く", "月曜日から PDF に見出しだけで行がありません。"],
  },
  {
    category: "reports",
    kind: "question",
    tags: ["time-zone"],
    en: [
      "Report dates are one day off",
      "Daily totals seem shifted. Is there a time zone setting?",
    ],
    ja: [
      "レポートの日付が 1 日ずれる",
      "日次集計がずれているようです。タイムゾーンの設定はありますか？",
    ],
  },
  {
    category: "reports",
    kind: "discussion",
    tags: ["dashboards"],
    en: [
      "Show us your favourite dashboard layout",
      "Screenshots welcome. What do your executives look at first?",
    ],
    ja: ["お気に入りのダッシュボード構成を見せてください", "経営層が最初に見る指標は何ですか？"],
  },
  {
    category: "ideas",
    kind: "idea",
    tags: ["dark-mode"],
    en: ["Dark mode for the whole app", "Our support team works late and would love a dark theme."],
    ja: [
      "アプリ全体のダークモード",
      "夜間に作業するサポートチームのためにダークテーマがほしいです。",
    ],
  },
  {
    category: "ideas",
    kind: "idea",
    tags: ["export"],
    en: ["Export dashboards to PowerPoint", "We copy charts into slides every month by hand."],
    ja: [
      "ダッシュボードを PowerPoint に出力したい",
      "毎月グラフを手作業でスライドに貼っています。",
    ],
  },
  {
    category: "ideas",
    kind: "idea",
    tags: ["mobile"],
    en: [
      "A mobile app for approvals",
      "Approving requests on the phone would save our managers time.",
    ],
    ja: ["承認用のモバイルアプリ", "スマートフォンで承認できれば管理職の時間が節約できます。"],
  },
  {
    category: "ideas",
    kind: "idea",
    tags: ["api"],
    en: ["Webhooks for report completion", "Let us know by webhook when a long report is ready."],
    ja: ["レポート完成時の Webhook", "時間のかかるレポートの完成を Webhook で知らせてほしいです。"],
  },
  {
    category: "ideas",
    kind: "idea",
    tags: ["slack"],
    en: [
      "Slack slash command to search the help center",
      "Typing /acme in Slack to find an article would be great.",
    ],
    ja: [
      "Slack からヘルプセンターを検索するコマンド",
      "Slack で /acme と打って記事を探せると便利です。",
    ],
  },
  {
    category: "ideas",
    kind: "idea",
    tags: ["calendar"],
    en: [
      "Holiday calendars per country",
      "Japanese public holidays should not count as working days.",
    ],
    ja: ["国ごとの祝日カレンダー", "日本の祝日が稼働日として数えられないようにしてほしいです。"],
  },
  {
    category: "enterprise-admins",
    kind: "question",
    tags: ["sso", "saml"],
    en: [
      "SAML sign-in loops back to the login page",
      "After enabling SSO with Okta, users end up on the login page again.",
    ],
    ja: [
      "SAML ログイン後にログイン画面に戻ってしまう",
      "Okta で SSO を有効にしたところ、ログイン画面に戻されます。",
    ],
  },
  {
    category: "enterprise-admins",
    kind: "question",
    tags: ["audit-log"],
    en: ["How long are audit logs kept?", "Our auditors ask for 7 years of retention."],
    ja: ["監査ログの保存期間は？", "監査法人から 7 年間の保存を求められています。"],
  },
  {
    category: "enterprise-admins",
    kind: "discussion",
    tags: ["governance"],
    en: [
      "How do you organise roles across subsidiaries?",
      "We have five subsidiaries with separate admins.",
    ],
    ja: [
      "子会社をまたいだ権限設計はどうしていますか？",
      "子会社が 5 社あり、それぞれに管理者がいます。",
    ],
  },
  {
    category: "enterprise-admins",
    kind: "question",
    tags: ["scim"],
    en: [
      "Does SCIM deprovisioning remove sessions?",
      "When a user is removed in Azure AD, are they signed out at once?",
    ],
    ja: [
      "SCIM でユーザーを削除するとセッションも消えますか？",
      "Azure AD で削除したユーザーはすぐにサインアウトされますか？",
    ],
  },
  {
    category: "integrations",
    kind: "question",
    tags: ["api"],
    en: [
      "Pagination of the events API returns duplicates",
      "Using offset paging we see the same event twice.",
    ],
    ja: [
      "イベント API のページングで重複が出る",
      "オフセットでページングすると同じイベントが 2 回出ます。",
    ],
  },
  {
    category: "getting-started",
    kind: "question",
    tags: ["sign-in"],
    en: ["Signed out every few hours", "Is there a way to stay signed in longer on a trusted PC?"],
    ja: [
      "数時間おきにログアウトされる",
      "信頼できる PC ではもっと長くログインしたままにできますか？",
    ],
  },
  {
    category: "billing",
    kind: "question",
    tags: ["invoices"],
    en: [
      "Where do I change the billing address on invoices?",
      "Our office moved and invoices still show the old address.",
    ],
    ja: [
      "請求書の宛先住所を変更するには？",
      "オフィスを移転しましたが、請求書の住所が古いままです。",
    ],
  },
  {
    category: "reports",
    kind: "question",
    tags: ["filters"],
    en: [
      "Saved filters disappear after editing a report",
      "I save a filter, edit the report title, and the filter is gone.",
    ],
    ja: [
      "レポートを編集すると保存したフィルターが消える",
      "フィルターを保存してからタイトルを変えると消えてしまいます。",
    ],
  },
];

const REPLIES: Record<Locale, string[]> = {
  en: [
    "We had the same problem. Reconnecting the integration in **Settings → Integrations** fixed it for us.",
    "Check the account admin's permissions first; members cannot change this.",
    "This is described in the help center: search for the setting name and follow the steps.",
    "Same here. Following this topic.",
    "We worked around it by exporting once a day with a scheduled report.",
    "Thanks, that solved it!",
  ],
  ja: [
    "同じ問題がありました。**設定 → 連携** で再接続したら直りました。",
    "まずアカウント管理者の権限を確認してください。メンバーには変更できません。",
    "ヘルプセンターに手順があります。設定名で検索してみてください。",
    "うちも同じです。このトピックをウォッチします。",
    "定期レポートで 1 日 1 回エクスポートして回避しています。",
    "ありがとうございます、解決しました！",
  ],
};
const CS_REPLIES: Record<Locale, string> = {
  en: "Thanks for asking! This is configured in **Settings**; the help center article on this topic has screenshots. Let us know if anything is unclear.",
  ja: "ご質問ありがとうございます。**設定** 画面から変更できます。ヘルプセンターの記事に画面付きの手順があります。不明点があればお知らせください。",
};
const IDEA_STATUSES = [null, "under_review", "planned", "shipped", "declined"] as const;

export type CommunitySeedSummary = { created: boolean; categories: number; topics: number };

export async function seedCommunityData(
  options: { now?: Date; random?: () => number } = {},
): Promise<CommunitySeedSummary> {
  const exists = await db.forumCategory.findUnique({
    where: { slug: CATEGORIES[0].slug },
    select: { id: true },
  });
  if (exists) return { created: false, categories: 0, topics: 0 };
  const now = options.now ?? new Date();
  const random = options.random ?? mulberry32(COMMUNITY_SEED);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const customers = await db.user.findMany({
    where: { role: { in: ["member", "account_admin"] }, accountId: { not: null } },
    select: {
      id: true,
      email: true,
      locale: true,
      accountId: true,
      account: { select: { plan: true } },
    },
    orderBy: { email: "asc" },
  });
  const staff = await db.user.findMany({
    where: { role: "cs" },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
  });
  if (!customers.length) return { created: false, categories: 0, topics: 0 };
  const byLocale = (locale: Locale) => {
    const people = customers.filter((c) => (c.locale ?? "en") === locale);
    return people.length ? people : customers;
  };
  const enterprise = customers.filter((c) => c.account?.plan === "enterprise");
  // Its own sequence, so that adding likes did not change the topics generated before.
  const likeRandom = mulberry32(COMMUNITY_SEED + 1);
  const used = new Map<string, { id: string; email: string }>();

  let topics = 0;
  await db.$transaction(
    async (tx) => {
      const categoryIds = new Map<string, string>();
      for (const [position, c] of CATEGORIES.entries()) {
        const created = await tx.forumCategory.create({
          data: {
            ...c,
            position: (position + 1) * 10,
            audiencePlans: JSON.stringify(c.audiencePlans),
          },
          select: { id: true },
        });
        categoryIds.set(c.slug, created.id);
      }
      const createdIds: string[] = [];
      const openToAll: string[] = [];
      for (const [index, seed] of TOPICS.entries()) {
        for (const locale of ["en", "ja"] as const) {
          const [title, body] = seed[locale];
          const pool =
            seed.category === "enterprise-admins" && enterprise.length
              ? enterprise
              : byLocale(locale);
          const author = pick(pool);
          used.set(author.id, author);
          const started = new Date(
            now.getTime() - between(1, HISTORY_DAYS) * DAY_MS - between(0, 23) * HOUR_MS,
          );
          const replyCount = seed.kind === "idea" ? between(0, 2) : between(0, MAX_REPLIES);
          const replies = Array.from({ length: replyCount }, (_, i) => {
            const fromCs = staff.length > 0 && random() < CS_REPLY_CHANCE;
            const others = pool.filter((p) => p.id !== author.id);
            const replier = fromCs ? pick(staff) : pick(others.length ? others : pool);
            used.set(replier.id, replier);
            return {
              authorId: replier.id,
              accountId: fromCs
                ? null
                : ((replier as (typeof customers)[number]).accountId ?? null),
              number: i + 2,
              body: fromCs
                ? CS_REPLIES[locale]
                : REPLIES[locale][(index + i) % REPLIES[locale].length]!,
              createdAt: new Date(started.getTime() + (i + 1) * between(1, 20) * HOUR_MS),
              likeCount: between(0, 6),
            };
          });
          const lastPostedAt = replies.length ? replies[replies.length - 1]!.createdAt : started;
          const topic = await tx.topic.create({
            data: {
              categoryId: categoryIds.get(seed.category)!,
              authorId: author.id,
              accountId: author.accountId,
              kind: seed.kind,
              title,
              locale,
              ideaStatus: seed.kind === "idea" ? IDEA_STATUSES[index % IDEA_STATUSES.length] : null,
              replyCount,
              viewCount: between(replyCount * 5, MAX_VIEWS),
              lastPostedAt: lastPostedAt > now ? now : lastPostedAt,
              createdAt: started,
              posts: {
                create: [
                  {
                    authorId: author.id,
                    accountId: author.accountId,
                    number: 1,
                    body,
                    createdAt: started,
                  },
                  ...replies,
                ],
              },
            },
            select: {
              id: true,
              posts: {
                orderBy: { number: "asc" },
                select: {
                  id: true,
                  number: true,
                  authorId: true,
                  likeCount: true,
                  createdAt: true,
                },
              },
            },
          });
          createdIds.push(topic.id);
          if (seed.category !== "enterprise-admins") openToAll.push(topic.id);
          await seedLikesAndReads(tx, topic.id, topic.posts, customers, likeRandom);
          // Two out of three answered questions are solved by their first reply.
          const firstReply = topic.posts.find((p) => p.number === 2);
          if (seed.kind === "question" && firstReply && index % 3 !== 2) {
            await tx.topic.update({
              where: { id: topic.id },
              data: { acceptedPostId: firstReply.id, acceptedAt: firstReply.createdAt },
            });
          }
          if (seed.kind === "idea") {
            const voters = [
              ...new Set(
                Array.from({ length: between(0, MAX_IDEA_VOTES) }, () => pick(customers).id),
              ),
            ].filter((id) => id !== author.id);
            await tx.topicVote.createMany({
              data: voters.map((userId) => ({ topicId: topic.id, userId })),
            });
            await tx.topic.update({ where: { id: topic.id }, data: { voteCount: voters.length } });
          }
          for (const name of seed.tags) {
            const slug = tagSlug(name);
            const tag = await tx.tag.upsert({
              where: { slug },
              create: { slug, name },
              update: {},
              select: { id: true },
            });
            await tx.topicTag.create({ data: { topicId: topic.id, tagId: tag.id } });
          }
          topics += 1;
        }
      }
      // Everyone who posted gets the @handle that posting gives.
      const taken = new Set(
        (
          await tx.user.findMany({ where: { handle: { not: null } }, select: { handle: true } })
        ).map((u) => u.handle!),
      );
      const withHandle = new Set(
        (
          await tx.user.findMany({
            where: { id: { in: [...used.keys()] }, handle: { not: null } },
            select: { id: true },
          })
        ).map((u) => u.id),
      );
      for (const person of [...used.values()].sort((a, b) => a.email.localeCompare(b.email))) {
        if (withHandle.has(person.id)) continue;
        const handle = uniqueHandle(handleBase(person.email), taken);
        taken.add(handle);
        await tx.user.update({ where: { id: person.id }, data: { handle } });
      }
      await markSearchChanged(tx, "topic", createdIds);
      // Reputation, badges and trust levels come from the same code as in the app, from the
      // likes, answers, votes and reads just written. No one joined after their first post.
      for (const person of used.values()) {
        const first = await tx.post.findFirst({
          where: { authorId: person.id },
          orderBy: { createdAt: "asc" },
          select: { createdAt: true },
        });
        if (first) {
          await tx.user.updateMany({
            where: { id: person.id, createdAt: { gt: first.createdAt } },
            data: { createdAt: new Date(first.createdAt.getTime() - DAY_MS) },
          });
        }
      }
      // People read more than they write: each poster has also read some other open topics.
      for (const person of used.values()) {
        const read = new Set(
          (
            await tx.topicRead.findMany({ where: { userId: person.id }, select: { topicId: true } })
          ).map((r) => r.topicId),
        );
        const more = openToAll
          .filter((id) => !read.has(id))
          .filter(() => likeRandom() < EXTRA_READ_CHANCE);
        await tx.topicRead.createMany({
          data: more.map((topicId) => ({ topicId, userId: person.id, lastReadNumber: 1 })),
        });
      }
      await recomputeStandings(tx, [...used.keys()], now);
      await seedDemoFlags(
        tx,
        customers.map((c) => c.id),
        createdIds,
      );
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  return { created: true, categories: CATEGORIES.length, topics };
}

/**
 * Likes as rows (reputation counts rows, not the likeCount column), from other customers, and a
 * read marker for everyone who posted in the topic (they read it), which trust levels count.
 */
async function seedLikesAndReads(
  tx: Prisma.TransactionClient,
  topicId: string,
  posts: Array<{ id: string; number: number; authorId: string | null; likeCount: number }>,
  customers: Array<{ id: string }>,
  random: () => number,
) {
  for (const post of posts) {
    if (!post.likeCount) continue;
    const likers = customers
      .filter((c) => c.id !== post.authorId)
      .map((c) => ({ id: c.id, order: random() }))
      .sort((a, b) => a.order - b.order)
      .slice(0, post.likeCount)
      .map((c) => c.id);
    await tx.postLike.createMany({ data: likers.map((userId) => ({ postId: post.id, userId })) });
    if (likers.length !== post.likeCount) {
      await tx.post.update({ where: { id: post.id }, data: { likeCount: likers.length } });
    }
  }
  const readers = [...new Set(posts.flatMap((p) => (p.authorId ? [p.authorId] : [])))];
  await tx.topicRead.createMany({
    data: readers.map((userId) => ({ topicId, userId, lastReadNumber: posts.length })),
  });
}
