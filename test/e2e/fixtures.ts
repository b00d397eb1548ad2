// The people and accounts of the e2e database. test/e2e/seed.ts creates them with the factories;
// the specs import them from here. Kept free of app imports so that specs stay light.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const E2E_PORT = Number(process.env.E2E_PORT || 3210);
export const BASE_URL = `http://localhost:${E2E_PORT}`;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Everything a run writes lives here (gitignored), recreated by test/e2e/start-server.mjs. */
export const E2E_DIR = path.join(REPO_ROOT, "test-results/e2e");
export const E2E_DB_FILE = path.join(E2E_DIR, "portal.db");
export const E2E_IDS_FILE = path.join(E2E_DIR, "ids.json");
export const E2E_AUTH_DIR = path.join(E2E_DIR, "auth");

/** The factories' TEST_PASSWORD; seed.ts refuses to run if the two drift apart. */
export const E2E_PASSWORD = "correct horse battery";

export const ACCOUNTS = {
  a: { key: "a", name: "Sakura Logistics (E2E A)", externalId: "e2e-account-a" },
  b: { key: "b", name: "Borealis Foods (E2E B)", externalId: "e2e-account-b" },
  /** Has the onboarding checklist (onboarding.spec.ts); the others have none. */
  c: { key: "c", name: "Cobalt Studio (E2E C)", externalId: "e2e-account-c" },
  /**
   * Red and falling, owned by CS (health-journey.spec.ts). Nobody signs in to it and it has no
   * events, so the background recompute leaves its seeded health alone (nothing makes it due).
   */
  h: { key: "h", name: "Hinode Works (E2E H)", externalId: "e2e-account-h" },
  /** Only bad-input.spec.ts writes here: naughty strings in every customer form. */
  d: { key: "d", name: "Dune Fuzzing (E2E D)", externalId: "e2e-account-d" },
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

type Person = {
  email: string;
  name: string;
  role: "member" | "account_admin" | "cs" | "admin";
  account: AccountKey | null;
  /** null: the browser's language applies. */
  locale: "ja" | "en" | null;
  /** Left out: the factories' trusted default. 0 is a new user (posts held, limits). */
  trustLevel?: number;
};

export const USERS = {
  memberA: {
    email: "e2e-member-a@example.test",
    name: "Aoi Member",
    role: "member",
    account: "a",
    locale: null,
  },
  accountAdminA: {
    email: "e2e-admin-a@example.test",
    name: "Ren Account-Admin",
    role: "account_admin",
    account: "a",
    locale: null,
  },
  memberB: {
    email: "e2e-member-b@example.test",
    name: "Bea Member",
    role: "member",
    account: "b",
    locale: null,
  },
  cs: { email: "e2e-cs@example.test", name: "Chika CS", role: "cs", account: null, locale: null },
  admin: {
    email: "e2e-admin@example.test",
    name: "Daichi Admin",
    role: "admin",
    account: null,
    locale: null,
  },
  /** Only moderation.spec.ts uses this one: CS suspends it. Writes the spam seed-moderation.ts flags. */
  moderated: {
    email: "e2e-moderated@example.test",
    name: "Goro Spammer",
    role: "member",
    account: "b",
    locale: null,
  },
  /** Only locale.spec.ts signs in as this one: it changes the stored language. */
  localeSwitcher: {
    email: "e2e-locale@example.test",
    name: "Emi Switcher",
    role: "member",
    account: "a",
    locale: null,
  },
  /** Only login.spec.ts uses this one: its failed attempts count against its e-mail. */
  wrongPassword: {
    email: "e2e-wrong-password@example.test",
    name: "Fumi Typo",
    role: "member",
    account: "a",
    locale: null,
  },
  /** Only reputation.spec.ts posts as this one: a new user whose first posts are held. */
  newcomer: {
    email: "e2e-newcomer@example.test",
    name: "Gen Newcomer",
    role: "member",
    account: "b",
    locale: null,
    trustLevel: 0,
  },
  /** onboarding.spec.ts signs in as this new member and works through the checklist. */
  onboardingMember: {
    email: "e2e-new-member-c@example.test",
    name: "Nao Newcomer",
    role: "member",
    account: "c",
    locale: null,
  },
  onboardingAdmin: {
    email: "e2e-admin-c@example.test",
    name: "Kai Account-Admin",
    role: "account_admin",
    account: "c",
    locale: null,
  },
  /** notifications.spec.ts: seeded notifications (English journey), and one in Japanese. */
  notifiedEn: {
    email: "e2e-notified-en@example.test",
    name: "Noa Notified",
    role: "member",
    account: "b",
    locale: "en",
  },
  notifiedJa: {
    email: "e2e-notified-ja@example.test",
    name: "通知 花子",
    role: "member",
    account: "b",
    locale: "ja",
  },
  /** bad-input.spec.ts fills every form this member and this account admin can reach. */
  fuzzMember: {
    email: "e2e-fuzz-member@example.test",
    name: "Fuzz Member",
    role: "member",
    account: "d",
    locale: null,
  },
  fuzzAdmin: {
    email: "e2e-fuzz-admin@example.test",
    name: "Fuzz Account-Admin",
    role: "account_admin",
    account: "d",
    locale: null,
  },
  /** keyboard.spec.ts: searches, reads, posts and completes an onboarding step by keyboard. */
  keyboard: {
    email: "e2e-keyboard@example.test",
    name: "Kiko Keyboard",
    role: "member",
    account: "d",
    locale: null,
  },
} as const satisfies Record<string, Person>;
export type UserKey = keyof typeof USERS;

/** Users that get a ready-made signed-in browser state (see authState). */
export const PRE_SIGNED_IN = [
  "memberA",
  "accountAdminA",
  "memberB",
  "cs",
  "admin",
  "newcomer",
  "moderated",
  "onboardingAdmin",
  "notifiedEn",
  "notifiedJa",
  "fuzzMember",
  "fuzzAdmin",
  "keyboard",
] as const;
export type PreSignedIn = (typeof PRE_SIGNED_IN)[number];

export type E2eIds = {
  accounts: Record<AccountKey, string>;
  users: Record<UserKey, string>;
  /** The onboarding checklist of account c (onboarding.spec.ts). */
  checklist?: { templateId: string; tutorialTitle: string; tutorialSlug: string };
  /** A sent newsletter the notified users received (test/e2e/seed-notifications.ts). */
  newsletterId?: string;
  /** An events API key that only bad-input.spec.ts uses (its events go to account d). */
  fuzzApiKey?: string;
};

/** How many unread notifications seed-notifications.ts gives each notified user. */
export const E2E_NOTIFICATIONS = 3;

/** What test/e2e/seed-onboarding.ts gives account c; onboarding.spec.ts looks for it. */
export const E2E_CHECKLIST = {
  titleEn: "Start with Cobalt boards",
  titleJa: "Cobalt ボードをはじめよう",
  tutorialTitle: "Walkthrough: your first Cobalt board",
  tutorialSlug: "e2e-onboarding-first-board",
  readStepEn: "Read the first-board walkthrough",
  manualStepEn: "Add a profile photo",
} as const;

/** What seed.ts gives the answer bot to quote (answer-bot.spec.ts asks about it). */
export const E2E_ANSWER_BOT = {
  slugJa: "e2e-bot-lost-phone-ja",
  titleJa: "2 段階認証のよくある質問",
  headingJa: "スマートフォンを紛失した場合",
  headingIdJa: "スマートフォンを紛失した場合",
  /** A sentence of that section, quoted by the bot. */
  quoteJa: "リカバリーコードを使う",
  questionJa: "スマホをなくしてしまい、2段階認証のコードが入力できません。どうすればいいですか？",
  slugEn: "e2e-bot-export-en",
  titleEn: "Exporting your workspace",
  headingEn: "Export the whole workspace",
  quoteEn: "Data export",
  questionEn: "How can I export the whole workspace data?",
};

/** Account d's checklist (seed.ts): keyboard.spec.ts completes its manual step. */
export const E2E_KEYBOARD_CHECKLIST = {
  titleEn: "Keyboard basics",
  titleJa: "キーボードの基本",
  stepEn: "Try the shortcuts",
} as const;

let ids: E2eIds | undefined;

/** Database ids written by seed.ts. Read lazily: the file exists only once the web server started. */
export function e2eIds(): E2eIds {
  ids ??= JSON.parse(readFileSync(E2E_IDS_FILE, "utf8")) as E2eIds;
  return ids;
}

/** A Playwright storageState file holding a live session of the user (made by seed.ts). */
export function authState(user: PreSignedIn): string {
  return path.join(E2E_AUTH_DIR, `${user}.json`);
}
