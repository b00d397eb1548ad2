// Demo search activity for the insights pages: about 90 days of searches by the demo accounts'
// people in Japanese and English over the help-center topics (typos included, and things the
// product does not do, which find nothing), the results they opened, the support requests they
// sent or gave up on (deflections), the matching engagement events, and the default synonym
// groups. Deterministic (its own seeded PRNG, so the rest of the demo data does not shift) and
// idempotent: a marker event says the activity is there, and a synonym group is only added when
// none of its words is in a group already (CS may have edited them since).
import { checkTerms, foldTerm, listSynonymGroups } from "../../app/commands/manage-synonyms.server";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { markSearchChanged } from "../../app/search/changes.server";
import { DEFAULT_SYNONYM_GROUPS } from "../../app/search/default-synonyms";
import { insightKey } from "../../app/search/query";
import { db, type Prisma } from "../../app/utils/db.server";
import { mulberry32 } from "./demo-data";

const SEARCH_SEED = 20_260_412;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const HISTORY_DAYS = 90;
/** At-risk accounts search less and less over this many most recent days. */
const FADE_DAYS = 30;
const CHUNK = 1_000;
/** The idempotency key of the first generated event: present means "already seeded". */
const MARKER_KEY = "demo-search:0:searched";

/** Chance that a person searches the help center on a weekday, by the account's stage. */
const SEARCH_DAY_CHANCE: Record<string, number> = {
  onboarding: 0.3,
  adopting: 0.23,
  mature: 0.16,
  at_risk: 0.19,
};
const WEEKEND_FACTOR = 0.25;
/** A session has one search, sometimes a second or third one reworded. */
const MORE_SEARCHES_CHANCE = 0.35;
/** Shares of opened results by position (1-based); the rest of the mass goes to 4 and 5. */
const POSITION_SHARES = [0.56, 0.22, 0.12] as const;
/** After a session, what the person did next (the "still need help" form). */
const NEXT_STEP = {
  /** Found nothing: filed a request, or began one and left when it suggested an article. */
  nothingFound: { request: 0.16, deflected: 0.1 },
  /** Found results but opened none. */
  notOpened: { request: 0.06, deflected: 0.05 },
  /** Opened a result. */
  opened: { request: 0.015, deflected: 0.05 },
};
/** Sources of searches logged from the help center (the rest come from the header typeahead). */
const PAGE_SOURCE_SHARE = 0.75;

type Locale = "ja" | "en";
/** A query people type: how often, what it finds (null: nothing) and how often it is opened. */
type Query = { text: string; weight: number; article: string | null; ctr?: number };

function q(text: string, weight: number, article: string | null, ctr?: number): Query {
  return { text, weight, article, ctr };
}

/** Typical opening rate of a result list that matches the question. */
const DEFAULT_CTR = 0.6;
/** Misspelled queries still find something (typo tolerance) but the list fits less well. */
const TYPO_CTR = 0.4;

const QUERIES: Record<Locale, Query[]> = {
  en: [
    q("invite team", 8, "invite-your-team"),
    q("Invite users", 4, "invite-your-team"),
    q("gantt chart", 7, "timeline-gantt-dependencies"),
    q("Gantt", 3, "timeline-gantt-dependencies"),
    q("gant chart", 2, "timeline-gantt-dependencies", TYPO_CTR),
    q("export csv", 8, "export-csv-pdf"),
    q("Export CSV", 3, "export-csv-pdf"),
    q("saml sso", 5, "saml-sso-setup"),
    q("SSO", 4, "saml-sso-setup"),
    q("api token", 5, "create-api-token"),
    q("api rate limit", 4, "api-rate-limits"),
    q("slack integration", 5, "slack-integration"),
    q("microsoft teams", 3, "teams-integration"),
    q("2fa", 4, "enable-two-step-verification"),
    q("two step verification", 2, "enable-two-step-verification"),
    q("download invoice", 6, "download-invoices"),
    q("invoce", 2, "download-invoices", TYPO_CTR),
    q("receipt", 2, "download-invoices"),
    q("add seats", 4, "add-or-remove-seats"),
    q("recurring task", 4, "recurring-tasks"),
    q("time tracking", 4, "time-tracking"),
    q("share dashboard", 5, "share-dashboard-by-link"),
    q("schedule report email", 4, "schedule-report-email"),
    q("project template", 3, "project-templates"),
    q("kanban", 3, "kanban-board-basics"),
    q("calendar sync", 3, "calendar-sync"),
    q("calender sync", 1, "calendar-sync", TYPO_CTR),
    q("webhooks", 3, "webhooks-guide"),
    q("webhok", 1, "webhooks-guide", TYPO_CTR),
    q("remove user", 3, "remove-a-member"),
    q("change payment method", 3, "change-payment-method"),
    q("import spreadsheet", 3, "import-from-spreadsheet"),
    q("upgrade plan", 3, "upgrade-or-downgrade"),
    // Results that do not look like the answer: people rarely open them.
    q("permissions", 5, "choose-roles-for-members", 0.22),
    q("report numbers wrong", 3, "why-report-numbers-differ", 0.3),
    q("mobile", 3, "mobile-apps", 0.35),
    // Things the product does not do (yet): nothing to find.
    q("dark mode", 5, null),
    q("offline mode", 3, null),
    q("jira import", 3, null),
    q("custom domain", 3, null),
    q("salesforce integration", 2, null),
    q("HIPAA", 1, null),
  ],
  ja: [
    q("ガントチャート", 8, "timeline-gantt-dependencies"),
    q("ガントチャード", 2, "timeline-gantt-dependencies", TYPO_CTR),
    q("CSV 出力", 7, "export-csv-pdf"),
    q("ＣＳＶ　出力", 2, "export-csv-pdf"),
    q("CSV エクスポート", 3, "export-csv-pdf"),
    q("SSO 設定", 5, "saml-sso-setup"),
    q("シングルサインオン", 3, "saml-sso-setup"),
    q("2段階認証", 4, "enable-two-step-verification"),
    q("請求書 ダウンロード", 6, "download-invoices"),
    q("せいきゅうしょ", 1, "download-invoices", TYPO_CTR),
    q("領収書", 3, "download-invoices"),
    q("席数 追加", 4, "add-or-remove-seats"),
    q("メンバー 招待", 7, "invite-your-team"),
    q("Slack 連携", 5, "slack-integration"),
    q("API トークン", 4, "create-api-token"),
    q("レート制限", 2, "api-rate-limits"),
    q("繰り返し タスク", 4, "recurring-tasks"),
    q("工数 記録", 4, "time-tracking"),
    q("ダッシュボード 共有", 5, "share-dashboard-by-link"),
    q("レポート 定期配信", 4, "schedule-report-email"),
    q("テンプレート", 3, "project-templates"),
    q("かんばん", 3, "kanban-board-basics"),
    q("カレンダー 連携", 3, "calendar-sync"),
    q("Webhook", 2, "webhooks-guide"),
    q("退職者 削除", 3, "remove-a-member"),
    q("支払い方法 変更", 3, "change-payment-method"),
    q("スプレッドシート インポート", 3, "import-from-spreadsheet"),
    q("プラン 変更", 3, "upgrade-or-downgrade"),
    q("権限", 6, "choose-roles-for-members", 0.2),
    q("数字が合わない", 3, "why-report-numbers-differ", 0.3),
    q("スマホ", 3, "mobile-apps", 0.35),
    q("ダークモード", 5, null),
    q("オフライン", 3, null),
    q("Jira 連携", 3, null),
    q("独自ドメイン", 3, null),
    q("電子印鑑", 2, null),
    q("Backlog 移行", 1, null),
  ],
};

/** Results a query finds: a handful for a matching question, fewer for a typo. */
const RESULT_RANGE = { match: [3, 9], typo: [1, 4] } as const;

export type SearchSeedSummary = {
  created: boolean;
  searches: number;
  deflections: number;
  supportRequests: number;
  synonymGroupsAdded: number;
};

export async function seedSearchData(
  options: { now?: Date; random?: () => number } = {},
): Promise<SearchSeedSummary> {
  const now = options.now ?? new Date();
  const random = options.random ?? mulberry32(SEARCH_SEED);
  const seeded = await db.event.findUnique({
    where: { idempotencyKey: MARKER_KEY },
    select: { id: true },
  });
  let counts = { searches: 0, deflections: 0, supportRequests: 0 };
  if (!seeded) {
    const plan = await planActivity(now, random);
    await db.$transaction((tx) => write(tx, plan), { maxWait: 10_000, timeout: 300_000 });
    counts = {
      searches: plan.searches.length,
      deflections: plan.deflections.length,
      supportRequests: plan.requests.length,
    };
  }
  const synonymGroupsAdded = await seedSynonyms();
  return { created: !seeded && counts.searches > 0, ...counts, synonymGroupsAdded };
}

type Plan = {
  searches: Prisma.SearchQueryCreateManyInput[];
  deflections: Prisma.DeflectionCreateManyInput[];
  requests: Prisma.SupportRequestCreateManyInput[];
  events: Prisma.EventCreateManyInput[];
};

async function planActivity(now: Date, random: () => number): Promise<Plan> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const weighted = (items: readonly Query[]) => {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let roll = random() * total;
    for (const item of items) {
      roll -= item.weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]!;
  };

  // Clicks name the article by id once the help center is imported (a seed run after
  // `npm run content:import`); before that, by its slug, which is as unique.
  const articles = await db.article.findMany({ select: { id: true, slug: true } });
  const articleIds = new Map(articles.map((a) => [a.slug, a.id]));
  const docId = (slug: string, locale: Locale) => {
    const localized = locale === "ja" ? `${slug}-ja` : slug;
    return `article:${articleIds.get(localized) ?? localized}`;
  };

  const users = await db.user.findMany({
    where: { account: { externalId: { startsWith: "crm-" } } },
    orderBy: { email: "asc" },
    select: {
      id: true,
      locale: true,
      createdAt: true,
      account: {
        select: { id: true, name: true, lifecycleStage: true, churnedAt: true },
      },
    },
  });

  const plan: Plan = { searches: [], deflections: [], requests: [], events: [] };
  const event = (
    key: string,
    type: string,
    accountId: string,
    userId: string,
    at: Date,
    properties: Record<string, unknown>,
  ) =>
    plan.events.push({
      accountId,
      userId,
      type,
      properties: JSON.stringify(properties),
      source: "portal",
      idempotencyKey: `demo-search:${key}`,
      occurredAt: at,
      receivedAt: at,
    });

  const start = new Date(startOfUtcDay(now).getTime() - HISTORY_DAYS * DAY_MS);
  for (const user of users) {
    const account = user.account!;
    // People without a language setting search in their company's language.
    const locale: Locale =
      user.locale === "ja" || user.locale === "en"
        ? user.locale
        : /[\u3040-\u30ff\u4e00-\u9fff]/.test(account.name)
          ? "ja"
          : "en";
    const end = account.churnedAt && account.churnedAt < now ? account.churnedAt : now;
    for (let day = start.getTime(); day <= end.getTime(); day += DAY_MS) {
      const dayStart = new Date(day);
      if (dayStart < startOfUtcDay(user.createdAt)) continue;
      if (random() >= dayChance(account.lifecycleStage, dayStart, now)) continue;
      // Working hours: 9:00-19:00 JST for Japanese speakers, 8:00-18:00 US Eastern otherwise.
      const firstHour = locale === "ja" ? 0 : 13;
      let at = day + (firstHour + random() * 8) * 60 * MINUTE_MS;
      if (at > end.getTime()) continue;

      let outcome: keyof typeof NEXT_STEP = "nothingFound";
      let lastQuery: Query | null = null;
      let openedDoc: string | null = null;
      const searchCount = random() < MORE_SEARCHES_CHANCE ? between(2, 3) : 1;
      for (let n = 0; n < searchCount && outcome !== "opened"; n++) {
        const query = weighted(QUERIES[locale]);
        lastQuery = query;
        const typo = query.ctr === TYPO_CTR;
        const [fewest, most] = typo ? RESULT_RANGE.typo : RESULT_RANGE.match;
        const results = query.article ? between(fewest, most) : 0;
        const opened = results > 0 && random() < (query.ctr ?? DEFAULT_CTR);
        const position = opened ? Math.min(results, clickPosition(random)) : null;
        const searchedAt = new Date(at);
        const clickedAt = opened ? new Date(at + between(5, 90) * 1000) : null;
        const id = `demo_sq_${String(plan.searches.length).padStart(6, "0")}`;
        const doc = opened && query.article ? docId(query.article, locale) : null;
        const source = random() < PAGE_SOURCE_SHARE ? "page" : "typeahead";
        plan.searches.push({
          id,
          accountId: account.id,
          userId: user.id,
          query: query.text,
          normalized: insightKey(query.text),
          locale,
          source,
          resultCount: results,
          clickedDocId: doc,
          clickedPosition: position,
          clickedAt,
          createdAt: searchedAt,
        });
        // The same shape as app/models/search.server.ts records.
        const index = plan.searches.length - 1;
        event(`${index}:searched`, PORTAL_EVENTS.searched, account.id, user.id, searchedAt, {
          searchId: id,
          source,
          outcome: results > 0 ? "found" : "none",
          resultCount: results,
        });
        if (doc && clickedAt) {
          event(`${index}:clicked`, PORTAL_EVENTS.searchClicked, account.id, user.id, clickedAt, {
            searchId: id,
            docId: doc,
            position,
          });
          openedDoc = doc;
        }
        outcome = doc ? "opened" : results > 0 ? "notOpened" : "nothingFound";
        at += between(1, 4) * MINUTE_MS;
      }
      if (!lastQuery) continue;

      const next = NEXT_STEP[outcome];
      const roll = random();
      const askedAt = new Date(at + between(1, 10) * MINUTE_MS);
      if (askedAt > end) continue;
      const subject =
        locale === "ja" ? `「${lastQuery.text}」について` : `Question about ${lastQuery.text}`;
      if (roll < next.request) {
        const requestId = `demo_sr_${String(plan.requests.length).padStart(5, "0")}`;
        plan.requests.push({
          id: requestId,
          accountId: account.id,
          userId: user.id,
          searchQuery: lastQuery.text,
          subject,
          body: locale === "ja" ? "ヘルプセンターで答えが見つかりませんでした。" : pick(EN_BODIES),
          createdAt: askedAt,
        });
        event(`r${requestId}`, PORTAL_EVENTS.supportRequested, account.id, user.id, askedAt, {
          supportRequestId: requestId,
          articleId: null,
          slug: null,
          searchQuery: lastQuery.text,
        });
      } else if (roll < next.request + next.deflected) {
        // The form suggested an article for the subject; the person opened it and left.
        const suggested = lastQuery.article ?? pick(FALLBACK_ARTICLES);
        const clickedDocId = openedDoc ?? docId(suggested, locale);
        const index = plan.deflections.length;
        plan.deflections.push({
          accountId: account.id,
          userId: user.id,
          context: "support",
          subject,
          clickedDocId,
          createdAt: askedAt,
        });
        event(`d${index}`, PORTAL_EVENTS.requestDeflected, account.id, user.id, askedAt, {
          context: "support",
          clickedDocId,
        });
      }
    }
  }
  return plan;
}

const EN_BODIES = [
  "I could not find this in the help center.",
  "The article did not cover our case.",
  "Is this possible at all? We need it for a customer project.",
];
/** What the support form suggests when the question matched nothing in particular. */
const FALLBACK_ARTICLES = [
  "workspace-setup-checklist",
  "plans-compared",
  "choose-roles-for-members",
];

function startOfUtcDay(date: Date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function dayChance(stage: string, dayStart: Date, now: Date) {
  let chance = SEARCH_DAY_CHANCE[stage] ?? SEARCH_DAY_CHANCE.mature!;
  const weekday = dayStart.getUTCDay();
  if (weekday === 0 || weekday === 6) chance *= WEEKEND_FACTOR;
  const daysAgo = (now.getTime() - dayStart.getTime()) / DAY_MS;
  if (stage === "at_risk" && daysAgo < FADE_DAYS) chance *= 0.1 + 0.9 * (daysAgo / FADE_DAYS);
  return chance;
}

function clickPosition(random: () => number) {
  let roll = random();
  for (const [i, share] of POSITION_SHARES.entries()) {
    if (roll < share) return i + 1;
    roll -= share;
  }
  return random() < 0.7 ? 4 : 5;
}

async function write(tx: Prisma.TransactionClient, plan: Plan) {
  for (let i = 0; i < plan.searches.length; i += CHUNK) {
    await tx.searchQuery.createMany({ data: plan.searches.slice(i, i + CHUNK) });
  }
  await tx.deflection.createMany({ data: plan.deflections });
  await tx.supportRequest.createMany({ data: plan.requests });
  // The marker goes in with everything else, so a failed run leaves none behind.
  for (let i = 0; i < plan.events.length; i += CHUNK) {
    await tx.event.createMany({ data: plan.events.slice(i, i + CHUNK) });
  }
}

/** The default groups whose words no group has yet (so neither a re-run nor CS edits clash). */
async function seedSynonyms(): Promise<number> {
  return db.$transaction(async (tx) => {
    const taken = new Set(
      (await listSynonymGroups(tx)).flatMap((group) => group.terms.map(foldTerm)),
    );
    let added = 0;
    for (const terms of DEFAULT_SYNONYM_GROUPS) {
      if (checkTerms(terms) || terms.some((term) => taken.has(foldTerm(term)))) continue;
      await tx.searchSynonym.create({ data: { terms: JSON.stringify(terms) } });
      for (const term of terms) taken.add(foldTerm(term));
      added += 1;
    }
    if (added) await markSearchChanged(tx, "synonyms", ["*"]);
    return added;
  });
}
