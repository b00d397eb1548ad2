// The review workflow: draft → in review → published → archived, and back to draft. Approving
// needs a second pair of eyes: whoever saved the current revision cannot publish it.
import { audit } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import { markSearchChanged } from "~/search/changes.server";

export const WORKFLOW_ACTIONS = ["submit", "approve", "archive", "unpublish"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Which states each action starts from, and where it leads. */
export const TRANSITIONS: Record<WorkflowAction, { from: readonly string[]; to: string }> = {
  submit: { from: ["draft"], to: "in_review" },
  approve: { from: ["in_review"], to: "published" },
  archive: { from: ["published"], to: "archived" },
  unpublish: { from: ["published", "archived", "in_review"], to: "draft" },
};

export const WORKFLOW_AUDIT_PREFIX = "article.";

export function isWorkflowAction(value: unknown): value is WorkflowAction {
  return typeof value === "string" && (WORKFLOW_ACTIONS as readonly string[]).includes(value);
}

/** The actions offered for an article in this state. */
export function availableActions(status: string): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

export type WorkflowResult =
  | { ok: true; status: string }
  | { ok: false; error: "notFound" | "invalidTransition" | "ownRevision" };

export async function transitionArticle(input: {
  actorId: string;
  articleId: string;
  action: WorkflowAction;
  ipAddress?: string;
  now?: Date;
}): Promise<WorkflowResult> {
  const now = input.now ?? new Date();
  const { from, to } = TRANSITIONS[input.action];
  return db.$transaction(async (tx) => {
    const article = await tx.article.findUnique({
      where: { id: input.articleId },
      select: { status: true, publishAt: true, publishedAt: true, revisionNumber: true },
    });
    if (!article) return { ok: false as const, error: "notFound" as const };
    if (!from.includes(article.status)) {
      return { ok: false as const, error: "invalidTransition" as const };
    }
    if (input.action === "approve") {
      const last = await tx.articleRevision.findFirst({
        where: { articleId: input.articleId },
        orderBy: { number: "desc" },
        select: { authorId: true },
      });
      if (last?.authorId === input.actorId)
        return { ok: false as const, error: "ownRevision" as const };
    }
    const published =
      input.action === "approve"
        ? {
            reviewerId: input.actorId,
            // A scheduled article becomes public at its publish time; isLive() checks it.
            publishedAt: article.publishAt && article.publishAt > now ? article.publishAt : now,
          }
        : {};
    // Only from the state we read: a concurrent transition makes this one a no-op.
    const { count } = await tx.article.updateMany({
      where: { id: input.articleId, status: article.status },
      data: { status: to, ...published },
    });
    if (count === 0) return { ok: false as const, error: "invalidTransition" as const };
    await markSearchChanged(tx, "article", [input.articleId]);
    await audit(
      {
        actorId: input.actorId,
        action: `${WORKFLOW_AUDIT_PREFIX}${input.action}`,
        targetType: "article",
        targetId: input.articleId,
        data: { from: article.status, to, revision: article.revisionNumber },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { ok: true as const, status: to };
  });
}
