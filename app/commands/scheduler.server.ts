// The in-process scheduler of the notifications issue, started once per server process from
// entry.server.tsx: the outbox worker, and a minute tick for announcements that went live,
// scheduled newsletters, onboarding steps falling due (hourly) and the digests (at
// DIGEST_HOUR_UTC). Every job claims its work in the database, so several processes may tick.
import { startEmailWorker } from "./deliver-email.server";
import { runDueDigests } from "./digests.server";
import { sendDueNewsletters } from "./newsletters.server";
import { notifyDueOnboardingSteps, notifyLiveAnnouncements } from "./notification-hooks.server";

export const SCHEDULER_TICK_MS = 60_000;
export const ONBOARDING_DUE_EVERY_TICKS = 60;

let timer: NodeJS.Timeout | null = null;
let ticks = 0;
let busy = false;

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
  if (tick % ONBOARDING_DUE_EVERY_TICKS === 0) {
    await step("onboarding-due", () => notifyDueOnboardingSteps(now));
  }
  await step("digests", () => runDueDigests(now));
}

export function startNotificationJobs() {
  if (timer || process.env.NODE_ENV === "test") return;
  startEmailWorker();
  const tick = () => {
    if (busy) return;
    busy = true;
    void runScheduledJobs(new Date(), ticks++).finally(() => {
      busy = false;
    });
  };
  timer = setInterval(tick, SCHEDULER_TICK_MS);
  timer.unref();
  tick();
}

/** Stops the timer at shutdown (server.js → stopBackgroundJobs); a run under way finishes. */
export function stopNotificationJobs() {
  if (timer) clearInterval(timer);
  timer = null;
}
