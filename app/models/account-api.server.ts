// GET /api/v1/accounts: accounts as a CRM or a nightly job reads them, filtered and paged by a
// keyset cursor on the external id (stable under concurrent inserts, unlike offsets).
import { db, type Prisma } from "~/utils/db.server";
import type { Segment } from "./segment";

export const ACCOUNTS_API_PAGE = { defaultLimit: 100, maxLimit: 500 } as const;
export const HEALTH_BANDS = ["red", "yellow", "green"] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

export function encodeCursor(externalId: string) {
  return Buffer.from(externalId, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  return text && encodeCursor(text) === cursor ? text : null;
}

export async function listAccountsForApi(input: {
  band?: HealthBand | null;
  segment?: Segment | null;
  renewalBefore?: Date | null;
  after?: string | null;
  limit: number;
}) {
  const where: Prisma.AccountWhereInput = {
    ...(input.segment ? { segment: input.segment } : {}),
    ...(input.renewalBefore ? { renewalDate: { lt: input.renewalBefore } } : {}),
    ...(input.after ? { externalId: { gt: input.after } } : {}),
    ...(input.band ? { healthBand: input.band } : {}),
  };
  const rows = await db.account.findMany({
    where,
    orderBy: { externalId: "asc" },
    take: input.limit + 1,
    select: {
      externalId: true,
      name: true,
      plan: true,
      arr: true,
      seats: true,
      segment: true,
      status: true,
      renewalDate: true,
      churnedAt: true,
      churnReason: true,
      updatedAt: true,
      owner: { select: { email: true } },
      healthScore: true,
      healthBand: true,
    },
  });
  const page = rows.slice(0, input.limit);
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return {
    accounts: page.map(({ owner, renewalDate, churnedAt, updatedAt, ...rest }) => ({
      ...rest,
      renewalDate: day(renewalDate),
      churnedAt: day(churnedAt),
      ownerEmail: owner?.email ?? null,
      updatedAt: updatedAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!.externalId) : null,
  };
}
