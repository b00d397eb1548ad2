// Messages of one feature, merged into en.ts and ja.ts under "announcements". Keep en and ja in step.
const en = {
  title: "announcements",
};

export const announcementsMessages: { en: typeof en; ja: typeof en } = {
  en,
  ja: {
    title: "announcements",
  },
};
