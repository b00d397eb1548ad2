import type { Db } from "~/utils/db.server";

type Tx = Pick<Db, "article" | "articleRevision">;

/**
 * Saves the article's current title, summary and body as its next numbered revision. Every
 * change goes through here (import, editor, restore), inside the caller's transaction.
 */
export async function recordRevision(
  tx: Tx,
  articleId: string,
  input: {
    title: string;
    summary: string;
    body: string;
    source: "import" | "editor" | "restore";
    authorId: string | null;
  },
) {
  const { revisionNumber } = await tx.article.update({
    where: { id: articleId },
    data: { revisionNumber: { increment: 1 } },
    select: { revisionNumber: true },
  });
  return tx.articleRevision.create({
    data: { articleId, number: revisionNumber, ...input },
    select: { id: true, number: true },
  });
}
