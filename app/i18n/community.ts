// Messages of one feature, merged into en.ts and ja.ts under "community". Keep en and ja in step.
const en = {
  title: "Community",
};

export const communityMessages: { en: typeof en; ja: typeof en } = {
  en,
  ja: {
    title: "コミュニティ",
  },
};
