// The in-process scheduler of the notifications issue, started once per server process from
// entry.server.tsx: the outbox worker, and a minute tick for announcements that went live,
// scheduled newsletters (and sends a stopped server left unfinished), onboarding steps falling
// due (hourly) and the digests (at DIGEST_HOUR_UTC). Every job claims its work in the database, so several processes may tick.
import { backgroundJob } from "~/utils/background-job.server";
import { startEmailWorker, stopEmailWorker } from "./deliver-email.server";
import { runDueDigests } from "./digests.server";
import { resumeStalledNewsletters, sendDueNewsletters } from "./newsletters.server";
import { notifyDueOnboardingSteps, notifyLiveAnnouncements } from "./notification-hooks.server";

export const SCHEDULER_TICK_MS = 60_000;
export const ONBOARDING_DUE_EVERY_TICKS = 60;

let ticks = 0;

async function step(name: string, work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    console.error(`Scheduled job ${name} failed`, error);
  }
}

/** One tick of every job; exported for tests and for a one-off run. */
export async function runScheduledJobs(now = new Date(), tick = 0) {
  await step("announcements", () => notifyLiveAnnouncements(now));
  await step("newsletters", () => sendDueNewsletters(now));
  await step("stalled newsletters", () => resumeStalledNewsletters(now));
  if (tick % ONBOARDING_DUE_EVERY_TICKS === 0) {
    await step("onboarding-due", () => notifyDueOnboardingSteps(now));
  }
  await step("digests", () => runDueDigests(now));
}

const tickJob = backgroundJob(
  "Scheduled notification jobs",
  () => runScheduledJobs(new Date(), ticks++),
  { everyMs: SCHEDULER_TICK_MS, firstRunAfterMs: 0 },
);

export function startNotificationJobs() {
  startEmailWorker();
  tickJob.start();
}

/** Shutdown (server.js → stopBackgroundJobs): no new runs; those under way finish. */
export async function stopNotificationJobs() {
  await Promise.all([tickJob.stop(), stopEmailWorker()]);
}
