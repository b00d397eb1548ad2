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
import { bandsSchema, componentConfigSchema } from "~/health/validate";
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
