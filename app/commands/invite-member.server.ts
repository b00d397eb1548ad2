import type { TFunction } from "i18next";
import { audit } from "~/models/audit.server";
import { enqueueEmail } from "~/models/email.server";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { canManageAccount, type Actor } from "~/models/roles";
import { db } from "~/utils/db.server";
import { hashToken, newToken } from "~/utils/session.server";

export const INVITATION_TTL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export class InviteRefused extends Error {
  constructor(public code: "forbidden" | "already_member" | "seats_full") {
    super(code);
  }
}

/** Seats are taken by members and by invitations still waiting for an answer. */
export async function seatsInUse(accountId: string, now = new Date()) {
  const [members, pending] = await Promise.all([
    db.user.count({ where: { accountId } }),
    db.invitation.count({
      where: { accountId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    }),
  ]);
  return { members, pending, total: members + pending };
}

/**
 * An account admin (or staff) invites a colleague by e-mail. Inviting the same address again
 * replaces the pending invitation (a "resend") instead of taking a second seat.
 */
export async function inviteMember(
  actor: Actor & { name: string },
  input: { accountId: string; email: string; role: "member" | "account_admin" },
  ctx: { t: TFunction; locale: string; appUrl: string; ipAddress: string },
) {
  if (!canManageAccount(actor, input.accountId)) throw new InviteRefused("forbidden");
  const now = new Date();
  const token = newToken();

  const { invitation, account } = await db.$transaction(async (tx) => {
    const account = await tx.account.findUniqueOrThrow({
      where: { id: input.accountId },
      select: { id: true, name: true, seats: true },
    });
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new InviteRefused("already_member");
    }
    const replaced = await tx.invitation.updateMany({
      where: { accountId: account.id, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const [members, pending] = await Promise.all([
      tx.user.count({ where: { accountId: account.id } }),
      tx.invitation.count({
        where: { accountId: account.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      }),
    ]);
    if (replaced.count === 0 && members + pending >= account.seats)
      throw new InviteRefused("seats_full");
    const invitation = await tx.invitation.create({
      data: {
        accountId: account.id,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: actor.id,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS),
      },
      select: { id: true, email: true, expiresAt: true },
    });
    return { invitation, account };
  });

  const link = `${ctx.appUrl}/invite/${token}`;
  await enqueueEmail({
    to: input.email,
    kind: "invitation",
    locale: ctx.locale,
    subject: ctx.t("invite.emailSubject", { account: account.name }),
    text: ctx.t("invite.emailBody", {
      inviter: actor.name,
      account: account.name,
      link,
      days: INVITATION_TTL_DAYS,
    }),
  });
  await audit({
    actorId: actor.id,
    action: "invitation.created",
    targetType: "Invitation",
    targetId: invitation.id,
    data: { email: input.email, role: input.role },
    ipAddress: ctx.ipAddress,
  });
  await recordEvent({
    type: PORTAL_EVENTS.invitationSent,
    accountId: account.id,
    userId: actor.accountId ? actor.id : null,
  });
  return { invitation, link };
}

export async function revokeInvitation(actor: Actor, accountId: string, invitationId: string) {
  if (!canManageAccount(actor, accountId)) throw new InviteRefused("forbidden");
  const { count } = await db.invitation.updateMany({
    where: { id: invitationId, accountId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count) {
    await audit({
      actorId: actor.id,
      action: "invitation.revoked",
      targetType: "Invitation",
      targetId: invitationId,
    });
  }
  return count > 0;
}
