// Upserts of accounts and their members by the CRM's ids, shared by the CSV import and the
// accounts API: plan (what would be created, updated with which fields, left unchanged or
// rejected and why), then write a planned batch in the caller's transaction with the history
// rows of every ARR, plan, status or seats change.
import { assignPublishedTemplate } from "~/commands/onboarding-assign.server";
import { diffFacts, type ChangeSource } from "~/models/account-history.server";
import { insertAccountChanges, insertAccounts, updateAccounts } from "~/models/account-bulk.server";
import type { AccountPatch, FieldError, UserPatch } from "~/models/account-import";
import { deriveSegment, type SegmentThresholds } from "~/models/segment";
import { getSegmentThresholds } from "~/models/setting.server";
import { db, type Db } from "~/utils/db.server";

/** Rows per `IN (...)` lookup: far below SQLite's and PostgreSQL's parameter limits. */
const LOOKUP_CHUNK = 5_000;

type Client = Pick<Db, "account" | "user" | "accountChange" | "setting" | "$executeRaw">;

const accountSelect = {
  id: true,
  externalId: true,
  name: true,
  plan: true,
  arr: true,
  seats: true,
  segment: true,
  renewalDate: true,
  ownerId: true,
  status: true,
  churnedAt: true,
  churnReason: true,
} as const;

type AccountRow = {
  id: string;
  externalId: string;
  name: string;
  plan: string;
  arr: number;
  seats: number;
  segment: string;
  renewalDate: Date | null;
  ownerId: string | null;
  status: string;
  churnedAt: Date | null;
  churnReason: string | null;
};

type AccountState = Omit<AccountRow, "id" | "externalId">;

export type FieldChange = { field: string; from: string | null; to: string | null };

export type AccountPlan =
  | { kind: "create"; externalId: string; next: AccountState; changes: FieldChange[] }
  | {
      kind: "update";
      externalId: string;
      id: string;
      before: AccountRow;
      next: AccountState;
      changes: FieldChange[];
    }
  | { kind: "unchanged"; externalId: string; id: string }
  | { kind: "reject"; externalId: string; errors: FieldError[] };

async function chunked<T, R>(items: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += LOOKUP_CHUNK) {
    out.push(...(await run(items.slice(i, i + LOOKUP_CHUNK))));
  }
  return out;
}

const show = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : String(value);

const COMPARED: Array<keyof AccountState> = [
  "name",
  "plan",
  "arr",
  "seats",
  "renewalDate",
  "ownerId",
  "status",
  "churnedAt",
  "churnReason",
];

function sameValue(a: unknown, b: unknown) {
  if (a instanceof Date || b instanceof Date) {
    return (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.();
  }
  return a === b;
}

/** Staff e-mail -> user id, for account owners. */
async function staffByEmail(client: Client, emails: string[]) {
  const unique = [...new Set(emails)];
  const rows = await chunked(unique, (chunk) =>
    client.user.findMany({
      where: { email: { in: chunk }, role: { in: ["cs", "admin"] }, deletedAt: null },
      select: { id: true, email: true },
    }),
  );
  return new Map(rows.map((r) => [r.email, r.id]));
}

/**
 * What each patch would do now. Patches must have distinct external ids (the import rejects
 * duplicates before). `now` dates a churn that came without a churn date.
 */
export async function planAccountUpserts(
  client: Client,
  patches: AccountPatch[],
  options: { now?: Date; thresholds?: SegmentThresholds } = {},
): Promise<AccountPlan[]> {
  const now = options.now ?? new Date();
  const thresholds = options.thresholds ?? (await getSegmentThresholds(client));
  const existing = await chunked(
    patches.map((p) => p.externalId),
    (chunk) =>
      client.account.findMany({ where: { externalId: { in: chunk } }, select: accountSelect }),
  );
  const byExternalId = new Map(existing.map((a) => [a.externalId, a as AccountRow]));
  const owners = await staffByEmail(
    client,
    patches.flatMap((p) => (p.ownerEmail ? [p.ownerEmail] : [])),
  );
  const ownerEmailById = new Map([...owners].map(([email, id]) => [id, email]));

  return patches.map((patch): AccountPlan => {
    const before = byExternalId.get(patch.externalId);
    const errors: FieldError[] = [];
    let ownerId: string | null | undefined = undefined;
    if (patch.ownerEmail !== undefined) {
      if (patch.ownerEmail === null) ownerId = null;
      else {
        ownerId = owners.get(patch.ownerEmail);
        if (!ownerId) {
          errors.push({
            field: "ownerEmail",
            code: "ownerUnknown",
            params: { value: patch.ownerEmail },
          });
        }
      }
    }
    if (!before && !patch.name) errors.push({ field: "name", code: "nameRequiredForNew" });
    if (!before && !patch.plan) errors.push({ field: "plan", code: "planRequiredForNew" });
    if (errors.length) return { kind: "reject", externalId: patch.externalId, errors };

    const base: AccountState = before ?? {
      name: "",
      plan: "",
      arr: 0,
      seats: 1,
      segment: "",
      renewalDate: null,
      ownerId: null,
      status: "active",
      churnedAt: null,
      churnReason: null,
    };
    const next: AccountState = {
      name: patch.name ?? base.name,
      plan: patch.plan ?? base.plan,
      arr: patch.arr ?? base.arr,
      seats: patch.seats ?? base.seats,
      segment: "",
      renewalDate: patch.renewalDate !== undefined ? patch.renewalDate : base.renewalDate,
      ownerId: ownerId !== undefined ? ownerId : base.ownerId,
      status: patch.status ?? base.status,
      churnedAt: patch.churnedAt !== undefined ? patch.churnedAt : base.churnedAt,
      churnReason: patch.churnReason !== undefined ? patch.churnReason : base.churnReason,
    };
    next.segment = deriveSegment(next.arr, thresholds);
    if (next.status === "active") {
      // A reactivated account is not churned any more: its churn facts stay in the history.
      next.churnedAt = null;
      next.churnReason = null;
    } else if (!next.churnedAt) {
      next.churnedAt = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
      );
    }

    const changes: FieldChange[] = [];
    for (const field of COMPARED) {
      if (!sameValue(base[field], next[field]) || !before) {
        if (!before && (next[field] === null || next[field] === "")) continue;
        const display = (v: unknown) =>
          field === "ownerId" ? (v ? (ownerEmailById.get(v as string) ?? "…") : null) : show(v);
        changes.push({
          field: field === "ownerId" ? "ownerEmail" : field,
          from: before ? display(base[field]) : null,
          to: display(next[field]),
        });
      }
    }
    if (!before) return { kind: "create", externalId: patch.externalId, next, changes };
    if (changes.length === 0)
      return { kind: "unchanged", externalId: patch.externalId, id: before.id };
    return { kind: "update", externalId: patch.externalId, id: before.id, before, next, changes };
  });
}

/**
 * Writes planned creates and updates with their history; call inside a transaction with plans
 * made inside the same transaction. Returns the ids of created accounts.
 */
export async function writeAccountPlans(
  client: Client,
  plans: AccountPlan[],
  source: ChangeSource,
  now = new Date(),
): Promise<{ createdIds: string[] }> {
  const creates = plans.flatMap((p) => (p.kind === "create" ? [p] : []));
  const updates = plans.flatMap((p) => (p.kind === "update" ? [p] : []));
  const ids = await insertAccounts(
    client,
    creates.map((p) => ({ externalId: p.externalId, ...p.next })),
    now,
  );
  await updateAccounts(
    client,
    updates.map((p) => ({ id: p.id, externalId: p.externalId, ...p.next })),
    now,
  );
  await insertAccountChanges(client, [
    ...creates.flatMap((p) =>
      diffFacts(null, p.next).map((c) => ({
        ...c,
        accountId: ids.get(p.externalId)!,
        source,
        changedAt: now,
      })),
    ),
    ...updates.flatMap((p) =>
      diffFacts(p.before, p.next).map((c) => ({ ...c, accountId: p.id, source, changedAt: now })),
    ),
  ]);
  return { createdIds: [...ids.values()] };
}

/** New accounts get the published checklists of their plan or segment, as createAccount does. */
export async function assignChecklistsToNewAccounts(createdCount: number) {
  if (createdCount === 0) return;
  const templates = await db.checklistTemplate.findMany({
    where: { status: "published" },
    select: { id: true },
  });
  for (const t of templates) await assignPublishedTemplate(t.id);
}

// ---------------------------------------------------------------------------------------------
// Members

export type UserPlan =
  | {
      kind: "create";
      email: string;
      accountId: string;
      data: { name: string; role: string; locale: string | null };
      changes: FieldChange[];
    }
  | {
      kind: "update";
      email: string;
      id: string;
      data: { name: string; role: string; locale: string | null };
      changes: FieldChange[];
    }
  | { kind: "unchanged"; email: string; id: string }
  | { kind: "reject"; email: string; errors: FieldError[] };

export async function planUserUpserts(client: Client, patches: UserPatch[]): Promise<UserPlan[]> {
  const accounts = await chunked([...new Set(patches.map((p) => p.accountExternalId))], (chunk) =>
    client.account.findMany({
      where: { externalId: { in: chunk } },
      select: { id: true, externalId: true, erasedAt: true },
    }),
  );
  const accountByExternalId = new Map(accounts.map((a) => [a.externalId, a]));
  const users = await chunked(
    patches.map((p) => p.email),
    (chunk) =>
      client.user.findMany({
        where: { email: { in: chunk } },
        select: { id: true, email: true, name: true, role: true, locale: true, accountId: true },
      }),
  );
  const userByEmail = new Map(users.map((u) => [u.email, u]));
  return patches.map((patch): UserPlan => {
    const account = accountByExternalId.get(patch.accountExternalId);
    if (!account || account.erasedAt) {
      return {
        kind: "reject",
        email: patch.email,
        errors: [
          {
            field: "accountExternalId",
            code: "accountUnknown",
            params: { value: patch.accountExternalId },
          },
        ],
      };
    }
    const user = userByEmail.get(patch.email);
    if (user && (user.role === "cs" || user.role === "admin")) {
      return {
        kind: "reject",
        email: patch.email,
        errors: [{ field: "email", code: "staffEmail", params: { value: patch.email } }],
      };
    }
    if (user && user.accountId !== account.id) {
      return {
        kind: "reject",
        email: patch.email,
        errors: [{ field: "email", code: "otherAccount", params: { value: patch.email } }],
      };
    }
    const base = user ?? { name: patch.email.split("@")[0]!, role: "member", locale: null };
    const data = {
      name: patch.name ?? base.name,
      role: patch.role ?? base.role,
      locale: patch.locale !== undefined ? patch.locale : base.locale,
    };
    const changes: FieldChange[] = (["name", "role", "locale"] as const)
      .filter((f) => !user || user[f] !== data[f])
      .filter((f) => user || data[f] !== null)
      .map((f) => ({ field: f, from: user ? user[f] : null, to: data[f] }));
    if (!user) return { kind: "create", email: patch.email, accountId: account.id, data, changes };
    if (!changes.length) return { kind: "unchanged", email: patch.email, id: user.id };
    return { kind: "update", email: patch.email, id: user.id, data, changes };
  });
}

/**
 * Imported members get no password and no e-mail: the CRM is a data source, not a sender of
 * invitations. They appear on the account's member list; an account admin or CS invites them.
 */
export async function writeUserPlans(client: Client, plans: UserPlan[]) {
  const creates = plans.filter((p) => p.kind === "create");
  if (creates.length) {
    await client.user.createMany({
      data: creates.map((p) => ({ email: p.email, accountId: p.accountId, ...p.data })),
    });
  }
  for (const p of plans) {
    if (p.kind === "update") {
      await client.user.update({ where: { id: p.id }, data: p.data, select: { id: true } });
    }
  }
}
