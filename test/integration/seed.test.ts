// The demo data generator (scripts/seed/demo-data.ts) on a fresh database: the promised mix of
// accounts and people, working demo logins, and a second run that changes nothing.
// (Other tests never rely on this data; they use test/factories.)
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/utils/db.server";
import { verifyPassword } from "../../app/utils/password.server";
import { DEFAULT_SEGMENT_THRESHOLDS, deriveSegment, SEGMENTS } from "../../app/models/segment";
import {
  DEMO_LOGINS,
  DEMO_PASSWORD,
  seedDemo,
  type SeedSummary,
} from "../../scripts/seed/demo-data";
import { seedOnboardingData, type OnboardingSeedSummary } from "../../scripts/seed/onboarding-data";

// Seeding writes some 30,000 events; PostgreSQL on a busy 2-core machine needs the headroom.
const SEED_TIMEOUT_MS = 120_000;
const NOW = new Date("2026-06-15T03:00:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;

let first: SeedSummary;
let second: SeedSummary;
let onboarding: OnboardingSeedSummary[];

beforeAll(async () => {
  first = await seedDemo({ now: NOW });
  second = await seedDemo({ now: NOW });
  onboarding = [await seedOnboardingData({ now: NOW }), await seedOnboardingData({ now: NOW })];
}, SEED_TIMEOUT_MS);

describe("demo onboarding", () => {
  it("assigns checklists with progress from the demo events, some accounts stuck, once", async () => {
    const [made, again] = onboarding;
    expect(made).toMatchObject({ created: true, templates: 3 });
    expect(made!.assignments).toBeGreaterThan(5);
    expect(again!.created).toBe(false);
    expect(await db.checklistTemplate.count()).toBe(3);
    const assignments = await db.checklistAssignment.findMany({
      select: { _count: { select: { completions: true } }, completedAt: true },
    });
    expect(assignments.length).toBe(made!.assignments);
    expect(assignments.some((a) => a._count.completions > 0)).toBe(true);
    const alerts = await db.alert.count({ where: { kind: "onboarding_stuck" } });
    expect(alerts).toBeGreaterThan(0);
    expect(alerts).toBeLessThan(assignments.length);
    // The demo member's account has a checklist to show.
    const member = await db.user.findUniqueOrThrow({
      where: { email: "member@demo.example" },
      select: { accountId: true },
    });
    expect(await db.checklistAssignment.count({ where: { accountId: member.accountId! } })).toBe(2);
  });
});

describe("demo data", () => {
  it("creates about 40 accounts across the three segments, each segment derived from ARR", async () => {
    const accounts = await db.account.findMany({
      select: { externalId: true, arr: true, segment: true, plan: true, ownerId: true },
    });
    expect(accounts.length).toBeGreaterThanOrEqual(35);
    expect(accounts.length).toBeLessThanOrEqual(45);
    for (const a of accounts) {
      expect(a.segment, a.externalId).toBe(deriveSegment(a.arr, DEFAULT_SEGMENT_THRESHOLDS));
      expect(a.externalId).toMatch(/^crm-\d{4}$/);
    }
    const bySegment = Object.fromEntries(
      SEGMENTS.map((s) => [s, accounts.filter((a) => a.segment === s)]),
    );
    expect(bySegment.high_touch!.length).toBeGreaterThanOrEqual(3);
    expect(bySegment.low_touch!.length).toBeGreaterThanOrEqual(8);
    expect(bySegment.tech_touch!.length).toBeGreaterThanOrEqual(15);
    // A named CSM for the larger contracts, none for tech-touch.
    for (const a of [...bySegment.high_touch!, ...bySegment.low_touch!]) {
      expect(a.ownerId, a.externalId).not.toBeNull();
    }
    for (const a of bySegment.tech_touch!) expect(a.ownerId, a.externalId).toBeNull();
  });

  it("marks recently lapsed accounts as churned with a reason", async () => {
    const churned = await db.account.findMany({
      where: { status: "churned" },
      select: { churnedAt: true, churnReason: true, renewalDate: true },
    });
    expect(churned.length).toBeGreaterThan(0);
    for (const a of churned) {
      expect(a.churnReason).toBeTruthy();
      expect(a.churnedAt!.getTime()).toBeLessThan(NOW.getTime());
      expect(a.churnedAt!.getTime()).toBeGreaterThan(NOW.getTime() - 30 * DAY_MS);
    }
    const active = await db.account.findMany({
      where: { status: "active" },
      select: { renewalDate: true },
    });
    for (const a of active) {
      expect(a.renewalDate!.getTime()).toBeGreaterThan(NOW.getTime());
      expect(a.renewalDate!.getTime()).toBeLessThanOrEqual(NOW.getTime() + 366 * DAY_MS);
    }
  });

  it("creates about 200 customer users in accounts, staff without one, an admin per account", async () => {
    const customers = await db.user.findMany({
      where: { role: { in: ["member", "account_admin"] } },
      select: { email: true, accountId: true, role: true },
    });
    expect(customers.length).toBeGreaterThanOrEqual(180);
    expect(customers.length).toBeLessThanOrEqual(240);
    for (const u of customers) {
      expect(u.accountId, u.email).not.toBeNull();
      expect(u.email).toMatch(/\.example$/);
    }

    const staff = await db.user.findMany({
      where: { role: { in: ["cs", "admin"] } },
      select: { role: true, accountId: true },
    });
    expect(staff.filter((s) => s.role === "cs")).toHaveLength(4);
    expect(staff.filter((s) => s.role === "admin")).toHaveLength(1);
    for (const s of staff) expect(s.accountId).toBeNull();

    const withoutAdmin = await db.account.count({
      where: { members: { none: { role: "account_admin" } } },
    });
    expect(withoutAdmin).toBe(0);
  });

  it("gives every customer user a product id for the events API, and staff none", async () => {
    const customers = await db.user.findMany({
      where: { accountId: { not: null } },
      select: { externalId: true },
    });
    const ids = customers.map((u) => u.externalId);
    for (const id of ids) expect(id).toMatch(/^usr-\d{4}-\d{3}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await db.user.count({ where: { accountId: null, externalId: { not: null } } })).toBe(0);
  });

  it("creates the demo logins with their roles and a working password", async () => {
    for (const login of DEMO_LOGINS) {
      const user = await db.user.findUnique({
        where: { email: login.email },
        select: {
          role: true,
          locale: true,
          account: { select: { segment: true } },
          password: { select: { hash: true } },
        },
      });
      expect(user, login.email).not.toBeNull();
      expect(user!.role).toBe(login.role);
      expect(await verifyPassword(DEMO_PASSWORD, user!.password!.hash)).toBe(true);
    }
    const member = await db.user.findUniqueOrThrow({
      where: { email: "member@demo.example" },
      select: { locale: true, account: { select: { segment: true } } },
    });
    expect(member).toEqual({ locale: "ja", account: { segment: "tech_touch" } });
    const customerAdmin = await db.user.findUniqueOrThrow({
      where: { email: "admin@customer.demo.example" },
      select: { locale: true, account: { select: { segment: true } } },
    });
    expect(customerAdmin).toEqual({ locale: "en", account: { segment: "low_touch" } });
  });

  it("records a 90-day history of events, only from customers and never in the future", async () => {
    expect(first.events).toBeGreaterThanOrEqual(10_000);
    expect(first.events).toBeLessThanOrEqual(50_000);
    const range = await db.event.aggregate({
      _min: { occurredAt: true },
      _max: { occurredAt: true },
    });
    expect(range._max.occurredAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(range._min.occurredAt!.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 91 * DAY_MS);
    const signIns = await db.event.count({ where: { type: "portal.signed_in" } });
    expect(signIns).toBeGreaterThan(0);
    const staffEvents = await db.event.count({ where: { user: { accountId: null } } });
    expect(staffEvents).toBe(0);
  });

  it("creates nothing on a second run and keeps the existing data", () => {
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.demoLoginsRepaired).toEqual([]);
    const counts = (s: SeedSummary) => [s.accounts, s.customerUsers, s.staffUsers, s.events];
    expect(counts(second)).toEqual(counts(first));
  });

  it(
    "puts back a demo login's password when it was changed",
    async () => {
      const user = await db.user.findUniqueOrThrow({ where: { email: "cs@acme.example" } });
      await db.password.update({ where: { userId: user.id }, data: { hash: "scrypt$invalid" } });
      const third = await seedDemo({ now: NOW });
      expect(third.created).toBe(false);
      expect(third.demoLoginsRepaired).toEqual(["cs@acme.example"]);
      expect(third.accounts).toBe(first.accounts);
      const row = await db.password.findUniqueOrThrow({ where: { userId: user.id } });
      expect(await verifyPassword(DEMO_PASSWORD, row.hash)).toBe(true);
    },
    SEED_TIMEOUT_MS,
  );
});
