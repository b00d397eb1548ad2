import { afterEach, describe, expect, it, vi } from "vitest";
import { backgroundJob } from "./background-job.server";

/** A run that waits until the test lets it finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Jobs do not start under NODE_ENV=test (tests drive the work directly); these tests must. */
function started(job: ReturnType<typeof backgroundJob>) {
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  job.start();
  process.env.NODE_ENV = env;
  return job;
}

const HOUR_MS = 3_600_000;

describe("backgroundJob", () => {
  afterEach(() => vi.restoreAllMocks());

  it("runs a wake-up during a run once more afterwards, never two runs at once", async () => {
    const first = gate();
    const second = gate();
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const job = started(
      backgroundJob(
        "test job",
        async () => {
          runs++;
          concurrent++;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          if (runs === 1) await first.opened;
          concurrent--;
          if (runs === 2) second.open();
        },
        { everyMs: HOUR_MS },
      ),
    );
    job.wake();
    job.wake();
    job.wake();
    first.open();
    await second.opened;
    await job.stop();
    expect(runs).toBe(2);
    expect(maxConcurrent).toBe(1);
  });

  it("stop waits for the run under way and nothing runs after it", async () => {
    const slow = gate();
    let finished = false;
    let runs = 0;
    const job = started(
      backgroundJob(
        "test job",
        async () => {
          runs++;
          await slow.opened;
          finished = true;
        },
        { everyMs: HOUR_MS },
      ),
    );
    job.wake();
    const stopped = job.stop();
    setTimeout(slow.open, 20);
    await stopped;
    expect(finished).toBe(true);
    job.wake();
    await job.stop();
    expect(runs).toBe(1);
  });

  it("logs a failed run and runs again on the next wake-up", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let runs = 0;
    const job = started(
      backgroundJob(
        "Flaky job",
        async () => {
          runs++;
          if (runs === 1) throw new Error("database is locked");
        },
        { everyMs: HOUR_MS },
      ),
    );
    job.wake();
    await new Promise((resolve) => setTimeout(resolve, 10));
    job.wake();
    await job.stop();
    expect(runs).toBe(2);
    expect(log).toHaveBeenCalledWith("Flaky job failed", expect.any(Error));
  });

  it("does not run before start", async () => {
    let runs = 0;
    const job = backgroundJob("idle", async () => void runs++, { everyMs: HOUR_MS });
    job.wake();
    await job.stop();
    expect(runs).toBe(0);
  });
});
