import { describe, expect, it } from "vitest";
import {
  deleteOwnAccount,
  eraseChurnedAccount,
  EraseRefusedError,
} from "../../app/commands/erase-personal-data.server";
import { engagementCounts, purgeExpiredEvents } from "../../app/commands/event-retention.server";
import { planAccountUpserts, writeAccountPlans } from "../../app/commands/upsert-accounts.server";
import { revenueRetention } from "../../app/models/account-history.server";
import { saveDataLifecycle } from "../../app/models/data-lifecycle.server";
import { exportUserData } from "../../app/models/personal-data.server";
import { getTopicPage } from "../../app/models/topic.server";
import { Prisma } from "../../app/generated/prisma/sqlite/client";
import { loader as exportLoader } from "../../app/routes/settings_.data_.export";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createEvent,
  createSessionCookie,
  createTopic,
  createUser,
  TEST_PASSWORD,
} from "../factories";
import { getRequest, runLoader } from "../helpers";

const DAY = 24 * 60 * 60 * 1000;
const uid = () => Math.random().toString(36).slice(2, 8);

/** Every row of every table, as text: what "no personal data left" is checked against. */
async function everyRow(): Promise<string> {
  const parts: string[] = [];
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany: () => Promise<unknown[]> }>)[
      model[0]!.toLowerCase() + model.slice(1)
    ]!;
    parts.push(JSON.stringify(await delegate.findMany()));
  }
  return parts.join("\n");
}

describe("revenue retention from the account history", () => {
  it("computes GRR, NRR, logo churn and LTV from ARR and status changes written by upserts", async () => {
    // Isolate this test's accounts from others in the file by checking only their figures.
    await db.accountChange.deleteMany();
    await db.account.deleteMany();
    const p = uid();
    const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const write = async (when: string, patches: Parameters<typeof planAccountUpserts>[1]) => {
      await db.$transaction(async (tx) => {
        const plans = await planAccountUpserts(tx, patches, { now: at(when) });
        await writeAccountPlans(tx, plans, "import", at(when));
      });
    };
    await write("2024-06-01", [
      { externalId: `${p}-a`, name: "A", plan: "team", arr: 1_000_000 },
      { externalId: `${p}-b`, name: "B", plan: "team", arr: 3_000_000 },
      { externalId: `${p}-c`, name: "C", plan: "starter", arr: 1_000_000 },
    ]);
    // During 2025: A expands, B contracts, C churns, D is new business.
    await write("2025-03-01", [{ externalId: `${p}-a`, arr: 1_600_000 }]);
    await write("2025-05-01", [{ externalId: `${p}-b`, arr: 2_500_000, plan: "starter" }]);
    await write("2025-09-15", [
      { externalId: `${p}-c`, status: "churned", churnedAt: at("2025-09-15") },
    ]);
    await write("2025-04-01", [
      { externalId: `${p}-d`, name: "D", plan: "business", arr: 9_000_000 },
    ]);
    // Accounts are created "now" by the database default; history carries the dates.
    const figures = await revenueRetention({ from: at("2025-01-01"), to: at("2026-01-01") });
    expect(figures).toMatchObject({
      accounts: 3,
      startingArr: 5_000_000,
      expansion: 600_000,
      contraction: 500_000,
      churned: 1_000_000,
      churnedAccounts: 1,
    });
    expect(figures.grr).toBeCloseTo((5_000_000 - 500_000 - 1_000_000) / 5_000_000, 12); // 0.7
    expect(figures.nrr).toBeCloseTo((5_000_000 + 600_000 - 500_000 - 1_000_000) / 5_000_000, 12); // 0.82
    expect(figures.logoChurnRate).toBeCloseTo(1 / 3, 12);
    // average ARR 1,666,667 / annual churn 1/3 = 5,000,000
    expect(figures.averageLtv).toBe(5_000_000);
  });
});

describe("event retention", () => {
  it("purges old raw events only after rolling them up, and the figures stay identical", async () => {
    const account = await createAccount();
    const user = await createUser({ accountId: account.id });
    const now = new Date();
    const old = (days: number) => new Date(now.getTime() - days * DAY);
    for (const [days, type] of [
      [500, "report.created"],
      [500, "report.created"],
      [450, "dashboard.viewed"],
      [420, "report.created"],
      [10, "report.created"],
    ] as const) {
      const e = await createEvent({
        accountId: account.id,
        userId: user.id,
        type,
        occurredAt: old(days),
      });
      await db.event.update({ where: { id: e.id }, data: { receivedAt: old(days) } });
    }
    const window = { accountId: account.id, from: old(600), to: now };
    const before = await engagementCounts(window);
    expect(before).toEqual({
      byType: { "report.created": 4, "dashboard.viewed": 1 },
      activeUsers: 1,
    });
    const recent = await engagementCounts({ ...window, from: old(30) });

    await saveDataLifecycle(db, { eventRetentionDays: 400, churnedGraceDays: 90 });
    const result = await purgeExpiredEvents({ now });
    expect(result.deleted).toBeGreaterThanOrEqual(4);
    expect(await db.event.count({ where: { accountId: account.id } })).toBe(1);
    expect(await engagementCounts(window)).toEqual(before);
    expect(await engagementCounts({ ...window, from: old(30) })).toEqual(recent);
    // A second run finds nothing more to count or delete for this account.
    await purgeExpiredEvents({ now });
    expect(await engagementCounts(window)).toEqual(before);
    expect(await db.auditLog.count({ where: { action: "events.purged" } })).toBeGreaterThanOrEqual(
      1,
    );
  });
});

describe("a customer deletes their own account", () => {
  it("leaves their posts readable as a former user and no personal data behind", async () => {
    const account = await createAccount();
    const colleague = await createUser({ accountId: account.id, role: "account_admin" });
    const name = `Erin Erasable ${uid()}`;
    const email = `erin-${uid()}@example.test`;
    const user = await createUser({
      accountId: account.id,
      name,
      email,
      externalId: `ext-${uid()}`,
    });
    await db.user.update({ where: { id: user.id }, data: { handle: `erin${uid()}` } });
    const topic = await createTopic({
      authorId: user.id,
      body: "My question body",
      replies: [{ authorId: colleague.id, body: "An answer" }],
    });
    await createSessionCookie(user.id);
    await createEvent({ accountId: account.id, userId: user.id, type: "report.created" });
    const eventsBefore = await engagementCounts({
      accountId: account.id,
      from: new Date(Date.now() - DAY),
      to: new Date(Date.now() + DAY),
    });

    await expect(
      deleteOwnAccount({ userId: user.id, password: "wrong password!" }),
    ).rejects.toMatchObject({ code: "wrongPassword" });
    await deleteOwnAccount({ userId: user.id, password: TEST_PASSWORD });

    const dump = await everyRow();
    expect(dump).not.toContain(email);
    expect(dump).not.toContain(name);
    const row = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { password: true, sessions: true },
    });
    expect(row).toMatchObject({
      name: "",
      handle: null,
      externalId: null,
      accountId: null,
      password: null,
      sessions: [],
    });
    expect(row.email).toBe(`${user.id}@deleted.invalid`);
    expect(row.deletedAt).not.toBeNull();

    const page = await getTopicPage(
      {
        id: colleague.id,
        role: "account_admin",
        accountId: account.id,
        account: { plan: "team" },
        suspendedUntil: null,
      },
      topic.id,
      { page: 1, locale: "en" },
    );
    const first = page!.posts.find((p: { number: number }) => p.number === 1)!;
    expect(first.html).toContain("My question body");
    expect(first.author).toEqual({ name: null, handle: null, badge: null, accountName: null });

    // Their activity still counts for the account, without them.
    expect(await db.event.count({ where: { accountId: account.id, userId: null } })).toBe(1);
    const eventsAfter = await engagementCounts({
      accountId: account.id,
      from: new Date(Date.now() - DAY),
      to: new Date(Date.now() + DAY),
    });
    expect(eventsAfter.byType).toEqual(eventsBefore.byType);
    expect(
      await db.auditLog.count({ where: { action: "user.self_deleted", targetId: user.id } }),
    ).toBe(1);
  });

  it("refuses the only admin of an account with other members, and raises an alert when the last member leaves", async () => {
    const account = await createAccount();
    const admin = await createUser({ accountId: account.id, role: "account_admin" });
    const member = await createUser({ accountId: account.id, role: "member" });
    const refused = deleteOwnAccount({ userId: admin.id, password: TEST_PASSWORD });
    await expect(refused).rejects.toBeInstanceOf(EraseRefusedError);
    await expect(refused).rejects.toMatchObject({ status: 409, code: "lastAdmin" });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).deletedAt).toBeNull();
    await deleteOwnAccount({ userId: member.id, password: TEST_PASSWORD });
    const result = await deleteOwnAccount({ userId: admin.id, password: TEST_PASSWORD });
    expect(result.lastMember).toBe(true);
    expect(
      await db.alert.count({ where: { accountId: account.id, kind: "account_no_members" } }),
    ).toBe(1);
    const staff = await createUser({ role: "cs" });
    await expect(
      deleteOwnAccount({ userId: staff.id, password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: "staffNotAllowed" });
  });
});

describe("download my data", () => {
  it("returns the person's own profile, posts, events and sessions as a JSON attachment", async () => {
    const user = await createUser({ name: "Dana Download" });
    const other = await createUser({ name: "Someone Else" });
    await createTopic({
      authorId: user.id,
      body: "Dana's post",
      replies: [{ authorId: other.id, body: "Other's reply" }],
    });
    await createEvent({ accountId: user.accountId!, userId: user.id, type: "report.created" });
    const { cookie } = await createSessionCookie(user.id);
    const res = await runLoader(
      exportLoader,
      getRequest("/settings/data/export", { Cookie: cookie }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="my-data-/);
    const json = await res.json();
    expect(json.profile).toMatchObject({ name: "Dana Download", email: user.email });
    expect(json.posts.map((p: { body: string }) => p.body)).toEqual(["Dana's post"]);
    expect(json.events).toHaveLength(1);
    expect(json.sessions).toHaveLength(1);
    expect(JSON.stringify(json)).not.toContain("Someone Else");
    expect(JSON.stringify(json)).not.toContain("tokenHash");
    const direct = await exportUserData(user.id);
    expect(direct.profile.id).toBe(user.id);
  });
});

describe("CS erases a churned account", () => {
  it("waits for the grace period and the typed id, then erases members and raw events but keeps counts and history", async () => {
    const cs = await createUser({ role: "cs" });
    const actor = { id: cs.id, role: "cs", accountId: null };
    await saveDataLifecycle(db, { eventRetentionDays: 400, churnedGraceDays: 90 });
    const account = await createAccount({
      status: "churned",
      churnedAt: new Date(Date.now() - 30 * DAY),
    });
    const email = `gone-${uid()}@example.test`;
    const member = await createUser({ accountId: account.id, email, name: `Gone Person ${uid()}` });
    await createEvent({
      accountId: account.id,
      userId: member.id,
      type: "report.created",
      occurredAt: new Date(Date.now() - 40 * DAY),
    });
    const window = {
      accountId: account.id,
      from: new Date(Date.now() - 100 * DAY),
      to: new Date(),
    };
    const before = await engagementCounts(window);

    await expect(
      eraseChurnedAccount({ actor, accountId: account.id, confirmExternalId: account.externalId }),
    ).rejects.toMatchObject({ status: 409, code: "notYet" });
    const later = new Date(Date.now() + 61 * DAY);
    await expect(
      eraseChurnedAccount({ actor, accountId: account.id, confirmExternalId: "wrong", now: later }),
    ).rejects.toMatchObject({ status: 400, code: "confirmMismatch" });
    expect(await db.event.count({ where: { accountId: account.id } })).toBe(1);

    const result = await eraseChurnedAccount({
      actor,
      accountId: account.id,
      confirmExternalId: account.externalId,
      now: later,
    });
    expect(result).toEqual({ users: 1, events: 1 });
    expect(await db.event.count({ where: { accountId: account.id } })).toBe(0);
    expect(await engagementCounts(window)).toEqual({ byType: before.byType, activeUsers: 0 });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.id } })).email).toBe(
      `${member.id}@deleted.invalid`,
    );
    expect(
      (await db.account.findUniqueOrThrow({ where: { id: account.id } })).erasedAt,
    ).not.toBeNull();
    expect(
      await db.auditLog.count({
        where: { action: "account.erased", targetId: account.id, actorId: cs.id },
      }),
    ).toBe(1);
    expect(await everyRow()).not.toContain(email);
    await expect(
      eraseChurnedAccount({
        actor,
        accountId: account.id,
        confirmExternalId: account.externalId,
        now: later,
      }),
    ).rejects.toMatchObject({ status: 409 });

    const active = await createAccount();
    await expect(
      eraseChurnedAccount({ actor, accountId: active.id, confirmExternalId: active.externalId }),
    ).rejects.toMatchObject({ code: "notChurned" });
  });
});
