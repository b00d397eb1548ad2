// Messages of community reputation, badges, trust levels and the profile page, merged into en.ts
// and ja.ts under "reputation". Badge and trust keys follow app/models/reputation.ts.
const en = {
  profileTitle: "{{name}} · Community profile",
  handle: "@{{handle}}",
  staff: "Acme Cloud staff",
  memberSince: "Member since",
  trustLevel: "Trust level",
  reputation: "Reputation",
  points: "{{count}} points",
  points_one: "1 point",
  badgesTitle: "Badges",
  noBadges: "No badges yet.",
  awarded: "Awarded {{date}}",
  topicsTitle: "Recent topics",
  noTopics: "No topics yet.",
  answersTitle: "Recent replies",
  noAnswers: "No replies yet.",
  acceptedAnswer: "Accepted answer",
  inTopic: "in {{title}}",
  likes: "{{count}} likes",
  likes_one: "1 like",
  profileOf: "Community profile of {{name}}",
  heldHint:
    "Welcome! A moderator checks the first posts of new members before others see them, usually within a day.",
  trust: {
    new: "New",
    member: "Member",
    regular: "Regular",
    leader: "Leader",
  },
  trustHint: {
    new: "New members' first posts are reviewed by a moderator, and they can post a few times an hour.",
    member: "Posts appear at once.",
    regular: "A regular contributor: no posting limits.",
    leader: "A community leader.",
  },
  badges: {
    first_post: { name: "First post", description: "Wrote a first post in the community." },
    first_like: { name: "First like", description: "Received a first like on a post." },
    first_answer: {
      name: "First accepted answer",
      description: "A reply was accepted as the answer to someone's question.",
    },
    helpful_post: {
      name: "Helpful post",
      description: "Wrote a post that {{likes}} people liked.",
    },
    helped_10: { name: "Helped 10 people", description: "10 replies accepted as answers." },
    liked_50: { name: "Appreciated", description: "Received 50 likes." },
    idea_shipped: {
      name: "Idea shipped",
      description: "Proposed an idea that Acme Cloud shipped.",
    },
  },
  settings: {
    title: "Community",
    showAccountName: "Show my company name in the community",
    showAccountNameHint:
      "Your company ({{account}}) appears beside your name on your posts and your profile.",
    save: "Save community settings",
    saved: "Your community settings were saved.",
  },
};

export const reputationMessages: { en: typeof en; ja: typeof en } = {
  en,
  ja: {
    profileTitle: "{{name}} · コミュニティのプロフィール",
    handle: "@{{handle}}",
    staff: "Acme Cloud スタッフ",
    memberSince: "参加日",
    trustLevel: "信頼レベル",
    reputation: "評価ポイント",
    points: "{{count}} ポイント",
    points_one: "1 ポイント",
    badgesTitle: "バッジ",
    noBadges: "まだバッジはありません。",
    awarded: "{{date}} に獲得",
    topicsTitle: "最近のトピック",
    noTopics: "まだトピックはありません。",
    answersTitle: "最近の返信",
    noAnswers: "まだ返信はありません。",
    acceptedAnswer: "採用された回答",
    inTopic: "トピック: {{title}}",
    likes: "いいね {{count}} 件",
    likes_one: "いいね 1 件",
    profileOf: "{{name}} さんのコミュニティのプロフィール",
    heldHint:
      "ようこそ。新しいメンバーの最初の投稿は、モデレーターが確認してからほかの人に表示されます（通常 1 日以内）。",
    trust: {
      new: "新規",
      member: "メンバー",
      regular: "レギュラー",
      leader: "リーダー",
    },
    trustHint: {
      new: "新しいメンバーの最初の投稿はモデレーターが確認します。投稿できるのは 1 時間に数件までです。",
      member: "投稿はすぐに表示されます。",
      regular: "継続的な貢献者です。投稿の制限はありません。",
      leader: "コミュニティのリーダーです。",
    },
    badges: {
      first_post: { name: "はじめての投稿", description: "コミュニティにはじめて投稿しました。" },
      first_like: {
        name: "はじめてのいいね",
        description: "投稿にはじめていいねをもらいました。",
      },
      first_answer: {
        name: "はじめての採用回答",
        description: "返信が質問への回答として採用されました。",
      },
      helpful_post: {
        name: "役に立つ投稿",
        description: "{{likes}} 人がいいねした投稿を書きました。",
      },
      helped_10: { name: "10 人の役に立った", description: "10 件の返信が回答に採用されました。" },
      liked_50: { name: "感謝されています", description: "いいねを 50 件もらいました。" },
      idea_shipped: {
        name: "アイデアが実現",
        description: "提案したアイデアが Acme Cloud でリリースされました。",
      },
    },
    settings: {
      title: "コミュニティ",
      showAccountName: "コミュニティで会社名を表示する",
      showAccountNameHint: "投稿とプロフィールで、名前の横に会社名（{{account}}）が表示されます。",
      save: "コミュニティの設定を保存",
      saved: "コミュニティの設定を保存しました。",
    },
  },
};
