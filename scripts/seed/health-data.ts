// Demo health history: rolls the demo events up and computes a snapshot for each of the last
// BACKFILL_DAYS days "as of" that day (from EventDaily), so trends, history charts and the model
// validation show real figures. Runs once: a database with snapshots is left alone.
import { recomputeHealth } from "../../app/commands/recompute-health.server";
import { rollupEvents } from "../../app/commands/rollup-events.server";
import { addDays, utcDay } from "../../app/health/model";
import { db } from "../../app/utils/db.server";

export const BACKFILL_DAYS = 90;
/** Alerts are raised for the last days only, as the scheduler would have raised them then. */
export const BACKFILL_ALERT_DAYS = 7;

export async function seedHealthHistory(options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  if (await db.healthSnapshot.findFirst({ select: { id: true } })) {
    return { created: false, days: 0, snapshots: 0, alerts: 0 };
  }
  await rollupEvents({ now });
  let alerts = 0;
  const today = utcDay(now);
  for (let back = BACKFILL_DAYS - 1; back >= 0; back--) {
    // The last moment of that day (today: now), so the day's own events count.
    const asOf = back === 0 ? now : new Date(addDays(today, -back + 1).getTime() - 1);
    const result = await recomputeHealth({
      now: asOf,
      scope: "all",
      rollup: false,
      force: true,
      alerts: back < BACKFILL_ALERT_DAYS,
    });
    alerts += result.alerts;
  }
  return { created: true, days: BACKFILL_DAYS, snapshots: await db.healthSnapshot.count(), alerts };
}
