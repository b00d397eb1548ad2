// Forum categories, set by CS. A category with topics cannot be deleted (the topics would lose
// their place); every change is in the audit log.
import { audit } from "~/models/audit.server";
import type { Plan } from "~/models/segment";
import { db, type Db } from "~/utils/db.server";

export const FORUM_CATEGORY_AUDIT = {
  created: "forum_category.created",
  updated: "forum_category.updated",
  moved: "forum_category.moved",
  deleted: "forum_category.deleted",
} as const;

/** Reordering renumbers in steps, so CS can still slot a category between two by hand. */
export const POSITION_STEP = 10;

export type ForumCategoryInput = {
  nameEn: string;
  nameJa: string;
  descriptionEn: string;
  descriptionJa: string;
  position: number;
  /** [] = everyone. */
  audiencePlans: Plan[];
};

type Actor = { actorId: string; ipAddress?: string };
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type ForumCategoryResult =
  { ok: true } | { ok: false; error: "notFound" | "slugTaken" | "notEmpty"; count?: number };

function toData<T extends ForumCategoryInput>(category: T) {
  return { ...category, audiencePlans: JSON.stringify([...new Set(category.audiencePlans)]) };
}

async function log(
  tx: Tx,
  actor: Actor,
  action: string,
  targetId: string,
  data: Record<string, unknown>,
) {
  await audit(
    {
      actorId: actor.actorId,
      action,
      targetType: "forum_category",
      targetId,
      data,
      ipAddress: actor.ipAddress,
    },
    tx,
  );
}

export async function createForumCategory(
  input: Actor & { category: ForumCategoryInput & { slug: string } },
): Promise<ForumCategoryResult> {
  return db.$transaction(async (tx) => {
    const clash = await tx.forumCategory.findUnique({
      where: { slug: input.category.slug },
      select: { id: true },
    });
    if (clash) return { ok: false as const, error: "slugTaken" as const };
    const created = await tx.forumCategory.create({
      data: toData(input.category),
      select: { id: true },
    });
    await log(tx, input, FORUM_CATEGORY_AUDIT.created, created.id, { ...input.category });
    return { ok: true as const };
  });
}

export async function updateForumCategory(
  input: Actor & { id: string; category: ForumCategoryInput },
): Promise<ForumCategoryResult> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.forumCategory.updateMany({
      where: { id: input.id },
      data: toData(input.category),
    });
    if (count === 0) return { ok: false as const, error: "notFound" as const };
    await log(tx, input, FORUM_CATEGORY_AUDIT.updated, input.id, { ...input.category });
    return { ok: true as const };
  });
}

/** Swaps a category with its neighbour in the shown order and renumbers the list. */
export async function moveForumCategory(
  input: Actor & { id: string; direction: "up" | "down" },
): Promise<ForumCategoryResult> {
  return db.$transaction(async (tx) => {
    const order = await tx.forumCategory.findMany({
      select: { id: true, position: true },
      orderBy: [{ position: "asc" }, { nameEn: "asc" }],
    });
    const index = order.findIndex((c) => c.id === input.id);
    if (index < 0) return { ok: false as const, error: "notFound" as const };
    const target = input.direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= order.length) return { ok: true as const };
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [i, c] of order.entries()) {
      const position = (i + 1) * POSITION_STEP;
      if (c.position !== position) {
        await tx.forumCategory.update({ where: { id: c.id }, data: { position } });
      }
    }
    await log(tx, input, FORUM_CATEGORY_AUDIT.moved, input.id, { direction: input.direction });
    return { ok: true as const };
  });
}

export async function deleteForumCategory(
  input: Actor & { id: string },
): Promise<ForumCategoryResult> {
  return db.$transaction(async (tx) => {
    const category = await tx.forumCategory.findUnique({
      where: { id: input.id },
      select: { slug: true, _count: { select: { topics: true } } },
    });
    if (!category) return { ok: false as const, error: "notFound" as const };
    if (category._count.topics > 0) {
      return { ok: false as const, error: "notEmpty" as const, count: category._count.topics };
    }
    await tx.forumCategory.delete({ where: { id: input.id } });
    await log(tx, input, FORUM_CATEGORY_AUDIT.deleted, input.id, { slug: category.slug });
    return { ok: true as const };
  });
}

/** Every category with its topic count, in the order customers see them. */
export function listForumCategoriesForAdmin() {
  return db.forumCategory.findMany({
    select: {
      id: true,
      slug: true,
      nameEn: true,
      nameJa: true,
      descriptionEn: true,
      descriptionJa: true,
      position: true,
      audiencePlans: true,
      _count: { select: { topics: true } },
    },
    orderBy: [{ position: "asc" }, { nameEn: "asc" }],
  });
}
