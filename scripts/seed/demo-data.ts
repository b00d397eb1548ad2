// Demo data for "Acme Cloud", a fictional B2B project-management and reporting SaaS whose CS
// team runs the portal: about 40 customer accounts across the three coverage tiers, their
// people, the CS staff, and 90 days of engagement events. Deterministic (a seeded PRNG), and
// idempotent: a database that already holds the demo accounts only gets its demo logins checked.
// Tests never use this data; they build their own with test/factories.
import { randomBytes } from "node:crypto";
import { db, type Prisma } from "../../app/utils/db.server";
import { hashPassword, verifyPassword } from "../../app/utils/password.server";
import { deriveSegment, DEFAULT_SEGMENT_THRESHOLDS, type Segment } from "../../app/models/segment";
import type { Role } from "../../app/models/roles";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { MAX_TRUST_LEVEL } from "../../app/models/reputation";

export const DEMO_PASSWORD = "demo-password-2026";

type Locale = "ja" | "en";
type Stage = "onboarding" | "adopting" | "mature" | "at_risk";

/** One sign-in per role; printed by `npm run demo`. `domain` names the customer account. */
export const DEMO_LOGINS = [
  {
    role: "member",
    email: "member@demo.example",
    name: "山田 花子",
    locale: "ja",
    domain: "demo.example",
    password: DEMO_PASSWORD,
  },
  {
    role: "account_admin",
    email: "admin@customer.demo.example",
    name: "Alex Morgan",
    locale: "en",
    domain: "customer.demo.example",
    password: DEMO_PASSWORD,
  },
  {
    role: "cs",
    email: "cs@acme.example",
    name: "佐藤 美咲",
    locale: "ja",
    domain: null,
    password: DEMO_PASSWORD,
  },
  {
    role: "admin",
    email: "admin@acme.example",
    name: "Jordan Lee",
    locale: "en",
    domain: null,
    password: DEMO_PASSWORD,
  },
] as const satisfies readonly {
  role: Role;
  email: string;
  name: string;
  locale: Locale;
  domain: string | null;
  password: string;
}[];

/** The CS team besides the demo logins above (4 CS in all, 1 admin). */
const OTHER_STAFF: { email: string; name: string; locale: Locale }[] = [
  { email: "emily.carter@acme.example", name: "Emily Carter", locale: "en" },
  { email: "kenta.tanaka@acme.example", name: "田中 健太", locale: "ja" },
  { email: "daniel.kim@acme.example", name: "Daniel Kim", locale: "en" },
];

/** The marker of a seeded database: the first generated account. */
export const FIRST_DEMO_EXTERNAL_ID = externalId(0);
const DEFAULT_SEED = 20_260_401;
const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_DAYS = 90;
/** At-risk accounts fade over this many most recent days. */
const FADE_DAYS = 30;
/** Churned accounts fade over this many days before their churn date. */
const CHURN_FADE_DAYS = 60;
const EVENT_CHUNK = 1_000;

type Tier = "high" | "low" | "tech";

/** ARR ranges (JPY) per tier, inside the default segment thresholds. */
const ARR_RANGE: Record<Tier, [number, number]> = {
  high: [12_000_000, 48_000_000],
  low: [2_400_000, 9_600_000],
  tech: [240_000, 1_900_000],
};
/** Customer users per account, per tier (about 200 in all). */
const USERS_PER_ACCOUNT: Record<Tier, [number, number]> = {
  high: [12, 15],
  low: [5, 7],
  tech: [2, 4],
};
/** Chance that a user is active on a weekday, before fading or ramping. */
const DAILY_ACTIVITY: Record<Stage, number> = {
  onboarding: 0.6,
  adopting: 0.5,
  mature: 0.65,
  at_risk: 0.55,
};
const TIER_ACTIVITY: Record<Tier, number> = { high: 1, low: 0.9, tech: 0.8 };
const WEEKEND_ACTIVITY = 0.2;

/** Plans by ARR (JPY). */
const PLANS = [
  { plan: "starter", maxArr: 600_000 },
  { plan: "team", maxArr: 2_000_000 },
  { plan: "business", maxArr: 10_000_000 },
  { plan: "enterprise", maxArr: Infinity },
] as const;
/**
 * Seats bought beyond the people who use the portal, as a share of them. Kept close to the
 * user count (rather than derived from ARR) so that "active users versus seats" in the health
 * model means something in the demo; an account with no headroom is an expansion signal.
 */
const SEAT_HEADROOM = 0.6;

type Company = {
  name: string;
  domain: string;
  locale: Locale;
  tier: Tier;
  stage: Stage;
  /** Churned at its renewal in the last 30 days, with this reason. */
  churnReason?: string;
};

function company(
  name: string,
  domain: string,
  locale: Locale,
  tier: Tier,
  stage: Stage,
  churnReason?: string,
): Company {
  return { name, domain, locale, tier, stage, churnReason };
}

// The order fixes the external ids (crm-0001 is the first); append, never reorder.
const COMPANIES: Company[] = [
  // High-touch: a named CSM each.
  company("株式会社さくら物流", "sakura-logistics.example", "ja", "high", "mature"),
  company("Northwind Traders", "northwind.example", "en", "high", "mature"),
  company("東邦メディカルシステムズ株式会社", "toho-medical.example", "ja", "high", "adopting"),
  company("Contoso Pharmaceuticals", "contoso-pharma.example", "en", "high", "at_risk"),
  company("みなとフィナンシャル株式会社", "minato-financial.example", "ja", "high", "onboarding"),
  // Low-touch: pooled, scheduled CS, still with an owner.
  company("Demo Customer Inc.", "customer.demo.example", "en", "low", "mature"),
  company("Fabrikam Manufacturing", "fabrikam.example", "en", "low", "mature"),
  company("株式会社ひまわり食品", "himawari-foods.example", "ja", "low", "adopting"),
  company("Tailspin Toys", "tailspin.example", "en", "low", "at_risk"),
  company("株式会社あおば建設", "aoba-kensetsu.example", "ja", "low", "mature"),
  company("Litware Systems", "litware.example", "en", "low", "onboarding"),
  company("株式会社こだま通信", "kodama-tsushin.example", "ja", "low", "mature"),
  company("Woodgrove Insurance", "woodgrove.example", "en", "low", "adopting"),
  company("株式会社はやぶさ運輸", "hayabusa-unyu.example", "ja", "low", "at_risk"),
  company("Adventure Works Cycles", "adventure-works.example", "en", "low", "mature"),
  company("株式会社つばき化粧品", "tsubaki-cosmetics.example", "ja", "low", "adopting"),
  company("北斗エンジニアリング株式会社", "hokuto-eng.example", "ja", "low", "mature"),
  // Tech-touch: served by the portal alone.
  company("株式会社デモ製作所", "demo.example", "ja", "tech", "adopting"),
  company("Proseware Inc.", "proseware.example", "en", "tech", "mature"),
  company("株式会社もみじデザイン", "momiji-design.example", "ja", "tech", "mature"),
  company("Wide World Importers", "wideworld.example", "en", "tech", "adopting"),
  company("合同会社いろは企画", "iroha-kikaku.example", "ja", "tech", "onboarding"),
  company("Alpine Ski House", "alpineskihouse.example", "en", "tech", "mature"),
  company(
    "株式会社しずく不動産",
    "shizuku-fudosan.example",
    "ja",
    "tech",
    "at_risk",
    "担当部署の統合で利用者が減り、更新を見送った。",
  ),
  company(
    "Coho Winery",
    "cohowinery.example",
    "en",
    "tech",
    "at_risk",
    "Budget cut: went back to spreadsheets after the pilot team was disbanded.",
  ),
  company("株式会社かえでソフト", "kaede-soft.example", "ja", "tech", "mature"),
  company("Fourth Coffee", "fourthcoffee.example", "en", "tech", "adopting"),
  company("株式会社すずらん歯科", "suzuran-dental.example", "ja", "tech", "onboarding"),
  company("Graphic Design Institute", "graphicdesign.example", "en", "tech", "mature"),
  company(
    "株式会社ほたる旅行",
    "hotaru-travel.example",
    "ja",
    "tech",
    "at_risk",
    "推進担当者の退職後に利用が定着せず、更新されなかった。",
  ),
  company("株式会社たんぽぽ保育", "tanpopo-hoiku.example", "ja", "tech", "adopting"),
  company("Lucerne Publishing", "lucernepublishing.example", "en", "tech", "mature"),
  company("有限会社やまびこ印刷", "yamabiko-print.example", "ja", "tech", "mature"),
  company(
    "Margie's Travel",
    "margiestravel.example",
    "en",
    "tech",
    "at_risk",
    "Acquired by a group that standardises on a competitor's product.",
  ),
  company("わかば会計事務所", "wakaba-kaikei.example", "ja", "tech", "adopting"),
  company("Trey Research", "treyresearch.example", "en", "tech", "onboarding"),
  company("株式会社ことり出版", "kotori-shuppan.example", "ja", "tech", "mature"),
  company(
    "Wingtip Toys",
    "wingtiptoys.example",
    "en",
    "tech",
    "at_risk",
    "Usage never recovered after their champion left; they did not renew.",
  ),
  company("株式会社あさひ商事", "asahi-shoji.example", "ja", "tech", "adopting"),
  company("Blue Yonder Airlines", "blueyonder.example", "en", "tech", "mature"),
];

/** "written romanised, ..." pairs, so that e-mail addresses read like the name. */
function namePairs(list: string): [string, string][] {
  return list.split(",").map((pair) => pair.trim().split(" ") as [string, string]);
}
const JA_FAMILY = namePairs(
  "佐藤 sato, 鈴木 suzuki, 高橋 takahashi, 田中 tanaka, 伊藤 ito, 渡辺 watanabe, 山本 yamamoto, " +
    "中村 nakamura, 小林 kobayashi, 加藤 kato, 吉田 yoshida, 山田 yamada, 佐々木 sasaki, " +
    "山口 yamaguchi, 松本 matsumoto, 井上 inoue, 木村 kimura, 林 hayashi, 清水 shimizu, 斎藤 saito",
);
const JA_GIVEN = namePairs(
  "翔太 shota, 陽菜 hina, 大輔 daisuke, 美咲 misaki, 健一 kenichi, 由美 yumi, 拓也 takuya, 彩 aya, " +
    "直樹 naoki, 真由美 mayumi, 亮 ryo, 恵 megumi, 誠 makoto, 香織 kaori, 悠斗 yuto, 結衣 yui, " +
    "和也 kazuya, 麻衣 mai, 優 yu, 千尋 chihiro",
);
const EN_FIRST = (
  "Olivia Liam Emma Noah Ava Ethan Sophia Mason Isabella Lucas " +
  "Mia James Charlotte Benjamin Amelia Henry Harper Samuel Grace Priya"
).split(" ");
const EN_LAST = (
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Clark " +
  "Lewis Walker Hall Young Allen Wright Scott Green Baker Patel"
).split(" ");

const ARTICLE_SLUGS = [
  "getting-started",
  "create-your-first-project",
  "invite-your-team",
  "gantt-chart-basics",
  "build-a-dashboard",
  "schedule-report-emails",
  "export-to-csv",
  "sso-saml-setup",
  "roles-and-permissions",
  "api-tokens",
  "billing-and-invoices",
  "integrations-slack",
];
const REPORT_KINDS = ["burndown", "workload", "budget", "milestones", "time-tracking"];

export type SeedSummary = {
  /** False when the database already held the demo data and nothing was generated. */
  created: boolean;
  accounts: number;
  customerUsers: number;
  staffUsers: number;
  events: number;
  /** Demo logins that had to be created, or whose password or role was put back. */
  demoLoginsRepaired: string[];
  durationMs: number;
};

export type SeedOptions = {
  /** The "present" the history is generated against; defaults to the current time. */
  now?: Date;
  /** A random source in [0, 1); defaults to a PRNG with a fixed seed, so every run is alike. */
  random?: () => number;
};

/** mulberry32: a tiny, good-enough seeded PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function externalId(index: number) {
  return `crm-${String(index + 1).padStart(4, "0")}`;
}

/** The product's id of a demo user (User.externalId), for trying the events API with curl. */
export function productUserId(accountIndex: number, userIndex: number) {
  return `usr-${String(accountIndex + 1).padStart(4, "0")}-${String(userIndex + 1).padStart(3, "0")}`;
}

function planFor(arr: number) {
  return PLANS.find((p) => arr < p.maxArr) ?? PLANS[PLANS.length - 1]!;
}

function tierSegment(tier: Tier): Segment {
  return tier === "high" ? "high_touch" : tier === "low" ? "low_touch" : "tech_touch";
}

export async function seedDemo(options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const random = options.random ?? mulberry32(DEFAULT_SEED);

  const existing = await db.account.findUnique({
    where: { externalId: FIRST_DEMO_EXTERNAL_ID },
    select: { id: true },
  });
  let created = false;
  if (!existing) {
    // Random passwords nobody knows: only the demo logins can sign in. Hashed once, shared.
    const [demoHash, lockedHash] = await Promise.all([
      hashPassword(DEMO_PASSWORD),
      hashPassword(randomBytes(24).toString("base64url")),
    ]);
    // One transaction: a seed that fails half-way leaves nothing behind to be mistaken for a
    // finished one on the next run.
    await db.$transaction((tx) => generate(tx, { now, random, demoHash, lockedHash }), {
      maxWait: 10_000,
      timeout: 300_000,
    });
    created = true;
  }
  const demoLoginsRepaired = created ? [] : await ensureDemoLogins();

  const [accounts, customerUsers, staffUsers, events] = await Promise.all([
    db.account.count(),
    db.user.count({ where: { accountId: { not: null } } }),
    db.user.count({ where: { accountId: null } }),
    db.event.count(),
  ]);
  return {
    created,
    accounts,
    customerUsers,
    staffUsers,
    events,
    demoLoginsRepaired,
    durationMs: Date.now() - started,
  };
}

type Context = {
  now: Date;
  random: () => number;
  demoHash: string;
  lockedHash: string;
};

type UserPlan = {
  email: string;
  name: string;
  locale: Locale | null;
  role: Role;
  createdAt: Date;
  demo: boolean;
};

async function generate(tx: Prisma.TransactionClient, ctx: Context) {
  const { now, random } = ctx;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

  // Staff first: CSMs own accounts.
  const staffPlans = [
    ...DEMO_LOGINS.filter((l) => l.domain === null).map((l) => ({ ...l, demo: true })),
    ...OTHER_STAFF.map((s) => ({ ...s, role: "cs" as Role, demo: false })),
  ];
  const staff = [];
  for (const s of staffPlans) {
    staff.push(
      await tx.user.create({
        data: {
          email: s.email,
          name: s.name,
          locale: s.locale,
          role: s.role,
          accountId: null,
          // Staff are always trusted (app/models/reputation.ts).
          trustLevel: MAX_TRUST_LEVEL,
          createdAt: daysAgo(between(400, 900)),
          lastSeenAt: daysAgo(random()),
          password: { create: { hash: s.demo ? ctx.demoHash : ctx.lockedHash } },
        },
      }),
    );
  }
  const csms = staff.filter((s) => s.role === "cs");

  const events: Prisma.EventCreateManyInput[] = [];
  let ownedCount = 0;
  for (const [index, company] of COMPANIES.entries()) {
    const [minArr, maxArr] = ARR_RANGE[company.tier];
    const arr = Math.round(between(minArr, maxArr) / 10_000) * 10_000;
    const plan = planFor(arr);
    const churned = company.churnReason !== undefined;
    const accountCreatedAt =
      company.stage === "onboarding" ? daysAgo(between(14, 70)) : daysAgo(between(150, 1_000));
    // Active contracts renew on their next anniversary (so over the coming year); churned ones
    // lapsed at theirs within the last 30 days.
    const renewalDate = churned ? daysAgo(between(3, 28)) : nextAnniversary(accountCreatedAt, now);
    const ownerId = company.tier === "tech" ? null : csms[ownedCount++ % csms.length]!.id;

    const [minUsers, maxUsers] = USERS_PER_ACCOUNT[company.tier];
    const users = planUsers(company, between(minUsers, maxUsers), accountCreatedAt, ctx);
    const seats = users.length + between(0, Math.ceil(users.length * SEAT_HEADROOM));

    const account = await tx.account.create({
      data: {
        externalId: externalId(index),
        name: company.name,
        plan: plan.plan,
        arr,
        seats,
        segment: deriveSegment(arr, DEFAULT_SEGMENT_THRESHOLDS),
        lifecycleStage: company.stage,
        renewalDate,
        status: churned ? "churned" : "active",
        churnedAt: churned ? renewalDate : null,
        churnReason: company.churnReason ?? null,
        ownerId,
        createdAt: accountCreatedAt,
      },
    });
    const rows = await tx.user.createManyAndReturn({
      data: users.map((u, userIndex) => ({
        externalId: productUserId(index, userIndex),
        email: u.email,
        name: u.name,
        locale: u.locale,
        role: u.role,
        accountId: account.id,
        createdAt: u.createdAt,
      })),
      select: { id: true, email: true, role: true, createdAt: true },
    });
    const demoEmails = new Set(users.filter((u) => u.demo).map((u) => u.email));
    await tx.password.createMany({
      data: rows.map((r) => ({
        userId: r.id,
        hash: demoEmails.has(r.email) ? ctx.demoHash : ctx.lockedHash,
      })),
    });

    const lastSeen = new Map<string, Date>();
    const activityEnd = churned ? renewalDate : now;
    for (const user of rows) {
      const from = Math.max(user.createdAt.getTime(), daysAgo(HISTORY_DAYS).getTime());
      for (let day = Math.floor((now.getTime() - from) / DAY_MS); day >= 0; day--) {
        const dayStart = startOfUtcDay(daysAgo(day));
        if (dayStart.getTime() > activityEnd.getTime()) break;
        if (random() >= activityChance(company, day, dayStart, from, now, activityEnd)) continue;
        for (const e of userDay(company, user.role, ctx)) {
          const occurredAt = new Date(dayStart.getTime() + e.offsetMs);
          if (occurredAt > activityEnd || occurredAt < user.createdAt) continue;
          events.push({
            accountId: account.id,
            userId: user.id,
            type: e.type,
            properties: JSON.stringify(e.properties),
            source: e.type.startsWith("product.") ? "product" : "portal",
            occurredAt,
            receivedAt: occurredAt,
          });
          if (occurredAt > (lastSeen.get(user.id) ?? new Date(0)))
            lastSeen.set(user.id, occurredAt);
        }
      }
    }
    for (const [userId, at] of lastSeen) {
      await tx.user.update({ where: { id: userId }, data: { lastSeenAt: at } });
    }
  }

  for (let i = 0; i < events.length; i += EVENT_CHUNK) {
    await tx.event.createMany({ data: events.slice(i, i + EVENT_CHUNK) });
  }
}

function nextAnniversary(start: Date, now: Date) {
  const date = new Date(start);
  while (date <= now) date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date;
}

function startOfUtcDay(date: Date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** How likely one user is active on a day: the account's stage shapes its history. */
function activityChance(
  company: Company,
  day: number,
  dayStart: Date,
  from: number,
  now: Date,
  activityEnd: Date,
) {
  let chance = DAILY_ACTIVITY[company.stage] * TIER_ACTIVITY[company.tier];
  const weekday = dayStart.getUTCDay();
  if (weekday === 0 || weekday === 6) chance *= WEEKEND_ACTIVITY;
  if (company.churnReason !== undefined) {
    // Churned: engagement declined over the CHURN_FADE_DAYS before they left, so the health
    // history (and the model validation on /admin/health) shows the decline before the churn.
    const beforeChurn = (activityEnd.getTime() - dayStart.getTime()) / DAY_MS;
    if (beforeChurn < CHURN_FADE_DAYS) chance *= 0.03 + 0.97 * (beforeChurn / CHURN_FADE_DAYS);
  } else if (company.stage === "at_risk" && day < FADE_DAYS) {
    // Fading: from full activity 30 days ago down to almost nothing today.
    chance *= 0.05 + 0.95 * (day / FADE_DAYS);
  }
  if (company.stage === "onboarding") {
    // Ramping up over the first three weeks after the start.
    const sinceStart = (now.getTime() - from) / DAY_MS - day;
    chance *= Math.min(1, 0.3 + sinceStart / 21);
  }
  return chance;
}

type PlannedEvent = { type: string; offsetMs: number; properties: Record<string, unknown> };

/** One active day of one user: a sign-in, then reading and working in the product. */
function userDay(company: Company, role: string, ctx: Context): PlannedEvent[] {
  const { random } = ctx;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Working hours: 9:00-19:00 JST for Japanese companies, 8:00-18:00 US Eastern otherwise (UTC).
  const firstHour = company.locale === "ja" ? 0 : 13;
  let offsetMs = (firstHour + random() * 8) * 60 * 60 * 1000;
  const step = () => (offsetMs += (1 + random() * 40) * 60 * 1000);
  const out: PlannedEvent[] = [{ type: PORTAL_EVENTS.signedIn, offsetMs, properties: {} }];
  const reads = Math.floor(random() * 4);
  for (let i = 0; i < reads; i++) {
    out.push({
      type: "portal.article_viewed",
      offsetMs: step(),
      properties: { slug: pick(ARTICLE_SLUGS) },
    });
  }
  // Searches are seeded by search-data.ts, with the SearchQuery rows insights read.
  const reports = Math.floor(random() * 3);
  for (let i = 0; i < reports; i++) {
    out.push({
      type: "product.report_created",
      offsetMs: step(),
      properties: { kind: pick(REPORT_KINDS) },
    });
  }
  if (random() < 0.12) {
    out.push({ type: "product.project_created", offsetMs: step(), properties: {} });
  }
  if (role === "account_admin" && random() < 0.06) {
    out.push({ type: "product.user_invited", offsetMs: step(), properties: {} });
  }
  return out;
}

/** The account's people: admins first, names and e-mail addresses in the company's language. */
function planUsers(
  company: Company,
  count: number,
  accountCreatedAt: Date,
  ctx: Context,
): UserPlan[] {
  const { random, now } = ctx;
  const demo = DEMO_LOGINS.filter((l) => l.domain === company.domain);
  const admins = company.tier === "high" ? 2 : 1;
  const taken = new Set<string>(demo.map((d) => d.email));
  const span = Math.max(1, now.getTime() - accountCreatedAt.getTime());
  const users: UserPlan[] = [];
  for (let i = 0; i < count; i++) {
    let name: string;
    let local: string;
    if (company.locale === "ja") {
      const family = JA_FAMILY[Math.floor(random() * JA_FAMILY.length)]!;
      const given = JA_GIVEN[Math.floor(random() * JA_GIVEN.length)]!;
      name = `${family[0]} ${given[0]}`;
      local = `${given[1]}.${family[1]}`;
    } else {
      const first = EN_FIRST[Math.floor(random() * EN_FIRST.length)]!;
      const last = EN_LAST[Math.floor(random() * EN_LAST.length)]!;
      name = `${first} ${last}`;
      local = `${first}.${last}`.toLowerCase();
    }
    let email = `${local}@${company.domain}`;
    for (let n = 2; taken.has(email); n++) email = `${local}${n}@${company.domain}`;
    taken.add(email);
    const roll = random();
    const locale: Locale | null =
      roll < 0.75 ? company.locale : roll < 0.95 ? null : company.locale === "ja" ? "en" : "ja";
    // The first people arrived with the contract; the rest joined over time (the first quarter).
    const joined = i < admins ? 0 : random() * Math.min(span, 120 * DAY_MS);
    // Trust levels come from community activity (community-data.ts runs the app's rules). The
    // draw that used to pick one stays, so that everything generated after it stays the same.
    random();
    users.push({
      email,
      name,
      locale,
      role: i < admins ? "account_admin" : "member",
      createdAt: new Date(accountCreatedAt.getTime() + joined),
      demo: false,
    });
  }
  // The demo logins take the place of generated people, so the counts stay the same.
  for (const d of demo) {
    const slot = d.role === "account_admin" ? 0 : users.length - 1;
    users[slot] = {
      email: d.email,
      name: d.name,
      locale: d.locale,
      role: d.role,
      createdAt: users[slot]!.createdAt,
      demo: true,
    };
  }
  return users;
}

/** On an already seeded database: the demo logins exist, with their role and password. */
async function ensureDemoLogins(): Promise<string[]> {
  const repaired: string[] = [];
  let hash: Promise<string> | undefined;
  for (const login of DEMO_LOGINS) {
    const user = await db.user.findUnique({
      where: { email: login.email },
      select: { id: true, role: true, password: { select: { hash: true } } },
    });
    if (!user) {
      const accountId = login.domain ? await accountFor(login.domain) : null;
      hash ??= hashPassword(DEMO_PASSWORD);
      await db.user.create({
        data: {
          email: login.email,
          name: login.name,
          locale: login.locale,
          role: login.role,
          accountId,
          password: { create: { hash: await hash } },
        },
      });
      repaired.push(login.email);
      continue;
    }
    const passwordOk = user.password
      ? await verifyPassword(DEMO_PASSWORD, user.password.hash)
      : false;
    if (passwordOk && user.role === login.role) continue;
    hash ??= hashPassword(DEMO_PASSWORD);
    const newHash = await hash;
    await db.user.update({
      where: { id: user.id },
      data: {
        role: login.role,
        password: { upsert: { create: { hash: newHash }, update: { hash: newHash } } },
      },
    });
    repaired.push(login.email);
  }
  return repaired;
}

/** The demo account for a login, or failing that any account of the same segment. */
async function accountFor(domain: string): Promise<string> {
  const index = COMPANIES.findIndex((c) => c.domain === domain);
  const company = COMPANIES[index]!;
  const account =
    (await db.account.findUnique({
      where: { externalId: externalId(index) },
      select: { id: true },
    })) ??
    (await db.account.findFirst({
      where: { segment: tierSegment(company.tier) },
      orderBy: { externalId: "asc" },
      select: { id: true },
    })) ??
    (await db.account.findFirst({ orderBy: { externalId: "asc" }, select: { id: true } }));
  if (!account) throw new Error(`No account to put the demo login for ${domain} in.`);
  return account.id;
}
