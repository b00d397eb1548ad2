// Roles and the account-scoping rules in one place. Pure, so the rules are unit-tested
// without a request; app/utils/auth.server.ts applies them to requests.

export const ROLES = ["member", "account_admin", "cs", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ["cs", "admin"];
export const CUSTOMER_ROLES: readonly Role[] = ["member", "account_admin"];
/** Roles an account admin may give to the colleagues they invite. */
export const INVITABLE_ROLES = ["member", "account_admin"] as const;

export type Actor = { id: string; role: string; accountId: string | null };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isStaff(actor: Pick<Actor, "role">): boolean {
  return (STAFF_ROLES as readonly string[]).includes(actor.role);
}

/** Staff see every account; customers only their own. */
export function canViewAccount(actor: Actor, accountId: string): boolean {
  return isStaff(actor) || (actor.accountId !== null && actor.accountId === accountId);
}

/** Inviting colleagues and seeing the whole team is for the account's admins (and staff). */
export function canManageAccount(actor: Actor, accountId: string): boolean {
  if (isStaff(actor)) return true;
  return actor.role === "account_admin" && actor.accountId === accountId;
}
