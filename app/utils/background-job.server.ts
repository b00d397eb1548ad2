// One repeating job of this server process (health recompute, webhook and e-mail delivery,
// event retention, the notification tick, stuck onboarding), started from entry.server.tsx.
// At most one run at a time; a wake-up during a run (a delivery just queued) makes it run once
// more after it, so nothing queued waits for the next timer; stop() clears the timers and waits
// for the run under way, so shutdown closes the database only after the job let go of it.

export type JobRun = (job: { stopping: () => boolean }) => Promise<unknown>;

export type BackgroundJob = {
  start(): void;
  /** Runs now, or once more after the run under way (only while started). */
  wake(): void;
  stop(): Promise<void>;
};

export function backgroundJob(
  name: string,
  run: JobRun,
  options: { everyMs: number; firstRunAfterMs?: number },
): BackgroundJob {
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  let again = false;
  const stopping = () => timer === null;

  const wake = () => {
    if (stopping()) return;
    if (current) {
      again = true;
      return;
    }
    current = (async () => {
      do {
        again = false;
        await run({ stopping });
      } while (again && !stopping());
    })()
      .catch((error: unknown) => console.error(`${name} failed`, error))
      .finally(() => {
        current = null;
      });
  };

  return {
    start() {
      // Tests drive each job's work directly; a timer would race them.
      if (timer || process.env.NODE_ENV === "test") return;
      // A timer tick while a run is under way is skipped: a slow run is not chased by the next.
      timer = setInterval(() => current ?? wake(), options.everyMs);
      timer.unref();
      if (options.firstRunAfterMs !== undefined) {
        first = setTimeout(wake, options.firstRunAfterMs);
        first.unref();
      }
    },
    wake,
    async stop() {
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      timer = null;
      first = null;
      await current;
    },
  };
}
