// Restoring an old revision never rewrites history: its text becomes a NEW revision (source
// "restore"), so the versions in between stay available.
import { audit } from "~/models/audit.server";
import { recordRevision } from "~/models/revision.server";
import { db } from "~/utils/db.server";
import { markSearchChanged } from "~/search/changes.server";

export const RESTORE_AUDIT_ACTION = "article.restored";

export type RestoreResult = { ok: true; revision: number } | { ok: false; error: "notFound" };

export async function restoreRevision(input: {
  actorId: string;
  articleId: string;
  number: number;
  ipAddress?: string;
}): Promise<RestoreResult> {
  return db.$transaction(async (tx) => {
    const old = await tx.articleRevision.findUnique({
      where: { articleId_number: { articleId: input.articleId, number: input.number } },
      select: { title: true, summary: true, body: true },
    });
    if (!old) return { ok: false as const, error: "notFound" as const };
    await tx.article.update({
      where: { id: input.articleId },
      data: { title: old.title, summary: old.summary, body: old.body, editedInEditor: true },
    });
    await markSearchChanged(tx, "article", [input.articleId]);
    const revision = await recordRevision(tx, input.articleId, {
      ...old,
      source: "restore",
      authorId: input.actorId,
    });
    await audit(
      {
        actorId: input.actorId,
        action: RESTORE_AUDIT_ACTION,
        targetType: "article",
        targetId: input.articleId,
        data: { restored: input.number, revision: revision.number },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { ok: true as const, revision: revision.number };
  });
}
