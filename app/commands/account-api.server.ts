// The accounts API's writes (PUT /api/v1/accounts/:externalId and .../users/:email): one upsert
// in one transaction, through the same plan-and-write code as the CSV import, so that both
// paths validate alike and record the same history (source "api").
import type { AccountPatch, FieldError, UserPatch } from "~/models/account-import";
import { audit } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import {
  assignChecklistsToNewAccounts,
  planAccountUpserts,
  planUserUpserts,
  writeAccountPlans,
  writeUserPlans,
  type FieldChange,
} from "./upsert-accounts.server";

export type UpsertResult =
  | { outcome: "create" | "update" | "unchanged"; changes: FieldChange[] }
  | { outcome: "reject"; errors: FieldError[] };

export async function upsertAccountFromApi(
  apiKeyId: string,
  patch: AccountPatch,
): Promise<UpsertResult> {
  const result = await db.$transaction(async (tx): Promise<UpsertResult> => {
    const [plan] = await planAccountUpserts(tx, [patch]);
    if (!plan) throw new Error("no plan");
    if (plan.kind === "reject") return { outcome: "reject", errors: plan.errors };
    if (plan.kind === "unchanged") return { outcome: "unchanged", changes: [] };
    await writeAccountPlans(tx, [plan], "api");
    await audit(
      {
        actorId: null,
        action: plan.kind === "create" ? "account.created_by_api" : "account.updated_by_api",
        targetType: "Account",
        targetId: patch.externalId,
        data: { apiKeyId, changes: plan.changes },
      },
      tx,
    );
    return { outcome: plan.kind, changes: plan.changes };
  });
  if (result.outcome === "create") await assignChecklistsToNewAccounts(1);
  return result;
}

export async function upsertMemberFromApi(patch: UserPatch): Promise<UpsertResult> {
  return db.$transaction(async (tx): Promise<UpsertResult> => {
    const [plan] = await planUserUpserts(tx, [patch]);
    if (!plan) throw new Error("no plan");
    if (plan.kind === "reject") return { outcome: "reject", errors: plan.errors };
    if (plan.kind === "unchanged") return { outcome: "unchanged", changes: [] };
    await writeUserPlans(tx, [plan]);
    return { outcome: plan.kind, changes: plan.changes };
  });
}
