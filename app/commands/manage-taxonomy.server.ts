// Categories and tags of the knowledge base. Categories with articles cannot be deleted (the
// articles would lose their place); tags can be renamed, merged or deleted freely.
import { audit } from "~/models/audit.server";
import { db, type Db } from "~/utils/db.server";
import { tagSlug } from "./save-article.server";
import { markSearchChanged } from "~/search/changes.server";

export const TAXONOMY_AUDIT = {
  categoryCreated: "category.created",
  categoryUpdated: "category.updated",
  categoryDeleted: "category.deleted",
  tagRenamed: "tag.renamed",
  tagMerged: "tag.merged",
  tagDeleted: "tag.deleted",
} as const;

export type CategoryInput = {
  nameEn: string;
  nameJa: string;
  descriptionEn: string;
  descriptionJa: string;
  position: number;
};

type Actor = { actorId: string; ipAddress?: string };

export type TaxonomyResult =
  | { ok: true }
  | { ok: false; error: "notFound" | "slugTaken" | "categoryNotEmpty" | "tagTaken" | "sameTag" };

export async function createCategory(
  input: Actor & { category: CategoryInput & { slug: string } },
): Promise<TaxonomyResult> {
  return db.$transaction(async (tx) => {
    const clash = await tx.category.findUnique({
      where: { slug: input.category.slug },
      select: { id: true },
    });
    if (clash) return { ok: false as const, error: "slugTaken" as const };
    const created = await tx.category.create({ data: input.category, select: { id: true } });
    await audit(
      {
        actorId: input.actorId,
        action: TAXONOMY_AUDIT.categoryCreated,
        targetType: "category",
        targetId: created.id,
        data: { slug: input.category.slug },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { ok: true as const };
  });
}

export async function updateCategory(
  input: Actor & { id: string; category: CategoryInput },
): Promise<TaxonomyResult> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.category.updateMany({
      where: { id: input.id },
      data: input.category,
    });
    if (count === 0) return { ok: false as const, error: "notFound" as const };
    await audit(
      {
        actorId: input.actorId,
        action: TAXONOMY_AUDIT.categoryUpdated,
        targetType: "category",
        targetId: input.id,
        data: { ...input.category },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { ok: true as const };
  });
}

export async function deleteCategory(input: Actor & { id: string }): Promise<TaxonomyResult> {
  return db.$transaction(async (tx) => {
    const category = await tx.category.findUnique({
      where: { id: input.id },
      select: { slug: true, _count: { select: { articles: true } } },
    });
    if (!category) return { ok: false as const, error: "notFound" as const };
    if (category._count.articles > 0)
      return { ok: false as const, error: "categoryNotEmpty" as const };
    await tx.category.delete({ where: { id: input.id } });
    await audit(
      {
        actorId: input.actorId,
        action: TAXONOMY_AUDIT.categoryDeleted,
        targetType: "category",
        targetId: input.id,
        data: { slug: category.slug },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** Renaming changes the slug too; a name that another tag already has is a merge, not a rename. */
export async function renameTag(
  input: Actor & { id: string; name: string },
): Promise<TaxonomyResult> {
  const slug = tagSlug(input.name);
  return db.$transaction(async (tx) => {
    const tag = await tx.tag.findUnique({ where: { id: input.id }, select: { name: true } });
    if (!tag) return { ok: false as const, error: "notFound" as const };
    const clash = await tx.tag.findFirst({
      where: { slug, id: { not: input.id } },
      select: { id: true },
    });
    if (clash) return { ok: false as const, error: "tagTaken" as const };
    await tx.tag.update({ where: { id: input.id }, data: { name: input.name, slug } });
    await markSearchChanged(tx, "article", await taggedArticles(tx, [input.id]));
    await audit(
      {
        actorId: input.actorId,
        action: TAXONOMY_AUDIT.tagRenamed,
        targetType: "tag",
        targetId: input.id,
        data: { from: tag.name, to: input.name },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** Moves every article of `id` to `intoId` and deletes `id`. */
export async function mergeTag(
  input: Actor & { id: string; intoId: string },
): Promise<TaxonomyResult> {
  if (input.id === input.intoId) return { ok: false, error: "sameTag" };
  return db.$transaction(async (tx) => {
    const [from, into] = await Promise.all([
      tx.tag.findUnique({ where: { id: input.id }, select: { name: true } }),
      tx.tag.findUnique({ where: { id: input.intoId }, select: { name: true } }),
    ]);
    if (!from || !into) return { ok: false as const, error: "notFound" as const };
    const links = await tx.articleTag.findMany({
      where: { tagId: input.id },
      select: { articleId: true },
    });
    await markSearchChanged(
      tx,
      "article",
      links.map((l) => l.articleId),
    );
    const already = await tx.articleTag.findMany({
      where: { tagId: input.intoId, articleId: { in: links.map((l) => l.articleId) } },
      select: { articleId: true },
    });
    const have = new Set(already.map((l) => l.articleId));
    for (const link of links) {
      if (!have.has(link.articleId)) {
        await tx.articleTag.create({ data: { articleId: link.articleId, tagId: input.intoId } });
      }
    }
    await tx.tag.delete({ where: { id: input.id } });
    await audit(
      {
        actorId: input.actorId,
        action: TAXONOMY_AUDIT.tagMerged,
        targetType: "tag",
        targetId: input.intoId,
        data: { merged: from.name, into: into.name, articles: links.length },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { ok: true as const };
  });
}

export async function deleteTag(input: Actor & { id: string }): Promise<TaxonomyResult> {
  return db.$transaction(async (tx) => {
    const tag = await tx.tag.findUnique({ where: { id: input.id }, select: { name: true } });
    if (!tag) return { ok: false as const, error: "notFound" as const };
    await markSearchChanged(tx, "article", await taggedArticles(tx, [input.id]));
    await tx.tag.delete({ where: { id: input.id } });
    await audit(
      {
        actorId: input.actorId,
        action: TAXONOMY_AUDIT.tagDeleted,
        targetType: "tag",
        targetId: input.id,
        data: { name: tag.name },
        ipAddress: input.ipAddress,
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** Tags are searchable text of their articles, so a tag change re-indexes them. */
async function taggedArticles(tx: Pick<Db, "articleTag">, tagIds: string[]) {
  const links = await tx.articleTag.findMany({
    where: { tagId: { in: tagIds } },
    select: { articleId: true },
  });
  return links.map((l) => l.articleId);
}
