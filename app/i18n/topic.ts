// Messages of one feature, merged into en.ts and ja.ts under "topic". Keep en and ja in step.
const en = {
  title: "Topic",
};

export const topicMessages: { en: typeof en; ja: typeof en } = {
  en,
  ja: {
    title: "トピック",
  },
};
