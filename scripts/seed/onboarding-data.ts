// Demo onboarding: three checklists (a tech-touch "Getting started", an admin setup list for
// every segment, and a draft for high-touch reporting kick-offs), assigned to the demo accounts
// in onboarding and to the two demo logins' accounts. Progress is not invented: the existing
// demo events are replayed through applyOnboardingEvents, so what the demo people did completes
// steps, and accounts that did not get far show up as stuck. Deterministic and idempotent:
// a database that has the first template already is left alone.
import { applyOnboardingEvents, recordFinished } from "../../app/commands/onboarding-events.server";
import { detectStuckAccounts } from "../../app/commands/onboarding-stuck.server";
import { db } from "../../app/utils/db.server";
import { DEMO_LOGINS, mulberry32 } from "./demo-data";

const DAY_MS = 24 * 60 * 60 * 1000;
const EVENT_CHUNK = 2_000;
/** The demo logins' accounts started their checklists this long ago. */
const DEMO_LOGIN_START_DAYS = 21;
const ONBOARDING_SEED = 20_260_606;
/** Share of accounts whose admin ticks the account's manual steps, and of people who tick theirs. */
const ADMIN_TICKS = 0.65;
const MEMBER_TICKS = 0.5;
/** Marker of a seeded database: the first template's English title. */
export const FIRST_TEMPLATE_TITLE = "Getting started with Acme Cloud";

type StepSeed = {
  titleEn: string;
  titleJa: string;
  bodyEn: string;
  bodyJa: string;
  articleKey?: string;
  dueDays?: number;
  scope: "user" | "account";
  completion: "manual" | "article" | "event";
  eventType?: string;
  propertyMatch?: Record<string, string>;
  eventCount?: number;
};

type TemplateSeed = {
  titleEn: string;
  titleJa: string;
  descriptionEn: string;
  descriptionJa: string;
  successGoalEn: string;
  successGoalJa: string;
  successGoalDays: number;
  segments: string[];
  status: "published" | "draft";
  steps: StepSeed[];
};

const TEMPLATES: TemplateSeed[] = [
  {
    titleEn: FIRST_TEMPLATE_TITLE,
    titleJa: "Acme Cloud をはじめよう",
    descriptionEn: "Five steps from an empty workspace to your team's first report.",
    descriptionJa: "空のワークスペースから、チームで最初のレポートを作るまでの 5 ステップです。",
    successGoalEn: "First report created",
    successGoalJa: "最初のレポートを作成",
    successGoalDays: 30,
    segments: ["tech_touch", "low_touch"],
    status: "published",
    steps: [
      {
        titleEn: "Read “Create your first project”",
        titleJa: "「最初のプロジェクトを作成する」を読む",
        bodyEn: "A 15-minute tutorial: sections, tasks, assignees and due dates.",
        bodyJa: "セクション、タスク、担当者、期日を 15 分で設定するチュートリアルです。",
        articleKey: "create-your-first-project",
        dueDays: 7,
        scope: "user",
        completion: "article",
      },
      {
        titleEn: "Create your first project",
        titleJa: "最初のプロジェクトを作成する",
        bodyEn: "Completes by itself when someone in your account creates a project.",
        bodyJa: "アカウントの誰かがプロジェクトを作成すると自動で完了します。",
        articleKey: "create-your-first-project",
        dueDays: 10,
        scope: "account",
        completion: "event",
        eventType: "product.project_created",
      },
      {
        titleEn: "Invite 2 colleagues",
        titleJa: "同僚を 2 人招待する",
        bodyEn: "Acme Cloud works best with the whole team.",
        bodyJa: "Acme Cloud はチーム全員で使うと効果を発揮します。",
        articleKey: "invite-your-team",
        dueDays: 30,
        scope: "account",
        completion: "event",
        eventType: "product.user_invited",
        eventCount: 2,
      },
      {
        titleEn: "Create your first report",
        titleJa: "最初のレポートを作成する",
        bodyEn: "Any report counts; the 10-minute guide shows the fastest way.",
        bodyJa: "どのレポートでも構いません。10 分ガイドが最短の方法です。",
        articleKey: "first-report-in-10-minutes",
        dueDays: 21,
        scope: "account",
        completion: "event",
        eventType: "product.report_created",
      },
      {
        titleEn: "Set your profile and language",
        titleJa: "プロフィールと言語を設定する",
        bodyEn: "So colleagues recognise you and the portal speaks your language.",
        bodyJa: "同僚があなたを見分けられ、ポータルがあなたの言語で表示されます。",
        scope: "user",
        completion: "manual",
      },
    ],
  },
  {
    titleEn: "Workspace admin setup",
    titleJa: "ワークスペース管理者の初期設定",
    descriptionEn: "What an account admin sets up once for the whole company.",
    descriptionJa: "アカウント管理者が会社全体のために一度だけ行う設定です。",
    successGoalEn: "Workspace secured and connected",
    successGoalJa: "ワークスペースの保護と連携が完了",
    successGoalDays: 45,
    segments: [],
    status: "published",
    steps: [
      {
        titleEn: "Review the workspace setup checklist",
        titleJa: "ワークスペース設定チェックリストを確認する",
        bodyEn: "The guide walks through names, time zone and default roles.",
        bodyJa: "名称、タイムゾーン、既定のロールを順に確認するガイドです。",
        articleKey: "workspace-setup-checklist",
        dueDays: 7,
        scope: "account",
        completion: "manual",
      },
      {
        titleEn: "Choose roles for members",
        titleJa: "メンバーのロールを決める",
        bodyEn: "Decide who administers, who edits and who only views.",
        bodyJa: "管理者、編集者、閲覧のみのメンバーを決めます。",
        articleKey: "choose-roles-for-members",
        dueDays: 14,
        scope: "account",
        completion: "manual",
      },
      {
        titleEn: "Build the team workload report",
        titleJa: "チームの負荷レポートを作成する",
        bodyEn: "Completes when someone creates a workload report in the product.",
        bodyJa: "製品で誰かが負荷（workload）レポートを作成すると完了します。",
        articleKey: "schedule-report-email",
        dueDays: 30,
        scope: "account",
        completion: "event",
        eventType: "product.report_created",
        propertyMatch: { kind: "workload" },
      },
    ],
  },
  {
    titleEn: "Reporting kick-off (high-touch)",
    titleJa: "レポート活用キックオフ（ハイタッチ）",
    descriptionEn: "Draft: the CSM-led kick-off for large accounts.",
    descriptionJa: "下書き：大規模アカウント向けに CSM が進めるキックオフです。",
    successGoalEn: "Executive dashboard shared",
    successGoalJa: "経営向けダッシュボードを共有",
    successGoalDays: 60,
    segments: ["high_touch"],
    status: "draft",
    steps: [
      {
        titleEn: "Build a custom report",
        titleJa: "カスタムレポートを作成する",
        bodyEn: "",
        bodyJa: "",
        articleKey: "build-a-custom-report",
        dueDays: 21,
        scope: "account",
        completion: "event",
        eventType: "product.report_created",
      },
    ],
  },
];

export type OnboardingSeedSummary = {
  created: boolean;
  templates: number;
  assignments: number;
  completions: number;
  alerts: number;
};

export async function seedOnboardingData(
  options: { now?: Date } = {},
): Promise<OnboardingSeedSummary> {
  const none = { created: false, templates: 0, assignments: 0, completions: 0, alerts: 0 };
  const exists = await db.checklistTemplate.findFirst({
    where: { titleEn: FIRST_TEMPLATE_TITLE },
    select: { id: true },
  });
  if (exists) return none;
  const demoAccounts = await db.account.findMany({
    where: { status: "active" },
    select: {
      id: true,
      segment: true,
      lifecycleStage: true,
      createdAt: true,
      members: { select: { email: true } },
    },
    orderBy: { externalId: "asc" },
  });
  if (!demoAccounts.length) return none;
  const now = options.now ?? new Date();
  const cs = await db.user.findFirst({
    where: { role: "cs" },
    select: { id: true },
    orderBy: { email: "asc" },
  });
  const loginEmails = new Set<string>(DEMO_LOGINS.map((l) => l.email));

  let assignments = 0;
  for (const t of TEMPLATES) {
    const template = await db.checklistTemplate.create({
      data: {
        titleEn: t.titleEn,
        titleJa: t.titleJa,
        descriptionEn: t.descriptionEn,
        descriptionJa: t.descriptionJa,
        successGoalEn: t.successGoalEn,
        successGoalJa: t.successGoalJa,
        successGoalDays: t.successGoalDays,
        audienceSegments: JSON.stringify(t.segments),
        status: t.status,
        publishedAt: t.status === "published" ? new Date(now.getTime() - 120 * DAY_MS) : null,
        createdById: cs?.id ?? null,
        // Designed before any demo account started, so due dates count from each start.
        createdAt: new Date(now.getTime() - 180 * DAY_MS),
        steps: {
          create: t.steps.map((s, i) => ({
            position: i + 1,
            titleEn: s.titleEn,
            titleJa: s.titleJa,
            bodyEn: s.bodyEn,
            bodyJa: s.bodyJa,
            articleKey: s.articleKey ?? null,
            dueDays: s.dueDays ?? null,
            scope: s.scope,
            completion: s.completion,
            eventType: s.eventType ?? null,
            propertyMatch: JSON.stringify(s.propertyMatch ?? {}),
            eventCount: s.eventCount ?? 1,
            createdAt: new Date(now.getTime() - 180 * DAY_MS),
          })),
        },
      },
      select: { id: true },
    });
    if (t.status !== "published") continue;
    // Accounts in onboarding of the audience start the day they were created; the demo logins'
    // accounts get the checklists too, started three weeks ago, so the demo shows them.
    const rows = demoAccounts
      .filter((a) => {
        const login = a.members.some((m) => loginEmails.has(m.email));
        const audience = !t.segments.length || t.segments.includes(a.segment);
        return login || (audience && a.lifecycleStage === "onboarding");
      })
      .map((a) => {
        const login = a.members.some((m) => loginEmails.has(m.email));
        const startedAt = login
          ? new Date(now.getTime() - DEMO_LOGIN_START_DAYS * DAY_MS)
          : a.createdAt;
        return {
          templateId: template.id,
          accountId: a.id,
          source: login ? "manual" : "auto",
          startedAt,
          progressAt: startedAt,
        };
      });
    await db.checklistAssignment.createMany({ data: rows });
    assignments += rows.length;
  }

  // Replay the assigned accounts' demo events, oldest first, through the one entry point.
  const assigned = [
    ...new Set(
      (await db.checklistAssignment.findMany({ select: { accountId: true } })).map(
        (a) => a.accountId,
      ),
    ),
  ];
  let cursor: { occurredAt: Date; id: string } | null = null;
  for (;;) {
    const batch: {
      id: string;
      accountId: string;
      userId: string | null;
      type: string;
      properties: string;
      occurredAt: Date;
    }[] = await db.event.findMany({
      where: {
        accountId: { in: assigned },
        type: {
          in: [
            "portal.article_viewed",
            "product.project_created",
            "product.user_invited",
            "product.report_created",
          ],
        },
        ...(cursor
          ? {
              OR: [
                { occurredAt: { gt: cursor.occurredAt } },
                { occurredAt: cursor.occurredAt, id: { gt: cursor.id } },
              ],
            }
          : {}),
      },
      select: {
        id: true,
        accountId: true,
        userId: true,
        type: true,
        properties: true,
        occurredAt: true,
      },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: EVENT_CHUNK,
    });
    if (!batch.length) break;
    await applyOnboardingEvents(
      batch.map((e) => ({ ...e, properties: JSON.parse(e.properties) as Record<string, unknown> })),
      { now },
    );
    const last = batch[batch.length - 1]!;
    cursor = { occurredAt: last.occurredAt, id: last.id };
  }
  await tickManualSteps(now);
  const stuck = await detectStuckAccounts({ now });
  return {
    created: true,
    templates: TEMPLATES.length,
    assignments,
    completions: await db.stepCompletion.count(),
    alerts: stuck.raised,
  };
}

/**
 * The manual steps people ticked: a deterministic share of account admins and members, a few
 * days after the start (never in the future). Who did what is decided by a seeded PRNG.
 */
async function tickManualSteps(now: Date) {
  const random = mulberry32(ONBOARDING_SEED);
  const assignments = await db.checklistAssignment.findMany({
    select: {
      id: true,
      startedAt: true,
      account: {
        select: {
          externalId: true,
          members: {
            select: { id: true, role: true, createdAt: true },
            orderBy: { email: "asc" },
          },
        },
      },
      template: {
        select: {
          steps: {
            where: { completion: "manual", removedAt: null },
            select: { id: true, scope: true },
            orderBy: { position: "asc" },
          },
        },
      },
    },
    orderBy: [{ account: { externalId: "asc" } }, { templateId: "asc" }],
  });
  const touched: { assignmentId: string; subject: string }[] = [];
  for (const a of assignments) {
    const admin = a.account.members.find((m) => m.role === "account_admin");
    const adminTicks = random() < ADMIN_TICKS;
    let day = 1 + Math.floor(random() * 4);
    for (const step of a.template.steps) {
      const people =
        step.scope === "account"
          ? adminTicks && admin
            ? [{ id: admin.id, subject: "account", from: a.startedAt }]
            : []
          : a.account.members
              .filter(() => random() < MEMBER_TICKS)
              .map((m) => ({
                id: m.id,
                subject: m.id,
                from: m.createdAt > a.startedAt ? m.createdAt : a.startedAt,
              }));
      for (const p of people) {
        const completedAt = new Date(p.from.getTime() + day * DAY_MS);
        if (completedAt > now) continue;
        await db.stepCompletion.create({
          data: {
            assignmentId: a.id,
            stepId: step.id,
            subject: p.subject,
            source: "manual",
            completedById: p.id,
            completedAt,
          },
        });
        touched.push({ assignmentId: a.id, subject: p.subject });
      }
      day += 1 + Math.floor(random() * 3);
    }
  }
  await recordFinished(touched, now);
}
