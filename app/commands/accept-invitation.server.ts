import { audit } from "~/models/audit.server";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { hashToken } from "~/utils/session.server";

export class InvitationInvalid extends Error {
  name = "InvitationInvalid";
}

/** A pending, unexpired invitation for the token, or null. */
export async function findOpenInvitation(token: string, now = new Date()) {
  return db.invitation.findFirst({
    where: {
      tokenHash: hashToken(token),
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
    },
    select: {
      id: true,
      email: true,
      role: true,
      account: { select: { id: true, name: true } },
      invitedBy: { select: { name: true } },
    },
  });
}

/** Creates the invited person's login and uses the invitation up, exactly once. */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string; locale: string | null },
) {
  const hash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    const now = new Date();
    const invitation = await tx.invitation.findFirst({
      where: {
        tokenHash: hashToken(token),
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: now },
      },
      select: { id: true, email: true, role: true, accountId: true },
    });
    if (!invitation) throw new InvitationInvalid();
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) throw new InvitationInvalid();
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
      throw new InvitationInvalid();
    }
    return tx.user.create({
      data: {
        email: invitation.email,
        name: input.name,
        role: invitation.role,
        accountId: invitation.accountId,
        locale: input.locale,
        password: { create: { hash } },
      },
      select: { id: true, accountId: true },
    });
  });
  await audit({
    actorId: user.id,
    action: "invitation.accepted",
    targetType: "User",
    targetId: user.id,
  });
  await recordEvent({
    type: PORTAL_EVENTS.invitationAccepted,
    accountId: user.accountId,
    userId: user.id,
  });
  return user;
}
