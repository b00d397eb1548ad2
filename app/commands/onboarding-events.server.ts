// The one entry point through which events complete onboarding steps: recordEvent() (the
// portal's own events) calls it for every event it stores, and the product's events API (health
// issue) will call it with each accepted batch. Idempotent: a replayed event id is never counted
// twice, order does not matter, and nothing here ever removes a completion.
import { PORTAL_EVENTS } from "~/models/event-types";
import {
  ARTICLE_VIEWED,
  ACCOUNT_SUBJECT,
  accountReached,
  eventMatchesStep,
  parseJsonObject,
  stepEventType,
  type CompletionKind,
  type RuleStep,
  type StepScope,
} from "~/models/onboarding-rules";
import { db, type Prisma } from "~/utils/db.server";

export type OnboardingEvent = {
  /** The stored Event row's id: what makes a replay recognisable. */
  id: string;
  accountId: string;
  userId: string | null;
  type: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
};

export const EVENT_REJECTIONS = ["unknown_account", "unknown_user", "user_not_in_account"] as const;
export type EventRejection = { index: number; reason: (typeof EVENT_REJECTIONS)[number] };

/** Retries when a concurrent writer (another process) completed the same step first. */
const MAX_ATTEMPTS = 3;

type LoadedStep = RuleStep & { templateId: string };
type Candidate = {
  assignmentId: string;
  accountId: string;
  step: LoadedStep;
  subject: string;
  events: Map<string, Date>;
};

function isUniqueViolation(error: unknown) {
  return (error as { code?: string } | null)?.code === "P2002";
}

/** The automatic steps of the given templates, with the slugs of their linked articles. */
async function loadRuleSteps(templateIds: string[]): Promise<LoadedStep[]> {
  if (!templateIds.length) return [];
  const rows = await db.checklistStep.findMany({
    where: {
      templateId: { in: templateIds },
      removedAt: null,
      completion: { in: ["article", "event"] },
    },
    select: {
      id: true,
      templateId: true,
      scope: true,
      completion: true,
      eventType: true,
      propertyMatch: true,
      eventCount: true,
      articleKey: true,
    },
  });
  const keys = [...new Set(rows.map((r) => r.articleKey).filter((k): k is string => !!k))];
  const articles = keys.length
    ? await db.article.findMany({
        where: { translationKey: { in: keys } },
        select: { slug: true, translationKey: true },
      })
    : [];
  return rows.map((r) => ({
    id: r.id,
    templateId: r.templateId,
    scope: r.scope as StepScope,
    completion: r.completion as CompletionKind,
    eventType: r.eventType,
    match: parseJsonObject(r.propertyMatch),
    count: r.completion === "article" ? 1 : Math.max(1, r.eventCount),
    articleKey: r.articleKey,
    articleSlugs: articles.filter((a) => a.translationKey === r.articleKey).map((a) => a.slug),
  }));
}

export async function applyOnboardingEvents(
  events: readonly OnboardingEvent[],
  options: {
    now?: Date;
    /** The caller already resolved every account and user (the events API does, per batch). */
    resolved?: boolean;
  } = {},
): Promise<{ completed: number; rejected: EventRejection[] }> {
  if (!events.length) return { completed: 0, rejected: [] };
  const now = options.now ?? new Date();
  if (options.resolved) return { completed: await applyWithRetry(events, now), rejected: [] };
  const accountIds = [...new Set(events.map((e) => e.accountId))];
  const userIds = [...new Set(events.map((e) => e.userId).filter((u): u is string => !!u))];
  const [accounts, users] = await Promise.all([
    db.account.findMany({ where: { id: { in: accountIds } }, select: { id: true } }),
    userIds.length
      ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, accountId: true } })
      : [],
  ]);
  const knownAccounts = new Set(accounts.map((a) => a.id));
  const userAccount = new Map(users.map((u) => [u.id, u.accountId]));
  const rejected: EventRejection[] = [];
  const valid: OnboardingEvent[] = [];
  events.forEach((e, index) => {
    if (!knownAccounts.has(e.accountId)) rejected.push({ index, reason: "unknown_account" });
    else if (e.userId && !userAccount.has(e.userId))
      rejected.push({ index, reason: "unknown_user" });
    else if (e.userId && userAccount.get(e.userId) !== e.accountId) {
      rejected.push({ index, reason: "user_not_in_account" });
    } else valid.push(e);
  });
  if (!valid.length) return { completed: 0, rejected };
  return { completed: await applyWithRetry(valid, now), rejected };
}

/** Another process completing the same step at the same moment wins a unique key: retry. */
async function applyWithRetry(events: readonly OnboardingEvent[], now: Date): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyValid(events, now);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * Whether any published checklist has a step that one of these event types can complete. Most
 * events (a report viewed, a search) complete nothing; they cost this one small query.
 */
async function anyStepWaitsFor(types: string[]): Promise<boolean> {
  const eventTypes = types.filter((t) => t !== ARTICLE_VIEWED);
  const rules = [
    ...(eventTypes.length ? [{ completion: "event", eventType: { in: eventTypes } }] : []),
    ...(types.includes(ARTICLE_VIEWED) ? [{ completion: "article" }] : []),
  ];
  if (!rules.length) return false;
  const step = await db.checklistStep.findFirst({
    where: { removedAt: null, template: { status: "published" }, OR: rules },
    select: { id: true },
  });
  return step !== null;
}

async function applyValid(events: readonly OnboardingEvent[], now: Date): Promise<number> {
  if (!(await anyStepWaitsFor([...new Set(events.map((e) => e.type))]))) return 0;
  const assignments = await db.checklistAssignment.findMany({
    where: {
      accountId: { in: [...new Set(events.map((e) => e.accountId))] },
      template: { status: "published" },
      account: { status: "active" },
    },
    select: { id: true, accountId: true, templateId: true },
  });
  if (!assignments.length) return 0;
  const steps = await loadRuleSteps([...new Set(assignments.map((a) => a.templateId))]);
  // template -> event type -> steps waiting for it
  const byType = new Map<string, Map<string, LoadedStep[]>>();
  for (const s of steps) {
    const type = stepEventType(s)!;
    const types = byType.get(s.templateId) ?? new Map<string, LoadedStep[]>();
    types.set(type, [...(types.get(type) ?? []), s]);
    byType.set(s.templateId, types);
  }
  const assignmentsOf = new Map<string, typeof assignments>();
  for (const a of assignments) {
    assignmentsOf.set(a.accountId, [...(assignmentsOf.get(a.accountId) ?? []), a]);
  }

  const candidates = new Map<string, Candidate>();
  for (const e of events) {
    for (const a of assignmentsOf.get(e.accountId) ?? []) {
      for (const step of byType.get(a.templateId)?.get(e.type) ?? []) {
        if (!eventMatchesStep(step, e)) continue;
        const subject = step.scope === "account" ? ACCOUNT_SUBJECT : e.userId;
        if (!subject) continue;
        const key = `${a.id}|${step.id}|${subject}`;
        const c = candidates.get(key) ?? {
          assignmentId: a.id,
          accountId: a.accountId,
          step,
          subject,
          events: new Map(),
        };
        c.events.set(e.id, e.occurredAt);
        candidates.set(key, c);
      }
    }
  }
  if (!candidates.size) return 0;
  return writeCandidates([...candidates.values()], now);
}

const keyOf = (r: { assignmentId: string; stepId: string; subject: string }) =>
  `${r.assignmentId}|${r.stepId}|${r.subject}`;

/**
 * Writes a batch's completions and counters in one transaction with a fixed number of queries,
 * whatever the batch size: counters of the touched (assignment, step) pairs are read, merged in
 * memory and written back with one delete and one insert.
 */
async function writeCandidates(candidates: Candidate[], now: Date): Promise<number> {
  const assignmentIds = [...new Set(candidates.map((c) => c.assignmentId))];
  const stepIds = [...new Set(candidates.map((c) => c.step.id))];
  const countStepIds = [
    ...new Set(candidates.filter((c) => c.step.count > 1).map((c) => c.step.id)),
  ];
  const touched = await db.$transaction(async (tx) => {
    const [done, progress] = await Promise.all([
      tx.stepCompletion.findMany({
        where: { assignmentId: { in: assignmentIds }, stepId: { in: stepIds } },
        select: { assignmentId: true, stepId: true, subject: true },
      }),
      countStepIds.length
        ? tx.stepProgress.findMany({
            where: { assignmentId: { in: assignmentIds }, stepId: { in: countStepIds } },
            select: { assignmentId: true, stepId: true, subject: true, eventIds: true },
          })
        : [],
    ]);
    const doneKeys = new Set(done.map(keyOf));
    const counters = new Map(
      progress.map((p) => [keyOf(p), { ...p, ids: new Set(JSON.parse(p.eventIds) as string[]) }]),
    );
    const completions: Prisma.StepCompletionCreateManyInput[] = [];
    const stepEvents: Prisma.EventCreateManyInput[] = [];
    for (const c of candidates) {
      const key = keyOf({ assignmentId: c.assignmentId, stepId: c.step.id, subject: c.subject });
      if (doneKeys.has(key)) continue;
      const fresh = [...c.events.entries()].sort((x, y) => x[1].getTime() - y[1].getTime());
      let completedAt: Date | null = null;
      if (c.step.count <= 1) {
        completedAt = fresh[0]![1];
      } else {
        const counter = counters.get(key) ?? {
          assignmentId: c.assignmentId,
          stepId: c.step.id,
          subject: c.subject,
          eventIds: "[]",
          ids: new Set<string>(),
        };
        counters.set(key, counter);
        for (const [id, at] of fresh) {
          if (counter.ids.has(id)) continue;
          counter.ids.add(id);
          if (counter.ids.size >= c.step.count) {
            completedAt = at;
            break;
          }
        }
        if (!completedAt) continue;
        counters.delete(key);
      }
      completions.push({
        assignmentId: c.assignmentId,
        stepId: c.step.id,
        subject: c.subject,
        source: "event",
        completedAt,
      });
      stepEvents.push({
        type: PORTAL_EVENTS.onboardingStepDone,
        accountId: c.accountId,
        userId: c.subject === ACCOUNT_SUBJECT ? null : c.subject,
        properties: JSON.stringify({
          templateId: c.step.templateId,
          stepId: c.step.id,
          source: "event",
        }),
        occurredAt: completedAt,
      });
    }
    if (countStepIds.length) {
      await tx.stepProgress.deleteMany({
        where: { assignmentId: { in: assignmentIds }, stepId: { in: countStepIds } },
      });
      const rows = [...counters.values()].map((p) => ({
        assignmentId: p.assignmentId,
        stepId: p.stepId,
        subject: p.subject,
        eventIds: JSON.stringify([...p.ids]),
      }));
      if (rows.length) await tx.stepProgress.createMany({ data: rows });
    }
    if (!completions.length) return [];
    await tx.stepCompletion.createMany({ data: completions });
    await tx.event.createMany({ data: stepEvents });
    return completions.map((c) => ({ assignmentId: c.assignmentId, subject: c.subject }));
  });
  await recordFinished(touched, now);
  return touched.length;
}

/**
 * After steps were completed: records the member's "all my steps done" and the account's
 * "every step reached" once each (an idempotency key makes the second attempt a no-op).
 */
export async function recordFinished(
  touched: readonly { assignmentId: string; subject: string }[],
  now: Date,
) {
  const assignmentIds = [...new Set(touched.map((t) => t.assignmentId))];
  if (!assignmentIds.length) return;
  const rows = await db.checklistAssignment.findMany({
    where: { id: { in: assignmentIds } },
    select: {
      id: true,
      accountId: true,
      templateId: true,
      completedAt: true,
      completions: { select: { stepId: true, subject: true, completedAt: true } },
      template: {
        select: {
          steps: {
            where: { removedAt: null },
            select: { id: true, scope: true, dueDays: true, createdAt: true },
          },
        },
      },
    },
  });
  for (const a of rows) {
    const steps = a.template.steps.map((s) => ({ ...s, scope: s.scope as StepScope }));
    if (!steps.length) continue;
    const done = new Set(a.completions.map((c) => `${c.stepId}|${c.subject}`));
    const users = new Set(
      touched
        .filter((t) => t.assignmentId === a.id && t.subject !== ACCOUNT_SUBJECT)
        .map((t) => t.subject),
    );
    // Account-level completions finish the list of every member who did their own steps.
    if (touched.some((t) => t.assignmentId === a.id && t.subject === ACCOUNT_SUBJECT)) {
      for (const c of a.completions) if (c.subject !== ACCOUNT_SUBJECT) users.add(c.subject);
    }
    for (const userId of users) {
      const finished = steps.every((s) =>
        done.has(`${s.id}|${s.scope === "account" ? ACCOUNT_SUBJECT : userId}`),
      );
      if (finished) {
        await recordOnce(`onboarding:${a.id}:${userId}:done`, {
          type: PORTAL_EVENTS.onboardingCompleted,
          accountId: a.accountId,
          userId,
          properties: JSON.stringify({ templateId: a.templateId, scope: "user" }),
          occurredAt: now,
        });
      }
    }
    const reached = accountReached(steps, a.completions);
    if (!a.completedAt && reached.size === steps.length) {
      const at = new Date(Math.max(...[...reached.values()].map((d) => d.getTime())));
      const claimed = await db.checklistAssignment.updateMany({
        where: { id: a.id, completedAt: null },
        data: { completedAt: at },
      });
      if (claimed.count === 1) {
        await recordOnce(`onboarding:${a.id}:done`, {
          type: PORTAL_EVENTS.onboardingCompleted,
          accountId: a.accountId,
          userId: null,
          properties: JSON.stringify({ templateId: a.templateId, scope: "account" }),
          occurredAt: at,
        });
      }
    }
  }
}

async function recordOnce(idempotencyKey: string, data: Prisma.EventUncheckedCreateInput) {
  try {
    await db.event.create({ data: { ...data, idempotencyKey }, select: { id: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
