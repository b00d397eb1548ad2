// Reading account health and the health models. Staff only: every caller is a staff route or the
// API with a health:read key; customers never see health (their routes never import this).
import { z } from "zod";
import {
  addDays,
  DEFAULT_MODEL,
  HISTORY_DAYS,
  utcDay,
  type Band,
  type ComponentScore,
  type Driver,
  type HealthInputs,
  type HealthModelConfig,
} from "~/health/model";
import {
  aucQuality,
  churnAuc,
  churnRateByBand,
  previewModel,
  VALIDATION_HORIZONS,
} from "~/health/preview";
import { PORTAL_TYPE_PREFIX } from "~/health/rollup";
import { bandsSchema, componentConfigSchema } from "~/health/validate";
import { getEventTypeSettings, MAX_KNOWN_EVENT_TYPES } from "~/models/event-types.server";
import { SEGMENTS } from "~/models/segment";
import {
  accountListOrder,
  accountListWhere,
  matchesAccountSearch,
  type AccountListFilters,
} from "~/models/account-list.server";
import { db } from "~/utils/db.server";

/** The default model's segment value (see HealthModel.segment). */
export const DEFAULT_SEGMENT = "";

const modelSchema = z.object({
  components: z.array(componentConfigSchema).min(1),
  bands: bandsSchema,
});

/** A stored model; an unreadable row falls back to the default model instead of breaking pages. */
export function parseHealthModel(row: { components: string; bands: string }): HealthModelConfig {
  try {
    const parsed = modelSchema.safeParse({
      components: JSON.parse(row.components),
      bands: JSON.parse(row.bands),
    });
    return parsed.success ? parsed.data : DEFAULT_MODEL;
  } catch {
    return DEFAULT_MODEL;
  }
}

function parseJsonArray<T>(raw: string): T[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function parseInputs(raw: string): HealthInputs | null {
  try {
    const value = JSON.parse(raw) as HealthInputs;
    return typeof value === "object" && value && typeof value.seats === "number" ? value : null;
  } catch {
    return null;
  }
}

/** Every stored model by segment ("" = default). */
export async function loadHealthModels(): Promise<Map<string, HealthModelConfig>> {
  const rows = await db.healthModel.findMany({
    select: { segment: true, components: true, bands: true },
  });
  const models = new Map<string, HealthModelConfig>();
  for (const row of rows) models.set(row.segment, parseHealthModel(row));
  return models;
}

/** The model that scores accounts of this segment: its own, else the default. */
export async function healthModelFor(segment: string | null): Promise<HealthModelConfig> {
  const rows = await db.healthModel.findMany({
    where: { segment: { in: segment ? [segment, DEFAULT_SEGMENT] : [DEFAULT_SEGMENT] } },
    select: { segment: true, components: true, bands: true },
  });
  const own = rows.find((r) => r.segment === segment && segment);
  const fallback = rows.find((r) => r.segment === DEFAULT_SEGMENT);
  const row = own ?? fallback;
  return row ? parseHealthModel(row) : DEFAULT_MODEL;
}

/** The settings page's list: the default model and each segment's own, with who changed them. */
export async function listHealthModels() {
  const rows = await db.healthModel.findMany({
    orderBy: { segment: "asc" },
    select: { segment: true, components: true, bands: true, updatedAt: true, updatedById: true },
  });
  return rows.map((r) => ({
    segment: r.segment,
    model: parseHealthModel(r),
    updatedAt: r.updatedAt,
    updatedById: r.updatedById,
  }));
}

export type AccountHealth = {
  score: number;
  band: Band;
  trend: { d7: number | null; d30: number | null };
  components: ComponentScore[];
  drivers: Driver[];
  computedAt: Date;
  history: { day: Date; score: number; band: Band }[];
};

/**
 * The account's latest health with 90 days of history; null when never computed (or no such
 * account). Callers check that the viewer is staff.
 */
export async function accountHealth(
  accountId: string,
  now = new Date(),
): Promise<AccountHealth | null> {
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: {
      healthScore: true,
      healthBand: true,
      healthTrend7: true,
      healthTrend30: true,
      healthComputedAt: true,
    },
  });
  if (!account || account.healthScore == null || !account.healthComputedAt) return null;
  const since = addDays(utcDay(now), -(HISTORY_DAYS - 1));
  const snapshots = await db.healthSnapshot.findMany({
    where: { accountId, day: { gte: since } },
    orderBy: { day: "asc" },
    select: { day: true, score: true, band: true, components: true, drivers: true },
  });
  const latest = snapshots.at(-1);
  return {
    score: account.healthScore,
    band: (account.healthBand ?? "red") as Band,
    trend: { d7: account.healthTrend7, d30: account.healthTrend30 },
    components: latest ? parseJsonArray<ComponentScore>(latest.components) : [],
    drivers: latest ? parseJsonArray<Driver>(latest.drivers) : [],
    computedAt: account.healthComputedAt,
    history: snapshots.map((s) => ({ day: s.day, score: s.score, band: s.band as Band })),
  };
}

/** The health API's answer (DESIGN.md section 7): nulls when not computed yet; null = no account. */
export async function apiHealthByExternalId(externalId: string) {
  const account = await db.account.findUnique({
    where: { externalId },
    select: {
      id: true,
      healthScore: true,
      healthBand: true,
      healthTrend7: true,
      healthTrend30: true,
      healthComputedAt: true,
    },
  });
  if (!account) return null;
  const latest =
    account.healthComputedAt &&
    (await db.healthSnapshot.findFirst({
      where: { accountId: account.id },
      orderBy: { day: "desc" },
      select: { components: true },
    }));
  return {
    score: account.healthScore,
    band: account.healthBand,
    trend: { d7: account.healthTrend7, d30: account.healthTrend30 },
    components: latest
      ? parseJsonArray<ComponentScore>(latest.components).map((c) => ({
          key: c.key,
          score: c.score,
          weight: c.weight,
        }))
      : [],
    computedAt: account.healthComputedAt ? account.healthComputedAt.toISOString() : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The health model page (/admin/health): staff view, admins edit (docs/decisions/0013-health.md).

export function canEditHealthModel(actor: { role: string }): boolean {
  return actor.role === "admin";
}

/** Product event types a custom component may count: registered under Integrations, or seen. */
export async function knownProductEventTypes(now = new Date()): Promise<string[]> {
  const settings = await getEventTypeSettings();
  const seen = await db.eventDaily.findMany({
    where: {
      day: { gte: addDays(utcDay(now), -HISTORY_DAYS) },
      NOT: { type: { startsWith: PORTAL_TYPE_PREFIX } },
    },
    distinct: ["type"],
    select: { type: true },
    take: MAX_KNOWN_EVENT_TYPES,
  });
  return [...new Set([...settings.known, ...seen.map((s) => s.type)])].sort();
}

/** The segments a model scores: its own segment, or (default) those without a model of their own. */
export async function segmentsScoredBy(segment: string): Promise<string[]> {
  if (segment) return [segment];
  const own = await db.healthModel.findMany({
    where: { segment: { not: DEFAULT_SEGMENT } },
    select: { segment: true },
  });
  const taken = new Set(own.map((o) => o.segment));
  return SEGMENTS.filter((s) => !taken.has(s));
}

/** How the model under edit would change bands: latest snapshots re-scored, nothing written. */
export async function previewHealthModelChange(segment: string, model: HealthModelConfig) {
  const segments = await segmentsScoredBy(segment);
  const latest = await db.healthSnapshot.findFirst({
    orderBy: { day: "desc" },
    select: { day: true },
  });
  if (!latest) return null;
  const rows = await db.healthSnapshot.findMany({
    where: { day: latest.day, account: { status: "active", segment: { in: segments } } },
    select: {
      accountId: true,
      score: true,
      band: true,
      components: true,
      inputs: true,
      account: { select: { name: true } },
    },
  });
  return previewModel(
    model,
    rows.map((r) => ({
      id: r.accountId,
      name: r.account.name,
      score: r.score,
      band: r.band as Band,
      components: parseJsonArray<ComponentScore>(r.components),
      inputs: parseInputs(r.inputs),
    })),
  );
}

/**
 * How well scores separated churned from retained accounts: for each horizon, the scores of
 * churned accounts that many days before their churn against retained accounts' scores that
 * many days before today; AUC and the churn rate per band.
 */
export async function healthModelValidation(now = new Date()) {
  const today = utcDay(now);
  const churnedAccounts = await db.account.findMany({
    where: { status: "churned", churnedAt: { not: null } },
    select: { id: true, churnedAt: true },
  });
  const churnDay = new Map(churnedAccounts.map((a) => [a.id, utcDay(a.churnedAt!).getTime()]));
  const churnedSnapshots = churnedAccounts.length
    ? await db.healthSnapshot.findMany({
        where: { account: { status: "churned" } },
        select: { accountId: true, day: true, score: true, band: true },
      })
    : [];
  const retainedSnapshots = await db.healthSnapshot.findMany({
    where: {
      account: { status: "active" },
      day: { in: VALIDATION_HORIZONS.map((h) => addDays(today, -h)) },
    },
    select: { accountId: true, day: true, score: true, band: true },
  });
  const horizons = VALIDATION_HORIZONS.map((days) => {
    const churned = churnedSnapshots.filter(
      (s) => churnDay.get(s.accountId)! - s.day.getTime() === days * 86_400_000,
    );
    const retained = retainedSnapshots.filter(
      (s) => s.day.getTime() === addDays(today, -days).getTime(),
    );
    const auc = churnAuc(
      churned.map((s) => s.score),
      retained.map((s) => s.score),
    );
    return {
      days,
      churned: churned.length,
      retained: retained.length,
      auc,
      quality: auc == null ? null : aucQuality(auc),
      perBand: churnRateByBand([
        ...churned.map((s) => ({ band: s.band as Band, churned: true })),
        ...retained.map((s) => ({ band: s.band as Band, churned: false })),
      ]),
    };
  });
  return { horizons, hasData: horizons.some((h) => h.auc != null) };
}

/** Everything the page shows for one model (segment "" = the default). */
export async function getHealthModelPage(segment: string, now = new Date()) {
  const [models, counts, eventTypes, validation] = await Promise.all([
    listHealthModels(),
    db.account.groupBy({ by: ["segment"], where: { status: "active" }, _count: { _all: true } }),
    knownProductEventTypes(now),
    healthModelValidation(now),
  ]);
  const own = models.find((m) => m.segment === segment);
  const fallback = models.find((m) => m.segment === DEFAULT_SEGMENT);
  return {
    segment,
    hasOwnModel: !!own,
    model: (own ?? fallback)?.model ?? DEFAULT_MODEL,
    updatedAt: own?.updatedAt ?? null,
    segments: SEGMENTS.map((s) => ({
      segment: s,
      hasOwnModel: models.some((m) => m.segment === s),
      accounts: counts.find((c) => c.segment === s)?._count._all ?? 0,
    })),
    eventTypes,
    validation,
  };
}

// ---------------------------------------------------------------------------------------------
// CSV export of accounts with health (/admin/accounts/export.csv), staff only.

/** The accounts the list shows for these filters (all pages, same order), with components. */
export async function accountsForExport(filters: AccountListFilters, now = new Date()) {
  const where = accountListWhere(filters, now);
  const accounts = await db.account.findMany({
    where,
    orderBy: accountListOrder(filters.sort, filters.dir),
    select: {
      id: true,
      name: true,
      externalId: true,
      segment: true,
      plan: true,
      arr: true,
      renewalDate: true,
      status: true,
      healthScore: true,
      healthBand: true,
      healthTrend7: true,
      healthTrend30: true,
      healthComputedAt: true,
      owner: { select: { name: true, email: true } },
    },
  });
  const q = filters.q;
  const matching = q ? accounts.filter((a) => matchesAccountSearch(a, q)) : accounts;
  // Component scores from each account's latest snapshot (the day of its last computation).
  const latest = await db.healthSnapshot.findFirst({
    orderBy: { day: "desc" },
    select: { day: true },
  });
  const snapshots = latest
    ? await db.healthSnapshot.findMany({
        where: { day: latest.day, account: where },
        select: { accountId: true, components: true },
      })
    : [];
  const components = new Map(
    snapshots.map((s) => [s.accountId, parseJsonArray<ComponentScore>(s.components)]),
  );
  const componentKeys = [
    ...new Set(snapshots.flatMap((s) => components.get(s.accountId)!.map((c) => c.key))),
  ];
  return {
    componentKeys,
    rows: matching.map((a) => ({
      ...a,
      components: Object.fromEntries((components.get(a.id) ?? []).map((c) => [c.key, c.score])),
    })),
  };
}
