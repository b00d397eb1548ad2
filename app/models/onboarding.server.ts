// Reading onboarding checklists: the customer's own list (scoped to their account; per-member
// progress only for account admins), the CS console's lists, funnel and stuck accounts, and the
// inputs the health score reads. Writing lives in app/commands/onboarding-*.server.ts.
import type { Locale } from "~/i18n";
import { isStaff } from "~/models/roles";
import { db, type Prisma } from "~/utils/db.server";
import {
  accountProgress,
  accountReached,
  computeFunnel,
  formatPropertyMatch,
  healthInputsFrom,
  memberProgress,
  parseJsonArray,
  parseJsonObject,
  stuckReason,
  type OnboardingHealthInputs,
  type StepScope,
} from "./onboarding-rules";

const stepSelect = {
  id: true,
  position: true,
  titleEn: true,
  titleJa: true,
  bodyEn: true,
  bodyJa: true,
  articleKey: true,
  dueDays: true,
  scope: true,
  completion: true,
  eventType: true,
  propertyMatch: true,
  eventCount: true,
  requires: true,
  createdAt: true,
} satisfies Prisma.ChecklistStepSelect;

type StepRow = Prisma.ChecklistStepGetPayload<{ select: typeof stepSelect }>;

const activeSteps = {
  where: { removedAt: null },
  select: stepSelect,
  orderBy: [{ position: "asc" }, { id: "asc" }],
} satisfies Prisma.ChecklistTemplate$stepsArgs;

function localized<T extends Record<string, unknown>>(row: T, field: string, locale: Locale) {
  const suffix = locale === "ja" ? "Ja" : "En";
  const other = locale === "ja" ? "En" : "Ja";
  return String(row[`${field}${suffix}`] || row[`${field}${other}`] || "");
}

function progressSteps(steps: StepRow[]) {
  return steps.map((s) => ({ ...s, scope: s.scope as StepScope }));
}

/** The article each step links to, in the reader's language when it exists. */
async function articleLinks(keys: (string | null)[], locale: Locale) {
  const wanted = [...new Set(keys.filter((k): k is string => !!k))];
  if (!wanted.length) return new Map<string, { slug: string; title: string }>();
  const rows = await db.article.findMany({
    where: { translationKey: { in: wanted }, status: "published" },
    select: { slug: true, title: true, locale: true, translationKey: true },
  });
  const links = new Map<string, { slug: string; title: string }>();
  for (const r of rows) {
    if (!links.has(r.translationKey) || r.locale === locale) {
      links.set(r.translationKey, { slug: r.slug, title: r.title });
    }
  }
  return links;
}

export type CustomerStep = {
  id: string;
  title: string;
  body: string;
  scope: StepScope;
  completion: string;
  article: { slug: string; title: string } | null;
  dueAt: Date | null;
  doneAt: Date | null;
  status: string;
  canMarkDone: boolean;
};

/**
 * The checklists of the user's own account. Account admins also get every member's progress on
 * the per-user steps; members get only their own.
 */
export async function getCustomerOnboarding(
  user: { id: string; role: string; accountId: string | null },
  locale: Locale,
  now = new Date(),
) {
  if (!user.accountId || isStaff(user)) return [];
  const isAdmin = user.role === "account_admin";
  const assignments = await db.checklistAssignment.findMany({
    where: {
      accountId: user.accountId,
      template: { status: "published" },
      account: { status: "active" },
    },
    select: {
      id: true,
      startedAt: true,
      completedAt: true,
      template: {
        select: {
          id: true,
          titleEn: true,
          titleJa: true,
          descriptionEn: true,
          descriptionJa: true,
          successGoalEn: true,
          successGoalJa: true,
          successGoalDays: true,
          steps: activeSteps,
        },
      },
      // Members see their own and the account's completions only.
      completions: {
        where: isAdmin ? {} : { subject: { in: [user.id, "account"] } },
        select: { stepId: true, subject: true, completedAt: true },
      },
    },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
  if (!assignments.length) return [];
  const me = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { id: true, createdAt: true },
  });
  const members = isAdmin
    ? await db.user.findMany({
        where: { accountId: user.accountId },
        select: { id: true, name: true, createdAt: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      })
    : [];
  const links = await articleLinks(
    assignments.flatMap((a) => a.template.steps.map((s) => s.articleKey)),
    locale,
  );
  return assignments.map((a) => {
    const steps = progressSteps(a.template.steps);
    const mine = memberProgress({
      steps,
      completions: a.completions,
      member: me,
      startedAt: a.startedAt,
      now,
    });
    const userSteps = steps.filter((s) => s.scope === "user");
    return {
      assignmentId: a.id,
      templateId: a.template.id,
      title: localized(a.template, "title", locale),
      description: localized(a.template, "description", locale),
      successGoal: localized(a.template, "successGoal", locale),
      successGoalDays: a.template.successGoalDays,
      startedAt: a.startedAt,
      accountCompletedAt: a.completedAt,
      done: mine.done,
      total: mine.total,
      complete: mine.complete,
      steps: steps.map((s, i): CustomerStep => {
        const row = mine.rows[i]!;
        return {
          id: s.id,
          title: localized(s, "title", locale),
          body: localized(s, "body", locale),
          scope: s.scope,
          completion: s.completion,
          article: s.articleKey ? (links.get(s.articleKey) ?? null) : null,
          dueAt: row.dueAt,
          doneAt: row.doneAt,
          status: row.status,
          canMarkDone: !row.doneAt && s.completion === "manual" && (s.scope === "user" || isAdmin),
        };
      }),
      /** Only for account admins: each member's progress on the per-user steps. */
      team: isAdmin
        ? {
            steps: userSteps.map((s) => ({ id: s.id, title: localized(s, "title", locale) })),
            members: members.map((m) => {
              const done = new Set(
                a.completions.filter((c) => c.subject === m.id).map((c) => c.stepId),
              );
              return {
                id: m.id,
                name: m.name,
                done: userSteps.filter((s) => done.has(s.id)).length,
                steps: userSteps.map((s) => done.has(s.id)),
              };
            }),
          }
        : null,
    };
  });
}

/** The home page widget: the first checklist the user has not finished, or null. */
export async function getOnboardingWidget(
  user: { id: string; role: string; accountId: string | null },
  locale: Locale,
  now = new Date(),
) {
  const lists = await getCustomerOnboarding(user, locale, now);
  const open = lists.find((l) => !l.complete && l.total > 0);
  if (!open) return null;
  const next = open.steps.find((s) => !s.doneAt);
  return {
    title: open.title,
    done: open.done,
    total: open.total,
    next: next ? { title: next.title, dueAt: next.dueAt, status: next.status } : null,
  };
}

// ------------------------------------------------------------------------------ CS console

export async function listTemplatesForStaff() {
  const rows = await db.checklistTemplate.findMany({
    select: {
      id: true,
      titleEn: true,
      titleJa: true,
      status: true,
      updatedAt: true,
      _count: { select: { steps: { where: { removedAt: null } }, assignments: true } },
    },
    orderBy: [{ status: "asc" }, { titleEn: "asc" }, { id: "asc" }],
  });
  const completed = await db.checklistAssignment.groupBy({
    by: ["templateId"],
    where: { completedAt: { not: null } },
    _count: { _all: true },
  });
  const done = new Map(completed.map((c) => [c.templateId, c._count._all]));
  return rows.map((r) => ({
    id: r.id,
    titleEn: r.titleEn,
    titleJa: r.titleJa,
    status: r.status,
    updatedAt: r.updatedAt,
    steps: r._count.steps,
    assigned: r._count.assignments,
    completed: done.get(r.id) ?? 0,
  }));
}

export async function getTemplateForEditor(id: string, locale: Locale) {
  const template = await db.checklistTemplate.findUnique({
    where: { id },
    select: {
      id: true,
      titleEn: true,
      titleJa: true,
      descriptionEn: true,
      descriptionJa: true,
      successGoalEn: true,
      successGoalJa: true,
      successGoalDays: true,
      audienceSegments: true,
      audiencePlans: true,
      status: true,
      publishedAt: true,
      revision: true,
      steps: activeSteps,
      _count: { select: { assignments: true } },
    },
  });
  if (!template) return null;
  const articles = await db.article.findMany({
    where: { status: "published" },
    select: { translationKey: true, title: true, locale: true, type: true },
    orderBy: [{ translationKey: "asc" }],
  });
  const options = new Map<string, { key: string; title: string; type: string }>();
  for (const a of articles) {
    if (!options.has(a.translationKey) || a.locale === locale) {
      options.set(a.translationKey, { key: a.translationKey, title: a.title, type: a.type });
    }
  }
  return {
    ...template,
    assigned: template._count.assignments,
    audienceSegments: parseJsonArray(template.audienceSegments),
    audiencePlans: parseJsonArray(template.audiencePlans),
    steps: template.steps.map((s) => ({
      ...s,
      requires: parseJsonArray(s.requires),
      propertyMatch: formatPropertyMatch(parseJsonObject(s.propertyMatch)),
    })),
    articles: [...options.values()].sort((a, b) => a.title.localeCompare(b.title)),
  };
}

const assignmentStateSelect = {
  id: true,
  startedAt: true,
  progressAt: true,
  completedAt: true,
  completions: { select: { stepId: true, subject: true, completedAt: true } },
} satisfies Prisma.ChecklistAssignmentSelect;

/** Funnel and stuck accounts of one template, with the open alerts they raised. */
export async function getTemplateFunnel(id: string, locale: Locale, now = new Date()) {
  const template = await db.checklistTemplate.findUnique({
    where: { id },
    select: { id: true, titleEn: true, titleJa: true, status: true, steps: activeSteps },
  });
  if (!template) return null;
  const assignments = await db.checklistAssignment.findMany({
    where: { templateId: id, account: { status: "active" } },
    select: {
      ...assignmentStateSelect,
      account: { select: { id: true, name: true, owner: { select: { name: true } } } },
    },
  });
  const steps = progressSteps(template.steps);
  const funnel = computeFunnel(
    steps.map((s) => s.id),
    assignments.map((a) => ({
      startedAt: a.startedAt,
      reached: accountReached(steps, a.completions),
    })),
  );
  const stuck = assignments
    .map((a) => {
      const progress = accountProgress({ ...a, steps, now });
      return { a, progress, reason: stuckReason(progress) };
    })
    .filter((x) => x.reason.stuck)
    .sort((x, y) => y.reason.overdue - x.reason.overdue || y.reason.idleDays - x.reason.idleDays)
    .map(({ a, progress, reason }) => ({
      accountId: a.account.id,
      accountName: a.account.name,
      owner: a.account.owner?.name ?? null,
      done: progress.done,
      total: progress.total,
      overdue: reason.overdue,
      idleDays: reason.idleDays,
    }));
  const alerts = await db.alert.findMany({
    where: { kind: "onboarding_stuck", status: { not: "closed" }, dedupeKey: { contains: id } },
    select: {
      id: true,
      status: true,
      createdAt: true,
      account: { select: { id: true, name: true } },
      owner: { select: { name: true } },
    },
    orderBy: [{ createdAt: "desc" }],
  });
  return {
    template: {
      id: template.id,
      title: localized(template, "title", locale),
      status: template.status,
    },
    steps: steps.map((s) => ({ id: s.id, title: localized(s, "title", locale), scope: s.scope })),
    funnel,
    stuck,
    alerts,
  };
}

/** The onboarding section of the CS account page. */
export async function getAccountOnboardingForStaff(
  accountId: string,
  locale: Locale,
  now = new Date(),
) {
  const assignments = await db.checklistAssignment.findMany({
    where: { accountId },
    select: {
      ...assignmentStateSelect,
      template: {
        select: { id: true, titleEn: true, titleJa: true, status: true, steps: activeSteps },
      },
    },
    orderBy: [{ startedAt: "asc" }],
  });
  const alerts = await db.alert.findMany({
    where: { accountId, kind: "onboarding_stuck", status: { not: "closed" } },
    select: {
      id: true,
      status: true,
      createdAt: true,
      details: true,
      owner: { select: { name: true } },
    },
    orderBy: [{ createdAt: "desc" }],
  });
  return {
    checklists: assignments.map((a) => {
      const progress = accountProgress({
        ...a,
        steps: progressSteps(a.template.steps),
        now,
      });
      return {
        templateId: a.template.id,
        title: localized(a.template, "title", locale),
        done: progress.done,
        total: progress.total,
        overdue: progress.overdue,
        complete: progress.complete,
        stuck: stuckReason(progress).stuck,
        idleDays: progress.idleDays,
      };
    }),
    alerts: alerts.map((a) => ({ ...a, details: parseJsonObject(a.details) })),
  };
}

/**
 * What the health score (issue #7) reads: steps done, due and overdue over every checklist of the
 * account (published templates only). See docs/decisions/0010-onboarding.md.
 */
export async function onboardingHealthInputs(
  accountId: string,
  now = new Date(),
): Promise<OnboardingHealthInputs> {
  const assignments = await db.checklistAssignment.findMany({
    where: { accountId, template: { status: "published" } },
    select: { ...assignmentStateSelect, template: { select: { steps: activeSteps } } },
  });
  return healthInputsFrom(
    assignments.map((a) =>
      accountProgress({
        ...a,
        steps: progressSteps(a.template.steps),
        now,
      }),
    ),
  );
}

/**
 * onboardingHealthInputs for many accounts in one query (the health recompute's batches); accounts
 * without a published checklist are absent from the map.
 */
export async function onboardingHealthInputsMany(
  accountIds: readonly string[],
  now = new Date(),
): Promise<Map<string, OnboardingHealthInputs>> {
  if (!accountIds.length) return new Map();
  const assignments = await db.checklistAssignment.findMany({
    where: { accountId: { in: [...accountIds] }, template: { status: "published" } },
    select: {
      ...assignmentStateSelect,
      accountId: true,
      template: { select: { steps: activeSteps } },
    },
  });
  const byAccount = new Map<string, ReturnType<typeof accountProgress>[]>();
  for (const a of assignments) {
    const list = byAccount.get(a.accountId) ?? [];
    list.push(accountProgress({ ...a, steps: progressSteps(a.template.steps), now }));
    byAccount.set(a.accountId, list);
  }
  return new Map([...byAccount].map(([id, list]) => [id, healthInputsFrom(list)]));
}
