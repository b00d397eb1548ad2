// How long the portal keeps what (docs/decisions/0015-account-data.md), as CS sets it in
// /admin/settings. Stored as JSON in Setting and validated on every read like the thresholds.
import { z } from "zod";
import { db, type Db } from "~/utils/db.server";

export const DATA_LIFECYCLE_KEY = "dataLifecycle";

export const LIFECYCLE_LIMITS = {
  eventRetentionDays: { min: 30, max: 3650 },
  churnedGraceDays: { min: 0, max: 3650 },
} as const;

export type DataLifecycle = { eventRetentionDays: number; churnedGraceDays: number };

/** A year and a bit: a year-over-year comparison still has raw events to drill into. */
export const DEFAULT_DATA_LIFECYCLE: DataLifecycle = {
  eventRetentionDays: 400,
  churnedGraceDays: 90,
};

export const dataLifecycleSchema = z.object({
  eventRetentionDays: z
    .number()
    .int()
    .min(LIFECYCLE_LIMITS.eventRetentionDays.min)
    .max(LIFECYCLE_LIMITS.eventRetentionDays.max),
  churnedGraceDays: z
    .number()
    .int()
    .min(LIFECYCLE_LIMITS.churnedGraceDays.min)
    .max(LIFECYCLE_LIMITS.churnedGraceDays.max),
});

type SettingClient = Pick<Db, "setting">;

export async function getDataLifecycle(client: SettingClient = db): Promise<DataLifecycle> {
  const row = await client.setting.findUnique({ where: { key: DATA_LIFECYCLE_KEY } });
  if (!row) return DEFAULT_DATA_LIFECYCLE;
  try {
    const parsed = dataLifecycleSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_DATA_LIFECYCLE;
  } catch {
    return DEFAULT_DATA_LIFECYCLE;
  }
}

export async function saveDataLifecycle(client: SettingClient, value: DataLifecycle) {
  const json = JSON.stringify(dataLifecycleSchema.parse(value));
  await client.setting.upsert({
    where: { key: DATA_LIFECYCLE_KEY },
    create: { key: DATA_LIFECYCLE_KEY, value: json },
    update: { value: json },
  });
}
