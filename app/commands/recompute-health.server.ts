// Recomputes account health: rolls new events up (rollup-events.server.ts), then, in batches of
// accounts, reads their window counts from EventDaily with GROUP BY, scores them with the pure
// model (app/health/model.ts), and writes the day's HealthSnapshot and the Account's health
// columns in one transaction per batch, raising health alerts in the same transaction.
//
// Several server processes on PostgreSQL never compute the same account at once: a batch claims
// its accounts with FOR UPDATE SKIP LOCKED and only those not computed since this run started,
// so a second process skips what the first holds or has done. SQLite has one writer anyway.
// See docs/decisions/0013-health.md.
import { randomUUID } from "node:crypto";
import { ALERT_KINDS, raiseAlert } from "~/commands/alerts.server";
import { rollupEvents } from "~/commands/rollup-events.server";
import {
  addDays,
  computeHealth,
  DROP_ALERT_POINTS,
  expansionSignal,
  inputsFromCounts,
  pickModel,
  TREND_DAYS,
  trendOf,
  utcDay,
  WINDOW_DAYS,
  type ComponentScore,
  type Driver,
  type HealthModelConfig,
} from "~/health/model";
import { loadHealthModels, parseInputs } from "~/models/health.server";
import { onboardingHealthInputsMany } from "~/models/onboarding.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { db } from "~/utils/db.server";
import { backgroundJob } from "~/utils/background-job.server";
import { isPostgres, pgTimestamp } from "~/utils/db-kind.server";

/** Accounts per transaction: big enough for GROUP BY to pay off, small enough to hold locks briefly. */
export const RECOMPUTE_BATCH_SIZE = 500;
/** From this many accounts a run reads every account's window in one pass, not per batch. */
export const PRELOAD_MIN_ACCOUNTS = 2_000;
/** How often each server process rolls events up and recomputes dirty and stale accounts. */
export const RECOMPUTE_INTERVAL_MS = 5 * 60 * 1000;
/** Only one open health_drop / expansion alert per account within this many days. */
export const ALERT_EPISODE_DAYS = 7;
const BATCH_TX = { timeout: 120_000, maxWait: 60_000 };

export type RecomputeOptions = {
  /** The moment computed "as of"; its UTC day is the snapshot's day. */
  now?: Date;
  /**
   * "all": every active account; "due": accounts with new events (HealthDirty) or not computed
   * today (the scheduler's choice); or a list of account ids.
   */
  scope?: "all" | "due" | { accountIds: string[] };
  /** Roll new events up first (default true). */
  rollup?: boolean;
  /** Raise health alerts (default true; the demo backfill of past days turns them off). */
  alerts?: boolean;
  /** Recompute even accounts computed since this run started (backfill, one process). */
  force?: boolean;
  /** Accounts per transaction (tests use small batches to interleave two runs). */
  batchSize?: number;
};

export type RecomputeResult = { computed: number; alerts: number; rolledEvents: number };

type AccountRow = {
  id: string;
  name: string;
  plan: string;
  seats: number;
  segment: string;
  ownerId: string | null;
  healthBand: string | null;
};

type Computed = {
  account: AccountRow;
  score: number;
  band: string;
  trend7: number | null;
  trend30: number | null;
  components: ComponentScore[];
  drivers: Driver[];
  inputsJson: string;
  activeUsers: number;
};

function idsParam(ids: readonly string[]) {
  const json = JSON.stringify(ids);
  return isPostgres()
    ? Prisma.sql`(SELECT json_array_elements_text(${json}::json))`
    : Prisma.sql`(SELECT value FROM json_each(${json}))`;
}

/** A timestamp parameter in the column format of the database in use. */
function ts(d: Date) {
  return isPostgres() ? Prisma.sql`${pgTimestamp(d)}::timestamp` : Prisma.sql`${d}`;
}

/** The accounts to consider, in id order (the claim happens per batch). */
async function candidateIds(scope: RecomputeOptions["scope"], day: Date): Promise<string[]> {
  const dayEnd = addDays(day, 1);
  // Active accounts, and churned ones on days before their churn (the validation's history).
  const alive: Prisma.AccountWhereInput = {
    createdAt: { lt: dayEnd },
    OR: [{ status: "active" }, { churnedAt: { gt: dayEnd } }],
  };
  if (scope && typeof scope === "object") {
    const rows = await db.account.findMany({
      where: { ...alive, id: { in: scope.accountIds } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    return rows.map((r) => r.id);
  }
  if (scope === "due") {
    // A subquery rather than a list: thousands of dirty ids exceed the parameter limit.
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Account"
      WHERE "createdAt" < ${ts(dayEnd)} AND ("status" = 'active' OR "churnedAt" > ${ts(dayEnd)})
        AND ("id" IN (SELECT "accountId" FROM "HealthDirty")
          OR "healthComputedAt" IS NULL OR "healthComputedAt" < ${ts(day)})
      ORDER BY "id"`;
    return rows.map((r) => r.id);
  }
  const rows = await db.account.findMany({
    where: alive,
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

/** Rolls up, then recomputes health for the chosen accounts; returns what it did. */
export async function recomputeHealth(options: RecomputeOptions = {}): Promise<RecomputeResult> {
  const runStartedAt = options.now ?? new Date();
  const day = utcDay(runStartedAt);
  const rolled =
    options.rollup === false ? { events: 0 } : await rollupEvents({ now: runStartedAt });
  const models = await loadHealthModels();
  const ids = await candidateIds(options.scope ?? "all", day);
  let computed = 0;
  let alerts = 0;
  const size = options.batchSize ?? RECOMPUTE_BATCH_SIZE;
  const preloaded =
    ids.length >= PRELOAD_MIN_ACCOUNTS ? await loadWindow(db, null, day) : undefined;
  for (let i = 0; i < ids.length; i += size) {
    const batch = ids.slice(i, i + size);
    const done = await db.$transaction(
      (tx) => computeBatch(tx, batch, { ...options, day, runStartedAt, models, preloaded }),
      BATCH_TX,
    );
    computed += done.computed;
    alerts += done.alerts;
  }
  return { computed, alerts, rolledEvents: rolled.events };
}

/** On demand for one account (the CS button on the account page): rolls up and recomputes now. */
export async function recomputeAccountHealth(accountId: string, now?: Date) {
  return recomputeHealth({ now, scope: { accountIds: [accountId] }, force: true });
}

async function claim(
  tx: Prisma.TransactionClient,
  batch: string[],
  runStartedAt: Date,
  force: boolean,
): Promise<AccountRow[]> {
  const notSince = force
    ? Prisma.sql``
    : Prisma.sql`AND ("healthComputedAt" IS NULL OR "healthComputedAt" < ${ts(runStartedAt)})`;
  const lock = isPostgres() ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.sql``;
  return tx.$queryRaw<AccountRow[]>`
    SELECT "id", "name", "plan", "seats", "segment", "ownerId", "healthBand" FROM "Account"
    WHERE "id" IN ${idsParam(batch)} ${notSince}
    ORDER BY "id" ${lock}`;
}

type EarlierSnapshot = { accountId: string; score: number; components: string; inputs: string };
type WindowData = {
  counts: Map<string, Record<string, number>>;
  active: Map<string, number>;
  before7: Map<string, EarlierSnapshot>;
  before30: Map<string, EarlierSnapshot>;
};

/**
 * Window counts, active members and the snapshots 7 and 30 days before, for the given accounts
 * or (ids null) for every account in one pass: a big run reads EventDaily once instead of per batch.
 */
async function loadWindow(
  client: Pick<Prisma.TransactionClient, "$queryRaw" | "healthSnapshot">,
  ids: string[] | null,
  day: Date,
): Promise<WindowData> {
  const from = addDays(day, -(WINDOW_DAYS - 1));
  const only = ids ? Prisma.sql`"accountId" IN ${idsParam(ids)} AND` : Prisma.empty;
  const countRows = await client.$queryRaw<
    { accountId: string; type: string; n: bigint | number }[]
  >`
    SELECT "accountId", "type", sum("count") AS "n" FROM "EventDaily"
    WHERE ${only} "day" >= ${ts(from)} AND "day" <= ${ts(day)}
    GROUP BY "accountId", "type"`;
  const activeRows = await client.$queryRaw<{ accountId: string; n: bigint | number }[]>`
    SELECT "accountId", count(DISTINCT "userId") AS "n" FROM "EventDaily"
    WHERE ${only} "day" >= ${ts(from)} AND "day" <= ${ts(day)} AND "userId" <> ''
    GROUP BY "accountId"`;
  const counts = new Map<string, Record<string, number>>();
  for (const r of countRows) {
    const c = counts.get(r.accountId) ?? {};
    c[r.type] = Number(r.n);
    counts.set(r.accountId, c);
  }
  const active = new Map(activeRows.map((r) => [r.accountId, Number(r.n)]));
  const d7 = addDays(day, -TREND_DAYS.d7);
  const d30 = addDays(day, -TREND_DAYS.d30);
  const earlier = await client.healthSnapshot.findMany({
    where: { ...(ids ? { accountId: { in: ids } } : {}), day: { in: [d7, d30] } },
    select: { accountId: true, day: true, score: true, components: true, inputs: true },
  });
  const at = (d: Date) =>
    new Map(earlier.filter((s) => s.day.getTime() === d.getTime()).map((s) => [s.accountId, s]));
  return { counts, active, before7: at(d7), before30: at(d30) };
}

async function computeBatch(
  tx: Prisma.TransactionClient,
  batch: string[],
  options: RecomputeOptions & {
    day: Date;
    runStartedAt: Date;
    models: Map<string, HealthModelConfig>;
    preloaded?: WindowData;
  },
): Promise<{ computed: number; alerts: number }> {
  const accounts = await claim(tx, batch, options.runStartedAt, !!options.force);
  if (!accounts.length) return { computed: 0, alerts: 0 };
  const ids = accounts.map((a) => a.id);
  const { day } = options;
  const readAt = new Date();
  const window = options.preloaded ?? (await loadWindow(tx, ids, day));
  const { counts, active, before7, before30 } = window;
  const onboarding = await onboardingHealthInputsMany(ids, addDays(day, 1));

  const results: Computed[] = accounts.map((account) => {
    const seats = Number(account.seats);
    const activeUsers = active.get(account.id) ?? 0;
    const inputs = inputsFromCounts({
      seats,
      activeUsers,
      counts: counts.get(account.id) ?? {},
      onboarding: onboarding.get(account.id) ?? null,
    });
    const prev = before7.get(account.id);
    const result = computeHealth({
      model: pickModel(options.models, account.segment),
      inputs,
      before: prev
        ? {
            components: JSON.parse(prev.components) as ComponentScore[],
            inputs: parseInputs(prev.inputs),
          }
        : null,
    });
    return {
      account: { ...account, seats },
      score: result.score,
      band: result.band,
      trend7: trendOf(result.score, prev?.score),
      trend30: trendOf(result.score, before30.get(account.id)?.score),
      components: result.components,
      drivers: result.drivers,
      inputsJson: JSON.stringify(inputs),
      activeUsers,
    };
  });

  const computedAt = options.now ?? new Date();
  await writeSnapshots(tx, results, day, computedAt);
  await writeAccounts(tx, results, computedAt);
  await tx.healthDirty.deleteMany({ where: { accountId: { in: ids }, markedAt: { lte: readAt } } });
  const alerts = options.alerts === false ? 0 : await raiseHealthAlerts(tx, results, day);
  return { computed: results.length, alerts };
}

const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

async function writeSnapshots(
  tx: Prisma.TransactionClient,
  results: Computed[],
  day: Date,
  computedAt: Date,
) {
  const rows = results.map((r) => [
    randomUUID(),
    r.account.id,
    isPostgres() ? day.toISOString() : sqliteDate(day),
    r.score,
    r.band,
    JSON.stringify(r.components),
    JSON.stringify(r.drivers),
    r.inputsJson,
    isPostgres() ? computedAt.toISOString() : sqliteDate(computedAt),
  ]);
  const json = JSON.stringify(rows);
  if (isPostgres()) {
    await tx.$executeRaw`
      INSERT INTO "HealthSnapshot" ("id", "accountId", "day", "score", "band", "components", "drivers", "inputs", "computedAt")
      SELECT x ->> 0, x ->> 1, (x ->> 2)::timestamp, (x ->> 3)::int, x ->> 4, x ->> 5, x ->> 6, x ->> 7, (x ->> 8)::timestamp
      FROM json_array_elements(${json}::json) AS x
      ON CONFLICT ("accountId", "day") DO UPDATE SET "score" = excluded."score", "band" = excluded."band",
        "components" = excluded."components", "drivers" = excluded."drivers", "inputs" = excluded."inputs",
        "computedAt" = excluded."computedAt"`;
  } else {
    await tx.$executeRaw`
      INSERT INTO "HealthSnapshot" ("id", "accountId", "day", "score", "band", "components", "drivers", "inputs", "computedAt")
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
      FROM json_each(${json}) WHERE true
      ON CONFLICT ("accountId", "day") DO UPDATE SET "score" = excluded."score", "band" = excluded."band",
        "components" = excluded."components", "drivers" = excluded."drivers", "inputs" = excluded."inputs",
        "computedAt" = excluded."computedAt"`;
  }
}

async function writeAccounts(tx: Prisma.TransactionClient, results: Computed[], computedAt: Date) {
  const rows = results.map((r) => [r.account.id, r.score, r.band, r.trend7, r.trend30]);
  const json = JSON.stringify(rows);
  if (isPostgres()) {
    await tx.$executeRaw`
      UPDATE "Account" AS a SET "healthScore" = (x ->> 1)::int, "healthBand" = x ->> 2,
        "healthTrend7" = (x ->> 3)::int, "healthTrend30" = (x ->> 4)::int,
        "healthComputedAt" = ${pgTimestamp(computedAt)}::timestamp
      FROM json_array_elements(${json}::json) AS x WHERE a."id" = x ->> 0`;
  } else {
    await tx.$executeRaw`
      UPDATE "Account" SET "healthScore" = x.value ->> 1, "healthBand" = x.value ->> 2,
        "healthTrend7" = x.value ->> 3, "healthTrend30" = x.value ->> 4,
        "healthComputedAt" = ${computedAt}
      FROM json_each(${json}) AS x WHERE "Account"."id" = x.value ->> 0`;
  }
}

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Entering red (from yellow or green), a fall of DROP_ALERT_POINTS within 7
 * days, and an expansion signal each raise one alert per episode for the account's owner.
 */
async function raiseHealthAlerts(
  tx: Prisma.TransactionClient,
  results: Computed[],
  day: Date,
): Promise<number> {
  const since = addDays(day, -ALERT_EPISODE_DAYS);
  const recent = await tx.alert.findMany({
    where: {
      accountId: { in: results.map((r) => r.account.id) },
      OR: [
        { kind: ALERT_KINDS.healthDrop, createdAt: { gte: since } },
        { kind: ALERT_KINDS.expansion, status: { not: "closed" } },
      ],
    },
    select: { accountId: true, kind: true },
  });
  const has = new Set(recent.map((a) => `${a.kind}:${a.accountId}`));
  let raised = 0;
  for (const r of results) {
    const { account } = r;
    const details = {
      score: r.score,
      band: r.band,
      trend: { d7: r.trend7, d30: r.trend30 },
      drivers: r.drivers,
      day: dayKey(day),
    };
    // From a known band only: the first computation sets the baseline (turning health on for
    // thousands of accounts must not raise thousands of alerts; the console lists red accounts).
    if (r.band === "red" && account.healthBand && account.healthBand !== "red") {
      const alert = await raiseAlert(
        {
          accountId: account.id,
          ownerId: account.ownerId,
          kind: ALERT_KINDS.healthRed,
          title: `${account.name} entered the red health band (score ${r.score})`,
          details: { ...details, previousBand: account.healthBand },
          dedupeKey: `${ALERT_KINDS.healthRed}:${account.id}:${dayKey(day)}`,
        },
        tx,
      );
      if (alert) raised += 1;
    }
    if (
      r.trend7 != null &&
      r.trend7 <= -DROP_ALERT_POINTS &&
      !has.has(`${ALERT_KINDS.healthDrop}:${account.id}`)
    ) {
      const alert = await raiseAlert(
        {
          accountId: account.id,
          ownerId: account.ownerId,
          kind: ALERT_KINDS.healthDrop,
          title: `${account.name} health fell ${-r.trend7} points in 7 days (now ${r.score})`,
          details,
          dedupeKey: `${ALERT_KINDS.healthDrop}:${account.id}:${dayKey(day)}`,
        },
        tx,
      );
      if (alert) raised += 1;
    }
    const expansion = expansionSignal({
      plan: account.plan,
      seats: account.seats,
      activeUsers: r.activeUsers,
    });
    if (expansion && !has.has(`${ALERT_KINDS.expansion}:${account.id}`)) {
      const alert = await raiseAlert(
        {
          accountId: account.id,
          ownerId: account.ownerId,
          kind: ALERT_KINDS.expansion,
          title:
            expansion.reason === "seats"
              ? `${account.name} uses ${expansion.activeUsers} of ${expansion.seats} seats: an expansion lead`
              : `${account.name} has ${expansion.activeUsers} active users on the ${account.plan} plan: an expansion lead`,
          details: { ...details, ...expansion, plan: account.plan },
          dedupeKey: `${ALERT_KINDS.expansion}:${account.id}:${dayKey(day)}`,
        },
        tx,
      );
      if (alert) raised += 1;
    }
  }
  return raised;
}

/** A restarted server catches up this soon after start instead of a whole interval later. */
const FIRST_RECOMPUTE_AFTER_MS = 10_000;

/**
 * The background schedule in each server process (started once from entry.server.tsx): every
 * RECOMPUTE_INTERVAL_MS, roll new events up and recompute accounts with new events or not yet
 * computed today (that is the daily snapshot). Processes share the work through the claim.
 */
const healthJob = backgroundJob("Health recompute", () => recomputeHealth({ scope: "due" }), {
  everyMs: RECOMPUTE_INTERVAL_MS,
  firstRunAfterMs: FIRST_RECOMPUTE_AFTER_MS,
});
export const startHealthRecompute = healthJob.start;
/** Shutdown (server.js → stopBackgroundJobs): no new runs; the one under way finishes. */
export const stopHealthRecompute = healthJob.stop;
