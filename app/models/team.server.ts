// The customer's view of their own account. Callers check access first (requireAccountMember).
import { db } from "~/utils/db.server";

export async function getAccountForMember(accountId: string, options: { withTeam: boolean }) {
  const now = new Date();
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: { id: true, name: true, plan: true, seats: true, renewalDate: true },
  });
  if (!account) return null;
  const [memberCount, members, invitations] = await Promise.all([
    db.user.count({ where: { accountId } }),
    options.withTeam
      ? db.user.findMany({
          where: { accountId },
          select: { id: true, name: true, email: true, role: true, lastSeenAt: true },
          orderBy: { name: "asc" },
        })
      : [],
    options.withTeam
      ? db.invitation.findMany({
          where: { accountId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
          select: { id: true, email: true, role: true, expiresAt: true },
          orderBy: { createdAt: "desc" },
        })
      : [],
  ]);
  return { account, memberCount, members, invitations };
}
