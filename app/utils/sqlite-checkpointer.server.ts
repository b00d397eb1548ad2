// In WAL mode SQLite appends commits to a log and later copies them into the database file: a
// checkpoint. By default the connection whose commit takes the log past 1,000 pages does it at
// once, with an fsync, inside that commit. Every server process has ONE connection, so the
// request that happens to cross the line (an events batch, a page view) waits for the copy and
// the disk, and Node's event loop with it: about half of an events batch's database time.
// Instead, a worker thread with its own connection checkpoints every CHECKPOINT_INTERVAL_MS
// (PASSIVE: it never waits for, or blocks, readers and writers); the request connection only
// checkpoints itself past FOREGROUND_CHECKPOINT_PAGES, should the worker fall behind or be gone.
// Decision 0020.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export const CHECKPOINT_INTERVAL_MS = 250;
/** The request connection's own threshold (wal_autocheckpoint), 40 MB of log at 4 KB pages. */
export const FOREGROUND_CHECKPOINT_PAGES = 10_000;
/** How long the worker waits for the checkpoint lock another process holds. */
const WORKER_BUSY_TIMEOUT_MS = 1_000;

export type Checkpointer = { stop(): Promise<void> };

// Plain CommonJS, run with `eval`: no file path to keep right in the dev server, the production
// bundle and the tests. SQLITE_BUSY means another process is checkpointing: skip this round.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
} catch (error) {
  console.error("SQLite checkpointer could not open " + workerData.file + " (" + error.message + "); the server checkpoints itself");
  process.exit(0);
}
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    if (error && error.code !== "SQLITE_BUSY") console.error("SQLite checkpoint failed", error);
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  process.exit(0);
});
`;

/**
 * The better-sqlite3 that Prisma's adapter loads, which need not be the project's own (the adapter
 * pins its major version). Two copies of SQLite in one process do not see each other's file
 * locks, and a checkpoint through the other copy corrupted the database in a benchmark.
 */
function prismasDriver(): string {
  const adapter = createRequire(import.meta.url).resolve("@prisma/adapter-better-sqlite3");
  return createRequire(adapter).resolve("better-sqlite3");
}

/** Starts checkpointing `file` (which must exist) in the background until stop(). */
export function startCheckpointer(
  file: string,
  intervalMs: number = CHECKPOINT_INTERVAL_MS,
): Checkpointer {
  const driver = prismasDriver();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs, busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS },
  });
  // The server's shutdown stops it; a script that never does must still be able to exit.
  worker.unref();
  worker.on("error", (error) => console.error("SQLite checkpointer stopped", error));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      worker.ref(); // keeps the process up until the worker has closed its connection
      worker.postMessage("stop");
      await exited;
    },
  };
}
