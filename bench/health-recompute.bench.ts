// Health recompute: 10,000 accounts and 1,000,000 events over 30 days in a fresh SQLite database;
// times the rollup of every event into EventDaily plus the recompute of every account (one
// snapshot each, account columns, alerts), then an incremental run after 10,000 new events.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { rawEventWriter } from "./lib/raw-events";
import { rng } from "./lib/stats";

export const ACCOUNT_COUNT = 10_000;
export const EVENT_COUNT = 1_000_000;
export const USERS_PER_ACCOUNT = 5;
export const TARGET_MS = 10_000;
const INSERT_CHUNK = 50_000;
const INCREMENTAL_EVENTS = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const RESULT_FILE = path.resolve("bench/results/health-recompute.json");

const dir = mkdtempSync(path.join(tmpdir(), "bench-health-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;

const PRODUCT_TYPES = [
  "dashboard.viewed",
  "report.created",
  "report.exported",
  "task.completed",
  "api.called",
];

async function main() {
  const { migrate } = await import("../prisma/migrate");
  await migrate(process.env.DATABASE_URL!);
  const { db, disconnectDb } = await import("../app/utils/db.server");
  const { recomputeHealth } = await import("../app/commands/recompute-health.server");
  const { rollupEvents } = await import("../app/commands/rollup-events.server");
  const { PORTAL_EVENTS } = await import("../app/models/event-types");
  const random = rng(7);
  const now = Date.now();
  const created = new Date(now - 400 * DAY_MS);

  for (let i = 0; i < ACCOUNT_COUNT; i += 2_000) {
    await db.account.createMany({
      data: Array.from({ length: 2_000 }, (_, j) => ({
        id: `acc-${i + j}`,
        externalId: `crm-${i + j}`,
        name: `Company ${i + j}`,
        plan: ["starter", "team", "business", "enterprise"][(i + j) % 4]!,
        seats: 5 + ((i + j) % 20),
        segment: ["tech_touch", "low_touch", "high_touch"][(i + j) % 3]!,
        createdAt: created,
      })),
    });
  }
  for (let i = 0; i < ACCOUNT_COUNT * USERS_PER_ACCOUNT; i += 5_000) {
    await db.user.createMany({
      data: Array.from({ length: 5_000 }, (_, j) => ({
        id: `user-${i + j}`,
        email: `user${i + j}@bench.example`,
        name: `User ${i + j}`,
        accountId: `acc-${(i + j) % ACCOUNT_COUNT}`,
      })),
    });
  }

  function event(n: number, receivedAt: Date) {
    const account = Math.floor(random() * ACCOUNT_COUNT);
    const user = account + ACCOUNT_COUNT * Math.floor(random() * USERS_PER_ACCOUNT);
    const roll = random();
    let type: string = PRODUCT_TYPES[n % PRODUCT_TYPES.length]!;
    let properties: Record<string, unknown> = {};
    if (roll < 0.1) {
      type = PORTAL_EVENTS.searched;
      properties = { outcome: random() < 0.2 ? "none" : "found" };
    } else if (roll < 0.13) {
      type = PORTAL_EVENTS.articleVoted;
      properties = { helpful: random() < 0.7 };
    } else if (roll < 0.2) {
      type = PORTAL_EVENTS.articleViewed;
    } else if (roll < 0.22) {
      type = PORTAL_EVENTS.replyPosted;
    }
    return {
      accountId: `acc-${account}`,
      userId: random() < 0.8 ? `user-${user}` : null,
      type,
      properties: JSON.stringify(properties),
      source: "api",
      idempotencyKey: null,
      occurredAt: new Date(now - random() * 30 * DAY_MS),
      receivedAt,
    };
  }

  console.log(`Loading ${EVENT_COUNT.toLocaleString()} events…`);
  const writer = rawEventWriter(path.join(dir, "bench.db"));
  let n = 0;
  const load = (count: number) => {
    const receivedAt = new Date();
    writer.insert(count, () => ({ id: `e${n}`, ...event(n++, receivedAt) }));
  };
  for (let i = 0; i < EVENT_COUNT; i += INSERT_CHUNK) load(INSERT_CHUNK);

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rolled = await rollupEvents();
  const t1 = performance.now();
  const full = await recomputeHealth({ scope: "all", rollup: false });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (rolled.events !== EVENT_COUNT || full.computed !== ACCOUNT_COUNT) {
    throw new Error(`rolled ${rolled.events}, computed ${full.computed}`);
  }
  const snapshots = await db.healthSnapshot.count();
  console.log(`full: rollup ${Math.round(t1 - t0)} ms, recompute ${Math.round(t2 - t1)} ms`);

  // Incremental: 10,000 new events, then the scheduler's "due" run.
  load(INCREMENTAL_EVENTS);
  writer.close();
  const t3 = performance.now();
  const due = await recomputeHealth({ scope: "due" });
  const t4 = performance.now();
  await disconnectDb();
  rmSync(dir, { recursive: true, force: true });

  const round = (x: number) => Math.round(x * 100) / 100;
  const totalMs = round(t2 - t0);
  const result = {
    name: "health-recompute",
    description:
      "Rollup of 1,000,000 events into EventDaily + recompute of 10,000 accounts (snapshots, account columns, alerts), SQLite; then an incremental run after 10,000 new events",
    accounts: ACCOUNT_COUNT,
    events: EVENT_COUNT,
    rollupMs: round(t1 - t0),
    recomputeMs: round(t2 - t1),
    totalMs,
    cpuMs: round((cpu.user + cpu.system) / 1000),
    targetMs: TARGET_MS,
    snapshots,
    alertsRaised: full.alerts,
    incremental: {
      newEvents: INCREMENTAL_EVENTS,
      accountsRecomputed: due.computed,
      ms: round(t4 - t3),
    },
    loadAverage: round(loadavg()[0]!),
    pass: totalMs <= TARGET_MS,
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  writeFileSync(RESULT_FILE, JSON.stringify(result, null, 2) + "\n");
  console.log(
    `health-recompute: rollup ${result.rollupMs} ms + recompute ${result.recomputeMs} ms = ${totalMs} ms ` +
      `(load ${result.loadAverage}); incremental ${result.incremental.accountsRecomputed} accounts in ${result.incremental.ms} ms ` +
      `(target ≤ ${TARGET_MS} ms: ${result.pass ? "PASS" : "FAIL"})`,
  );
}

await main();
