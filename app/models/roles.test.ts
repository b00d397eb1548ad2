import { describe, expect, it } from "vitest";
import { canManageAccount, canViewAccount, isRole, isStaff } from "./roles";

const member = { id: "u1", role: "member", accountId: "A" };
const accountAdmin = { id: "u2", role: "account_admin", accountId: "A" };
const cs = { id: "u3", role: "cs", accountId: null };
const admin = { id: "u4", role: "admin", accountId: null };

describe("roles", () => {
  it("knows staff from customers", () => {
    expect([member, accountAdmin, cs, admin].map(isStaff)).toEqual([false, false, true, true]);
    expect(isRole("account_admin")).toBe(true);
    expect(isRole("root")).toBe(false);
  });

  it("lets customers see only their own account, staff every account", () => {
    expect(canViewAccount(member, "A")).toBe(true);
    expect(canViewAccount(member, "B")).toBe(false);
    expect(canViewAccount(cs, "B")).toBe(true);
    expect(canViewAccount(admin, "A")).toBe(true);
    // A customer without an account sees none.
    expect(canViewAccount({ id: "x", role: "member", accountId: null }, "A")).toBe(false);
  });

  it("lets only account admins of that account (and staff) manage it", () => {
    expect(canManageAccount(accountAdmin, "A")).toBe(true);
    expect(canManageAccount(accountAdmin, "B")).toBe(false);
    expect(canManageAccount(member, "A")).toBe(false);
    expect(canManageAccount(cs, "A")).toBe(true);
  });
});
