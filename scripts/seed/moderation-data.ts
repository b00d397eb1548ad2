// Demo flags, so that the moderation queue (/admin/moderation) is not empty in the demo: a few
// customer replies reported by other customers, below the auto-hide threshold. Called inside the
// community seed's transaction, so it runs once with it.
import type { Prisma } from "../../app/generated/prisma/sqlite/client";

const DEMO_FLAGS = [
  { reason: "spam", note: "Looks like an advertisement.", reporters: 2 },
  { reason: "off_topic", note: "", reporters: 1 },
  { reason: "abusive", note: "Rude towards the asker.", reporters: 1 },
] as const;

export async function seedDemoFlags(
  tx: Prisma.TransactionClient,
  customerIds: string[],
  topicIds: string[],
) {
  const replies = await tx.post.findMany({
    where: { topicId: { in: topicIds }, number: { gt: 1 }, authorId: { in: customerIds } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: DEMO_FLAGS.length,
    select: { id: true, authorId: true, createdAt: true },
  });
  let flags = 0;
  for (const [i, reply] of replies.entries()) {
    const spec = DEMO_FLAGS[i]!;
    const reporters = customerIds
      .filter((id) => id !== reply.authorId)
      .slice(i * 2, i * 2 + spec.reporters);
    for (const reporterId of reporters) {
      await tx.flag.create({
        data: { postId: reply.id, reporterId, reason: spec.reason, note: spec.note },
      });
      flags += 1;
    }
  }
  return flags;
}
