// Messages of one feature, merged into en.ts and ja.ts under "contentAdmin". Keep en and ja in step.
const en = {
  title: "contentAdmin",
};

export const contentAdminMessages: { en: typeof en; ja: typeof en } = {
  en,
  ja: {
    title: "contentAdmin",
  },
};
