// Imports the help-center content kept in the repository (content/categories.json and
// content/**/*.md) into the database. Safe to run again and again: an unchanged file changes
// nothing, a changed file becomes a new revision, and an article CS has since edited in the
// editor is left alone (the editor's version wins, and the summary says so).
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import { ARTICLE_TYPES } from "~/models/article-policy";
import { recordRevision } from "~/models/revision.server";
import { db } from "~/utils/db.server";
import { MARKDOWN_MAX_LENGTH } from "~/utils/markdown.server";
import { markSearchChanged } from "~/search/changes.server";

export const CONTENT_LIMITS = {
  slug: 120,
  title: 200,
  summary: 500,
  tag: 60,
  tags: 20,
} as const;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slugField = (max: number) =>
  z
    .string({ required_error: "is required" })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(SLUG_PATTERN, "must be lower-case letters, digits and dashes");

const categorySchema = z.object({
  slug: slugField(CONTENT_LIMITS.slug),
  position: z.number().int().default(0),
  nameEn: z.string().trim().min(1).max(100),
  nameJa: z.string().trim().min(1).max(100),
  descriptionEn: z.string().trim().max(500).default(""),
  descriptionJa: z.string().trim().max(500).default(""),
});

const frontMatterSchema = z.object({
  slug: slugField(CONTENT_LIMITS.slug),
  locale: z.enum(["ja", "en"], { errorMap: () => ({ message: 'must be "ja" or "en"' }) }),
  translationKey: slugField(CONTENT_LIMITS.slug),
  type: z.enum(ARTICLE_TYPES, {
    errorMap: () => ({ message: `must be one of ${ARTICLE_TYPES.join(", ")}` }),
  }),
  category: slugField(CONTENT_LIMITS.slug),
  tags: z
    .array(slugField(CONTENT_LIMITS.tag))
    .max(CONTENT_LIMITS.tags, `at most ${CONTENT_LIMITS.tags} tags`)
    .default([]),
  order: z.number().int("must be a whole number").default(0),
  title: z
    .string({ required_error: "is required" })
    .trim()
    .min(1, "is required")
    .max(CONTENT_LIMITS.title, `must be at most ${CONTENT_LIMITS.title} characters`),
  summary: z
    .string()
    .trim()
    .max(CONTENT_LIMITS.summary, `must be at most ${CONTENT_LIMITS.summary} characters`)
    .default(""),
});

export type ImportSummary = {
  categories: number;
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Slugs whose file changed but whose article CS has edited since: the editor's version stays. */
  keptEditorVersion: string[];
  skipped: { file: string; reason: string }[];
};

type Outcome =
  | { kind: "created" | "updated" | "unchanged" | "kept"; slug: string }
  | { kind: "skipped"; reason: string };

async function listMarkdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listMarkdownFiles(full);
      return entry.isFile() && entry.name.endsWith(".md") ? [full] : [];
    }),
  );
  return files.flat().sort();
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join(".") || "front matter"} ${issue.message}`)
    .join("; ");
}

async function importCategories(dir: string, summary: ImportSummary) {
  const file = path.join(dir, "categories.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return; // Categories may already exist in the database.
    summary.skipped.push({ file: "categories.json", reason: `not valid JSON` });
    return;
  }
  const parsed = z.array(z.unknown()).safeParse(raw);
  if (!parsed.success) {
    summary.skipped.push({ file: "categories.json", reason: "must be a JSON array" });
    return;
  }
  for (const [index, entry] of parsed.data.entries()) {
    const category = categorySchema.safeParse(entry);
    if (!category.success) {
      summary.skipped.push({
        file: `categories.json[${index}]`,
        reason: describeIssues(category.error),
      });
      continue;
    }
    const { slug, ...fields } = category.data;
    await db.category.upsert({ where: { slug }, create: { slug, ...fields }, update: fields });
    summary.categories += 1;
  }
}

async function importFile(source: string, now: Date): Promise<Outcome> {
  let parsedFile: matter.GrayMatterFile<string>;
  try {
    // A fresh object each time: gray-matter caches by content and we must not share results.
    parsedFile = matter(source, {});
  } catch (error) {
    return { kind: "skipped", reason: `front matter is not valid YAML (${(error as Error).name})` };
  }
  const front = frontMatterSchema.safeParse(parsedFile.data);
  if (!front.success) return { kind: "skipped", reason: describeIssues(front.error) };
  const body = parsedFile.content.trim();
  if (!body) return { kind: "skipped", reason: "the body is empty" };
  if (body.length > MARKDOWN_MAX_LENGTH) {
    return { kind: "skipped", reason: `the body is longer than ${MARKDOWN_MAX_LENGTH} characters` };
  }
  const fm = front.data;
  const importHash = createHash("sha256").update(source).digest("hex");

  return db.$transaction(async (tx) => {
    const category = await tx.category.findUnique({
      where: { slug: fm.category },
      select: { id: true },
    });
    if (!category) return { kind: "skipped", reason: `unknown category "${fm.category}"` };

    const existing = await tx.article.findUnique({
      where: { translationKey_locale: { translationKey: fm.translationKey, locale: fm.locale } },
      select: { id: true, importHash: true, editedInEditor: true, slug: true },
    });
    const slugOwner = await tx.article.findUnique({
      where: { slug: fm.slug },
      select: { id: true, translationKey: true, locale: true },
    });
    if (slugOwner && slugOwner.id !== existing?.id) {
      return {
        kind: "skipped",
        reason: `slug "${fm.slug}" is already used by ${slugOwner.translationKey} (${slugOwner.locale})`,
      };
    }
    if (existing && existing.importHash === importHash) {
      return { kind: "unchanged", slug: existing.slug };
    }
    if (existing?.editedInEditor) return { kind: "kept", slug: existing.slug };

    const tagIds: string[] = [];
    for (const tagSlug of new Set(fm.tags)) {
      const tag = await tx.tag.upsert({
        where: { slug: tagSlug },
        create: { slug: tagSlug, name: tagSlug },
        update: {},
        select: { id: true },
      });
      tagIds.push(tag.id);
    }
    const fields = {
      slug: fm.slug,
      type: fm.type,
      categoryId: category.id,
      title: fm.title,
      summary: fm.summary,
      body,
      position: fm.order,
      importHash,
    };
    const article = existing
      ? await tx.article.update({ where: { id: existing.id }, data: fields, select: { id: true } })
      : await tx.article.create({
          data: {
            ...fields,
            locale: fm.locale,
            translationKey: fm.translationKey,
            status: "published",
            publishedAt: now,
          },
          select: { id: true },
        });
    await tx.articleTag.deleteMany({ where: { articleId: article.id } });
    if (tagIds.length) {
      await tx.articleTag.createMany({
        data: tagIds.map((tagId) => ({ articleId: article.id, tagId })),
      });
    }
    await recordRevision(tx, article.id, {
      title: fm.title,
      summary: fm.summary,
      body,
      source: "import",
      authorId: null,
    });
    await markSearchChanged(tx, "article", [article.id]);
    return { kind: existing ? "updated" : "created", slug: fm.slug };
  });
}

/** Imports `dir` (categories first, then every Markdown file, one transaction per file). */
export async function importContent(
  dir = "content",
  options: { now?: Date } = {},
): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const summary: ImportSummary = {
    categories: 0,
    created: [],
    updated: [],
    unchanged: [],
    keptEditorVersion: [],
    skipped: [],
  };
  await importCategories(dir, summary);
  for (const file of await listMarkdownFiles(dir)) {
    const relative = path.relative(dir, file).split(path.sep).join("/");
    let outcome: Outcome;
    try {
      outcome = await importFile(await readFile(file, "utf8"), now);
    } catch (error) {
      // One broken file (or a unique clash raced by another import) must not stop the rest.
      outcome = { kind: "skipped", reason: `could not be saved (${(error as Error).message})` };
    }
    if (outcome.kind === "skipped")
      summary.skipped.push({ file: relative, reason: outcome.reason });
    else if (outcome.kind === "kept") summary.keptEditorVersion.push(outcome.slug);
    else summary[outcome.kind].push(outcome.slug);
  }
  return summary;
}

/** The summary as lines a person reads after `npm run content:import`. */
export function formatImportSummary(summary: ImportSummary): string {
  const lines = [
    `Categories: ${summary.categories}`,
    `Created: ${summary.created.length}`,
    `Updated: ${summary.updated.length}`,
    `Unchanged: ${summary.unchanged.length}`,
    `Kept editor's version: ${summary.keptEditorVersion.length}`,
    `Skipped: ${summary.skipped.length}`,
  ];
  for (const slug of summary.updated) lines.push(`  updated ${slug}`);
  for (const slug of summary.keptEditorVersion)
    lines.push(`  kept the editor's version of ${slug}`);
  for (const { file, reason } of summary.skipped) lines.push(`  skipped ${file}: ${reason}`);
  return lines.join("\n");
}
