// Finds onboarding that is stuck (a step overdue, or nothing done for STUCK_NO_PROGRESS_DAYS) and
// raises one Alert per stuck situation for the account's owner; alerts of accounts that moved on
// are closed. Runs when CS opens an account or a funnel, and every STUCK_CHECK_INTERVAL_MS in each
// server process: the dedupe key makes a second process's attempt a no-op.
import { ALERT_KINDS, raiseAlert, resolveAlerts } from "~/commands/alerts.server";
import { accountProgress, stuckReason, type StepScope } from "~/models/onboarding-rules";
import { db } from "~/utils/db.server";
import { backgroundJob } from "~/utils/background-job.server";

export const ONBOARDING_STUCK = ALERT_KINDS.onboardingStuck;
export const STUCK_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * One stuck situation = one template, one account, one "last progress" moment: progress starts
 * a new situation, so an account that moves and stalls again raises a new alert.
 */
export function stuckDedupeKey(a: { templateId: string; accountId: string; lastProgressAt: Date }) {
  return `${ONBOARDING_STUCK}:${a.templateId}:${a.accountId}:${a.lastProgressAt.getTime()}`;
}

export async function detectStuckAccounts(
  options: { now?: Date; accountId?: string; templateId?: string } = {},
): Promise<{ raised: number; closed: number }> {
  const now = options.now ?? new Date();
  const assignments = await db.checklistAssignment.findMany({
    where: {
      ...(options.accountId ? { accountId: options.accountId } : {}),
      ...(options.templateId ? { templateId: options.templateId } : {}),
      template: { status: "published" },
      account: { status: "active" },
    },
    select: {
      templateId: true,
      accountId: true,
      startedAt: true,
      progressAt: true,
      completions: { select: { stepId: true, subject: true, completedAt: true } },
      account: { select: { name: true, ownerId: true } },
      template: {
        select: {
          titleEn: true,
          titleJa: true,
          steps: {
            where: { removedAt: null },
            select: { id: true, scope: true, dueDays: true, createdAt: true },
          },
        },
      },
    },
  });
  const open = await db.alert.findMany({
    where: {
      kind: ONBOARDING_STUCK,
      status: { not: "closed" },
      ...(options.accountId ? { accountId: options.accountId } : {}),
    },
    select: { id: true, dedupeKey: true },
  });
  const openKeys = new Set(open.map((a) => a.dedupeKey));
  const stillStuck = new Set<string>();
  let raised = 0;
  for (const a of assignments) {
    const steps = a.template.steps.map((s) => ({ ...s, scope: s.scope as StepScope }));
    const progress = accountProgress({ ...a, steps, now });
    const reason = stuckReason(progress);
    if (!reason.stuck) continue;
    const dedupeKey = stuckDedupeKey({ ...a, lastProgressAt: progress.lastProgressAt });
    stillStuck.add(dedupeKey);
    if (openKeys.has(dedupeKey)) continue;
    const alert = await raiseAlert({
      accountId: a.accountId,
      ownerId: a.account.ownerId,
      kind: ONBOARDING_STUCK,
      title: `${a.account.name} is stuck in onboarding "${a.template.titleEn}"`,
      details: {
        templateId: a.templateId,
        titleEn: a.template.titleEn,
        titleJa: a.template.titleJa,
        overdue: reason.overdue,
        idleDays: reason.idleDays,
      },
      dedupeKey,
    });
    // raiseAlert tells the owner (a notification) and the webhooks.
    if (alert) raised += 1;
  }
  // Open alerts whose situation is over (progress was made, or the checklist is complete).
  const scoped = options.templateId
    ? open.filter((o) => o.dedupeKey.startsWith(`${ONBOARDING_STUCK}:${options.templateId}:`))
    : open;
  const over = scoped.filter((o) => !stillStuck.has(o.dedupeKey)).map((o) => o.id);
  // Closed through the alert workflow so that webhooks hear of it too.
  await resolveAlerts(over, "resolved: onboarding moved on", now);
  return { raised, closed: over.length };
}

/**
 * The periodic check in the server process (started from entry.server.tsx, once). A crash
 * mid-run loses nothing: the next run (in this process after a restart, or in another one)
 * finds the same stuck accounts, and the alerts' unique dedupe keys make a second raise a no-op.
 */
const stuckJob = backgroundJob("Stuck onboarding check", () => detectStuckAccounts(), {
  everyMs: STUCK_CHECK_INTERVAL_MS,
});
export const startStuckDetection = stuckJob.start;
/** Graceful shutdown: no new runs; the one under way finishes. */
export const stopStuckDetection = stuckJob.stop;
