// Accounts as CS staff see them: every account, no customer scoping. Callers check requireStaff.
import { assignOnStart } from "~/commands/onboarding-assign.server";
import { db, type Prisma } from "~/utils/db.server";
import { recordAccountChanges } from "./account-history.server";
import { CUSTOMER_ROLES } from "./roles";
import { deriveSegment, SEGMENTS, type Segment } from "./segment";
import { getSegmentThresholds } from "./setting.server";

/** Rows per page of the staff account list. */
export const PAGE_SIZE = 25;
/** "Renewing soon" on the overview: renewal dates from now to this many days ahead. */
export const RENEWAL_WINDOW_DAYS = 90;
/** The overview lists this many of the nearest renewals and counts the rest. */
export const RENEWALS_SHOWN = 20;
/** Events shown on a staff account page. */
export const RECENT_EVENTS_SHOWN = 20;
/** Longer search text is cut, not refused: it comes from a GET form and a shared link. */
export const SEARCH_MAX_LENGTH = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How search text and account names are compared: NFKC folds full-width and half-width forms
 * (ＡＣＭＥ, ｱｸﾒ) together and lower-casing ignores case, the same way on both databases.
 */
export function searchKey(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export function isSegment(value: unknown): value is Segment {
  return typeof value === "string" && (SEGMENTS as readonly string[]).includes(value);
}

const listSelect = {
  id: true,
  name: true,
  externalId: true,
  plan: true,
  arr: true,
  seats: true,
  segment: true,
  lifecycleStage: true,
  status: true,
  renewalDate: true,
  owner: { select: { name: true } },
} satisfies Prisma.AccountSelect;

// The id breaks ties so that pages never repeat or skip an account with a shared name.
const listOrder: Prisma.AccountOrderByWithRelationInput[] = [{ name: "asc" }, { id: "asc" }];

function clampPage(requested: number | undefined, total: number) {
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const wanted = Number.isInteger(requested) ? (requested as number) : 1;
  return { page: Math.min(Math.max(1, wanted), pageCount), pageCount };
}

export async function listAccounts(input: {
  q?: string | null;
  segment?: Segment | null;
  page?: number;
}) {
  const q = (input.q ?? "").trim().slice(0, SEARCH_MAX_LENGTH);
  const segment = input.segment ?? null;
  const where: Prisma.AccountWhereInput = segment ? { segment } : {};

  if (!q) {
    const total = await db.account.count({ where });
    const { page, pageCount } = clampPage(input.page, total);
    const accounts = await db.account.findMany({
      where,
      select: listSelect,
      orderBy: listOrder,
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    });
    return { accounts, total, page, pageCount, q, segment };
  }

  // Text search matches in code rather than with SQL LIKE: Prisma's `contains` neither escapes
  // % and _ nor ignores case the same way on SQLite and PostgreSQL, and cannot fold width.
  // Two short columns of every account stay cheap at the 10,000 accounts the design plans for.
  const key = searchKey(q);
  const candidates = await db.account.findMany({
    where,
    select: { id: true, name: true, externalId: true },
    orderBy: listOrder,
  });
  const matches = candidates.filter(
    (a) => searchKey(a.name).includes(key) || searchKey(a.externalId).includes(key),
  );
  const { page, pageCount } = clampPage(input.page, matches.length);
  const pageIds = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((a) => a.id);
  const accounts = await db.account.findMany({
    where: { id: { in: pageIds } },
    select: listSelect,
    orderBy: listOrder,
  });
  return { accounts, total: matches.length, page, pageCount, q, segment };
}

/** The book of business at a glance: active accounts only, so churned ARR is not counted. */
export async function getAccountOverview(now = new Date()) {
  const active = { status: "active" };
  const renewing: Prisma.AccountWhereInput = {
    ...active,
    renewalDate: { gte: now, lte: new Date(now.getTime() + RENEWAL_WINDOW_DAYS * DAY_MS) },
  };
  const [segmentRows, customerUsers, churnedAccounts, arrRows, renewals, renewalCount] =
    await Promise.all([
      db.account.groupBy({ by: ["segment"], where: active, _count: { _all: true } }),
      db.user.count({ where: { role: { in: [...CUSTOMER_ROLES] } } }),
      db.account.count({ where: { status: "churned" } }),
      // Summed here: SUM over a 32-bit column can exceed what Prisma's Int result holds.
      db.account.findMany({ where: active, select: { arr: true } }),
      db.account.findMany({
        where: renewing,
        select: {
          id: true,
          name: true,
          arr: true,
          segment: true,
          renewalDate: true,
          owner: { select: { name: true } },
        },
        orderBy: [{ renewalDate: "asc" }, { name: "asc" }],
        take: RENEWALS_SHOWN,
      }),
      db.account.count({ where: renewing }),
    ]);
  const bySegment = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>;
  for (const row of segmentRows) {
    if (isSegment(row.segment)) bySegment[row.segment] = row._count._all;
  }
  return {
    activeAccounts: SEGMENTS.reduce((sum, s) => sum + bySegment[s], 0),
    churnedAccounts,
    bySegment,
    customerUsers,
    arrTotal: arrRows.reduce((sum, row) => sum + row.arr, 0),
    renewals,
    renewalCount,
    renewalWindowDays: RENEWAL_WINDOW_DAYS,
  };
}

export async function getAccountForStaff(id: string) {
  return db.account.findUnique({
    where: { id },
    select: {
      id: true,
      externalId: true,
      name: true,
      plan: true,
      arr: true,
      seats: true,
      segment: true,
      lifecycleStage: true,
      renewalDate: true,
      status: true,
      churnedAt: true,
      churnReason: true,
      createdAt: true,
      owner: { select: { name: true, email: true } },
      members: {
        select: { id: true, name: true, email: true, role: true, lastSeenAt: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      },
      events: {
        select: {
          id: true,
          type: true,
          source: true,
          occurredAt: true,
          user: { select: { name: true } },
        },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        take: RECENT_EVENTS_SHOWN,
      },
    },
  });
}

/** Creates an account in the segment its ARR earns under the thresholds CS has set. */
export async function createAccount(input: {
  externalId: string;
  name: string;
  plan: string;
  arr: number;
  seats?: number;
  lifecycleStage?: string;
  renewalDate?: Date | null;
  ownerId?: string | null;
}) {
  const account = await db.$transaction(async (tx) => {
    const thresholds = await getSegmentThresholds(tx);
    const created = await tx.account.create({
      data: { ...input, segment: deriveSegment(input.arr, thresholds) },
      select: { id: true, segment: true, arr: true, plan: true, status: true, seats: true },
    });
    await recordAccountChanges(tx, {
      accountId: created.id,
      before: null,
      after: created,
      source: "admin",
    });
    return { id: created.id, segment: created.segment };
  });
  // The account starts: the checklists published for its plan or segment are its own now.
  await assignOnStart(account.id);
  return account;
}

/** Changes an account's ARR and moves it to the segment the new ARR earns. */
export async function updateAccountArr(id: string, arr: number) {
  return db.$transaction(async (tx) => {
    const thresholds = await getSegmentThresholds(tx);
    const facts = { arr: true, plan: true, status: true, seats: true } as const;
    const before = await tx.account.findUniqueOrThrow({ where: { id }, select: facts });
    const updated = await tx.account.update({
      where: { id },
      data: { arr, segment: deriveSegment(arr, thresholds) },
      select: { id: true, segment: true, ...facts },
    });
    await recordAccountChanges(tx, { accountId: id, before, after: updated, source: "admin" });
    return { id: updated.id, arr: updated.arr, segment: updated.segment };
  });
}
