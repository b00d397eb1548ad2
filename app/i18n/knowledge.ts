// Messages of turning community answers into knowledge-base drafts, merged into en.ts and ja.ts
// under "knowledge". Keep en and ja in step.
const en = {
  heading: "Knowledge base",
  convert: "Turn into a KB draft",
  convertHint: "Makes a draft article from the question and its accepted answer.",
  draftExists: "KB draft made from this topic: {{title}}",
  openDraft: "Open the draft",
  madeFrom: "Made from the community topic {{title}}",
  errors: {
    topicNotFound: "This topic does not exist.",
    notAllowed: "Only CS staff can turn topics into articles.",
    notSolved: "Only a question with a visible accepted answer can become an article.",
    noKbCategory: "Create a help-center category first: the draft needs one.",
  },
};

export const knowledgeMessages: { en: typeof en; ja: typeof en } = {
  en,
  ja: {
    heading: "ナレッジベース",
    convert: "ナレッジベースの下書きにする",
    convertHint: "質問と採用された回答から記事の下書きを作ります。",
    draftExists: "このトピックから作った下書き: {{title}}",
    openDraft: "下書きを開く",
    madeFrom: "コミュニティのトピック「{{title}}」から作成",
    errors: {
      topicNotFound: "このトピックはありません。",
      notAllowed: "トピックを記事にできるのは CS スタッフだけです。",
      notSolved: "表示中の採用された回答がある質問だけを記事にできます。",
      noKbCategory:
        "先にヘルプセンターのカテゴリを作成してください。下書きにはカテゴリが必要です。",
    },
  },
};
