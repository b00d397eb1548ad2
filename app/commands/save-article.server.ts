// CS saves an article in the editor: the article, its tags, a new revision and the audit entry
// are written in one transaction. A save based on an outdated revision is refused, so that two
// editors never silently overwrite each other.
import { audit } from "~/models/audit.server";
import { recordRevision } from "~/models/revision.server";
import { db, type Prisma } from "~/utils/db.server";
import { markSearchChanged } from "~/search/changes.server";

export const ARTICLE_AUDIT = {
  created: "article.created",
  saved: "article.saved",
} as const;

export type SaveArticleInput = {
  title: string;
  slug: string;
  locale: "ja" | "en";
  /** Defaults to the slug. */
  translationKey?: string | null;
  type: "faq" | "tutorial" | "guide";
  categoryId: string;
  tags: string[];
  summary: string;
  body: string;
  audience: "all" | "customers" | "restricted";
  audiencePlans: string[];
  audienceSegments: string[];
  publishAt: Date | null;
};

export type SaveField = "slug" | "translationKey" | "categoryId";
export type SaveError = "slugTaken" | "translationTaken" | "categoryUnknown";

export type Conflict = {
  number: number;
  authorName: string | null;
  savedAt: Date;
  title: string;
  summary: string;
  body: string;
};

export type SaveResult =
  | { ok: true; id: string; revision: number }
  | { ok: false; reason: "invalid"; field: SaveField; error: SaveError }
  | { ok: false; reason: "conflict"; conflict: Conflict }
  | { ok: false; reason: "notFound" };

type Tx = Prisma.TransactionClient;

/** A tag's slug: the name folded to lower case, with runs of other characters as dashes. */
export function tagSlug(name: string): string {
  return (
    name
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "tag"
  );
}

class Refused extends Error {
  constructor(readonly result: Exclude<SaveResult, { ok: true }>) {
    super(result.reason);
  }
}

async function checkUnique(
  tx: Tx,
  input: SaveArticleInput,
  translationKey: string,
  selfId?: string,
) {
  const category = await tx.category.findUnique({
    where: { id: input.categoryId },
    select: { id: true },
  });
  if (!category)
    throw new Refused({
      ok: false,
      reason: "invalid",
      field: "categoryId",
      error: "categoryUnknown",
    });
  const notSelf = selfId ? { id: { not: selfId } } : {};
  const slugClash = await tx.article.findFirst({
    where: { slug: input.slug, ...notSelf },
    select: { id: true },
  });
  if (slugClash)
    throw new Refused({ ok: false, reason: "invalid", field: "slug", error: "slugTaken" });
  const keyClash = await tx.article.findFirst({
    where: { translationKey, locale: input.locale, ...notSelf },
    select: { id: true },
  });
  if (keyClash) {
    throw new Refused({
      ok: false,
      reason: "invalid",
      field: "translationKey",
      error: "translationTaken",
    });
  }
}

async function setTags(tx: Tx, articleId: string, names: string[]) {
  await tx.articleTag.deleteMany({ where: { articleId } });
  const seen = new Set<string>();
  for (const name of names) {
    const slug = tagSlug(name);
    if (seen.has(slug)) continue;
    seen.add(slug);
    const tag = await tx.tag.upsert({
      where: { slug },
      create: { slug, name },
      update: {},
      select: { id: true },
    });
    await tx.articleTag.create({ data: { articleId, tagId: tag.id } });
  }
}

function articleData(input: SaveArticleInput, translationKey: string) {
  return {
    title: input.title,
    slug: input.slug,
    locale: input.locale,
    translationKey,
    type: input.type,
    categoryId: input.categoryId,
    summary: input.summary,
    body: input.body,
    audience: input.audience,
    // Plans and segments only mean something for a restricted audience.
    audiencePlans: JSON.stringify(input.audience === "restricted" ? input.audiencePlans : []),
    audienceSegments: JSON.stringify(input.audience === "restricted" ? input.audienceSegments : []),
    publishAt: input.publishAt,
    editedInEditor: true,
  };
}

/** A unique-index race lost to another writer between our check and our write. */
function uniqueViolation(error: unknown): SaveResult | null {
  const e = error as { code?: string; meta?: { target?: unknown } } | null;
  if (e?.code !== "P2002") return null;
  const target = JSON.stringify(e.meta?.target ?? "");
  return target.includes("translationKey")
    ? { ok: false, reason: "invalid", field: "translationKey", error: "translationTaken" }
    : { ok: false, reason: "invalid", field: "slug", error: "slugTaken" };
}

async function run(work: () => Promise<SaveResult>): Promise<SaveResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refused) return error.result;
    const clash = uniqueViolation(error);
    if (clash) return clash;
    throw error;
  }
}

/** What every editor save does after the article row is written: tags, a revision, an audit entry. */
async function recordSave(
  tx: Tx,
  articleId: string,
  a: SaveArticleInput,
  input: { actorId: string; ipAddress?: string },
  action: string,
) {
  await setTags(tx, articleId, a.tags);
  await markSearchChanged(tx, "article", [articleId]);
  const revision = await recordRevision(tx, articleId, {
    title: a.title,
    summary: a.summary,
    body: a.body,
    source: "editor",
    authorId: input.actorId,
  });
  await audit(
    {
      actorId: input.actorId,
      action,
      targetType: "article",
      targetId: articleId,
      data: { slug: a.slug, revision: revision.number },
      ipAddress: input.ipAddress,
    },
    tx,
  );
  return { ok: true as const, id: articleId, revision: revision.number };
}

type CreateArticleInput = { actorId: string; article: SaveArticleInput; ipAddress?: string };

/**
 * Writes a new draft with its tags, first revision and audit entry inside the caller's
 * transaction (other commands make drafts too, e.g. from a solved community topic). Throws when
 * the slug, translation or category is refused; createArticle() turns that into a SaveResult.
 */
export async function insertDraftArticle(tx: Tx, input: CreateArticleInput) {
  const a = input.article;
  const translationKey = a.translationKey || a.slug;
  await checkUnique(tx, a, translationKey);
  const created = await tx.article.create({
    data: { ...articleData(a, translationKey), status: "draft", authorId: input.actorId },
    select: { id: true },
  });
  return recordSave(tx, created.id, a, input, ARTICLE_AUDIT.created);
}

export function createArticle(input: CreateArticleInput): Promise<SaveResult> {
  return run(() => db.$transaction((tx) => insertDraftArticle(tx, input)));
}

export function updateArticle(input: {
  actorId: string;
  articleId: string;
  /** The revision the editor's form was based on. */
  baseRevision: number;
  article: SaveArticleInput;
  ipAddress?: string;
}): Promise<SaveResult> {
  const a = input.article;
  const translationKey = a.translationKey || a.slug;
  return run(() =>
    db.$transaction(async (tx) => {
      const current = await tx.article.findUnique({
        where: { id: input.articleId },
        select: { revisionNumber: true },
      });
      if (!current) return { ok: false as const, reason: "notFound" as const };
      await checkUnique(tx, a, translationKey, input.articleId);
      // Compare-and-set on the revision number: of two saves from the same base, one wins.
      const { count } = await tx.article.updateMany({
        where: { id: input.articleId, revisionNumber: input.baseRevision },
        data: articleData(a, translationKey),
      });
      if (count === 0) {
        const latest = await tx.articleRevision.findFirst({
          where: { articleId: input.articleId },
          orderBy: { number: "desc" },
          select: {
            number: true,
            title: true,
            summary: true,
            body: true,
            createdAt: true,
            author: { select: { name: true } },
          },
        });
        const conflict: Conflict = {
          number: latest?.number ?? current.revisionNumber,
          authorName: latest?.author?.name ?? null,
          savedAt: latest?.createdAt ?? new Date(),
          title: latest?.title ?? "",
          summary: latest?.summary ?? "",
          body: latest?.body ?? "",
        };
        return { ok: false as const, reason: "conflict" as const, conflict };
      }
      return recordSave(tx, input.articleId, a, input, ARTICLE_AUDIT.saved);
    }),
  );
}
