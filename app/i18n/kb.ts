// Messages of one feature, merged into en.ts and ja.ts under "kb". Keep en and ja in step.
const en = {
  title: "kb",
};

export const kbMessages: { en: typeof en; ja: typeof en } = {
  en,
  ja: {
    title: "kb",
  },
};
