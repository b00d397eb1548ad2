// Erasing a person (they delete their own account, or CS erases a churned account's members).
// The User row stays as a tombstone so posts, accepted answers, likes and the audit trail keep
// their links; everything that identifies the person goes: name, e-mail (a tombstone address),
// handle, external id, password, sessions, invitations to their address, watches. Their events
// keep counting for the account without the user id (raw and daily counts alike).
import { audit } from "~/models/audit.server";
import { getDataLifecycle } from "~/models/data-lifecycle.server";
import type { Actor } from "~/models/roles";
import { db, type Db } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { forbidden, notFound } from "~/utils/request.server";
import { keepWatermarkBelowNextRowid, rollupEvents } from "./rollup-events.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Not deliverable by design (RFC 6761 reserves .invalid). */
export const TOMBSTONE_EMAIL_DOMAIN = "deleted.invalid";

export class EraseRefusedError extends Error {
  constructor(
    public status: number,
    /** Keys under accountData.me.* / accountData.erase.* */
    public code: string,
    public params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Erases one user's personal data inside the caller's transaction. */
export async function eraseUserInTx(tx: Tx, userId: string, now = new Date()) {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, accountId: true, deletedAt: true },
  });
  if (user.deletedAt) return { alreadyErased: true };
  await tx.user.update({
    where: { id: userId },
    data: {
      name: "",
      email: `${userId}@${TOMBSTONE_EMAIL_DOMAIN}`,
      handle: null,
      externalId: null,
      locale: null,
      showAccountName: false,
      suspendedUntil: null,
      suspensionReason: null,
      lastSeenAt: null,
      // Off the account's member list and seat count; posts keep their own accountId.
      accountId: null,
      deletedAt: now,
    },
  });
  await tx.password.deleteMany({ where: { userId } });
  await tx.session.deleteMany({ where: { userId } });
  await tx.invitation.deleteMany({ where: { email: user.email } });
  await tx.topicWatch.deleteMany({ where: { userId } });
  await tx.event.updateMany({ where: { userId }, data: { userId: null } });
  await tx.searchQuery.updateMany({ where: { userId }, data: { userId: null } });
  await tx.deflection.updateMany({ where: { userId }, data: { userId: null } });
  await tx.supportRequest.updateMany({ where: { userId }, data: { userId: null } });
  // Daily counts: the person's rows are merged into the account's "no user" rows.
  const daily = await tx.eventDaily.findMany({ where: { userId } });
  for (const row of daily) {
    await tx.eventDaily.upsert({
      where: {
        accountId_day_type_userId: {
          accountId: row.accountId,
          day: row.day,
          type: row.type,
          userId: "",
        },
      },
      create: {
        accountId: row.accountId,
        day: row.day,
        type: row.type,
        userId: "",
        count: row.count,
      },
      update: { count: { increment: row.count } },
    });
  }
  await tx.eventDaily.deleteMany({ where: { userId } });
  return { alreadyErased: false, accountId: user.accountId };
}

/**
 * A customer deletes their own account after re-entering their password. The only account
 * admin of an account with other members is refused (the account would have nobody to manage
 * it); the last member may leave, and CS gets an alert that the account has no members.
 */
export async function deleteOwnAccount(input: {
  userId: string;
  password: string;
  ipAddress?: string;
}) {
  const user = await db.user.findUnique({
    where: { id: input.userId },
    select: {
      id: true,
      role: true,
      accountId: true,
      deletedAt: true,
      password: { select: { hash: true } },
      account: { select: { id: true, name: true, ownerId: true } },
    },
  });
  if (!user || user.deletedAt) throw notFound();
  if (user.role === "cs" || user.role === "admin") {
    throw new EraseRefusedError(403, "staffNotAllowed");
  }
  if (!user.password || !(await verifyPassword(input.password, user.password.hash))) {
    throw new EraseRefusedError(400, "wrongPassword");
  }
  return db.$transaction(async (tx) => {
    let lastMember = false;
    if (user.accountId) {
      const others = await tx.user.findMany({
        where: { accountId: user.accountId, id: { not: user.id }, deletedAt: null },
        select: { role: true },
      });
      if (
        user.role === "account_admin" &&
        others.length > 0 &&
        !others.some((o) => o.role === "account_admin")
      ) {
        throw new EraseRefusedError(409, "lastAdmin");
      }
      lastMember = others.length === 0;
    }
    await eraseUserInTx(tx, user.id);
    await audit(
      {
        actorId: user.id,
        action: "user.self_deleted",
        targetType: "User",
        targetId: user.id,
        data: { accountId: user.accountId, lastMember },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    if (lastMember && user.account) {
      await tx.alert.upsert({
        where: { dedupeKey: `account_no_members:${user.account.id}` },
        create: {
          accountId: user.account.id,
          ownerId: user.account.ownerId,
          kind: "account_no_members",
          title: `${user.account.name} has no members left: the last one deleted their account`,
          details: JSON.stringify({ userId: user.id }),
          dedupeKey: `account_no_members:${user.account.id}`,
        },
        update: {},
      });
    }
    return { lastMember };
  });
}

/** When CS may erase a churned account (null: not churned). */
export async function erasableFrom(churnedAt: Date | null) {
  if (!churnedAt) return null;
  const { churnedGraceDays } = await getDataLifecycle();
  return {
    from: new Date(churnedAt.getTime() + churnedGraceDays * DAY_MS),
    days: churnedGraceDays,
  };
}

/**
 * CS erases a churned account's personal data after the grace period: every member, the
 * invitations, and the raw events (those not yet in the daily roll-up are counted first). The account row, its
 * ARR history and the daily counts stay: they are the company's facts, not a person's.
 */
export async function eraseChurnedAccount(input: {
  actor: Actor;
  accountId: string;
  confirmExternalId: string;
  ipAddress?: string;
  now?: Date;
}) {
  if (input.actor.role !== "cs" && input.actor.role !== "admin") throw forbidden();
  const now = input.now ?? new Date();
  const account = await db.account.findUnique({
    where: { id: input.accountId },
    select: { id: true, externalId: true, status: true, churnedAt: true, erasedAt: true },
  });
  if (!account) throw notFound();
  if (account.erasedAt)
    throw new EraseRefusedError(409, "erased", { date: account.erasedAt.toISOString() });
  if (account.status !== "churned" || !account.churnedAt) {
    throw new EraseRefusedError(409, "notChurned");
  }
  const window = (await erasableFrom(account.churnedAt))!;
  if (window.from.getTime() > now.getTime()) {
    throw new EraseRefusedError(409, "notYet", {
      date: window.from.toISOString().slice(0, 10),
      days: window.days,
    });
  }
  if (input.confirmExternalId.trim() !== account.externalId) {
    throw new EraseRefusedError(400, "confirmMismatch");
  }
  await rollupEvents({ now });
  return db.$transaction(
    async (tx) => {
      const members = await tx.user.findMany({
        where: { accountId: account.id, deletedAt: null },
        select: { id: true },
      });
      for (const m of members) await eraseUserInTx(tx, m.id, now);
      await tx.invitation.deleteMany({ where: { accountId: account.id } });
      // The rollup ran just before this transaction: the account's counts stay, its raw events go.
      const events = await tx.event.deleteMany({ where: { accountId: account.id } });
      await keepWatermarkBelowNextRowid(tx);
      await tx.searchQuery.updateMany({ where: { accountId: account.id }, data: { userId: null } });
      await tx.account.update({ where: { id: account.id }, data: { erasedAt: now } });
      await audit(
        {
          actorId: input.actor.id,
          action: "account.erased",
          targetType: "Account",
          targetId: account.id,
          data: { externalId: account.externalId, users: members.length, events: events.count },
          ipAddress: input.ipAddress,
        },
        tx,
      );
      return { users: members.length, events: events.count };
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}
