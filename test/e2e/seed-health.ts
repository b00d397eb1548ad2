// Health for the e2e accounts: a few product events each and one computation, so /admin/health
// has scores to preview and the accounts carry a band. Account a is busy, b quiet, c in between.
import { recomputeHealth } from "../../app/commands/recompute-health.server";
import { db } from "../../app/utils/db.server";
import { createEvents } from "../factories";
import type { AccountKey } from "./fixtures";

const PRODUCT_EVENTS: Record<AccountKey, number> = { a: 120, b: 2, c: 40 };

export async function seedHealthE2e(accounts: Record<AccountKey, string>) {
  for (const [key, accountId] of Object.entries(accounts) as [AccountKey, string][]) {
    const members = await db.user.findMany({ where: { accountId }, select: { id: true } });
    await createEvents(accountId, [
      { type: "report.created", count: PRODUCT_EVENTS[key] },
      ...members.map((m) => ({ type: "portal.signed_in", userId: m.id })),
    ]);
  }
  // A minute ahead so that PostgreSQL's rollup lag does not leave the events out.
  await recomputeHealth({ now: new Date(Date.now() + 60_000), scope: "all", alerts: false });
}
