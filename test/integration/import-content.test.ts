import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatImportSummary, importContent } from "../../app/commands/import-content.server";
import { db } from "../../app/utils/db.server";

const dir = mkdtempSync(path.join(tmpdir(), "kb-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string) {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function article(fields: Record<string, string>, body: string) {
  const front = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  return `---\n${front}\n---\n\n${body}\n`;
}

const setupEn = {
  slug: "set-up-sso",
  locale: "en",
  translationKey: "set-up-sso",
  type: "tutorial",
  category: "security",
  tags: "[sso, admin]",
  order: "2",
  title: "Set up single sign-on",
  summary: "Connect your identity provider.",
};
const setupJa = {
  ...setupEn,
  slug: "set-up-sso-ja",
  locale: "ja",
  title: "シングルサインオンを設定する",
  summary: "ID プロバイダーと接続します。",
};

write(
  "categories.json",
  JSON.stringify([
    { slug: "security", position: 2, nameEn: "Security", nameJa: "セキュリティ" },
    { slug: "basics", position: 1, nameEn: "Basics", nameJa: "基本" },
  ]),
);
write("security/set-up-sso.en.md", article(setupEn, "## 1. Open settings\n\nGo to Admin."));
write("security/set-up-sso.ja.md", article(setupJa, "## 1. 設定を開く\n\n管理画面へ。"));
write(
  "basics/what-is-a-project.en.md",
  article(
    {
      slug: "what-is-a-project",
      locale: "en",
      translationKey: "what-is-a-project",
      type: "faq",
      category: "basics",
      title: "What is a project?",
    },
    "A project holds tasks.",
  ),
);

async function counts() {
  return {
    articles: await db.article.count(),
    revisions: await db.articleRevision.count(),
    tags: await db.tag.count(),
    categories: await db.category.count(),
  };
}

describe("importContent", () => {
  it("creates categories, tags and published articles with revision 1", async () => {
    const now = new Date("2026-01-10T09:00:00Z");
    const summary = await importContent(dir, { now });
    expect(summary.skipped).toEqual([]);
    expect(summary.created.sort()).toEqual(["set-up-sso", "set-up-sso-ja", "what-is-a-project"]);
    expect(summary.categories).toBe(2);

    const sso = await db.article.findUniqueOrThrow({
      where: { slug: "set-up-sso" },
      include: { revisions: true, tags: { include: { tag: true } }, category: true },
    });
    expect(sso).toMatchObject({
      locale: "en",
      translationKey: "set-up-sso",
      type: "tutorial",
      status: "published",
      publishedAt: now,
      title: "Set up single sign-on",
      summary: "Connect your identity provider.",
      body: "## 1. Open settings\n\nGo to Admin.",
      position: 2,
      revisionNumber: 1,
      editedInEditor: false,
    });
    expect(sso.importHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sso.category.slug).toBe("security");
    expect(sso.tags.map((t) => t.tag.slug).sort()).toEqual(["admin", "sso"]);
    expect(sso.revisions).toHaveLength(1);
    expect(sso.revisions[0]).toMatchObject({ number: 1, source: "import", authorId: null });
    const security = await db.category.findUniqueOrThrow({ where: { slug: "security" } });
    expect(security).toMatchObject({ nameJa: "セキュリティ", position: 2 });
  });

  it("changes nothing when imported again", async () => {
    const before = await counts();
    const summary = await importContent(dir);
    expect(summary.unchanged).toHaveLength(3);
    expect(summary.created).toEqual([]);
    expect(summary.updated).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("updates a changed file as revision 2", async () => {
    write(
      "security/set-up-sso.en.md",
      article({ ...setupEn, title: "Set up SSO", tags: "[sso]" }, "## 1. Open settings\n\nNew."),
    );
    const summary = await importContent(dir);
    expect(summary.updated).toEqual(["set-up-sso"]);
    expect(summary.unchanged).toHaveLength(2);
    const sso = await db.article.findUniqueOrThrow({
      where: { slug: "set-up-sso" },
      include: { revisions: { orderBy: { number: "asc" } }, tags: { include: { tag: true } } },
    });
    expect(sso).toMatchObject({ title: "Set up SSO", revisionNumber: 2 });
    expect(sso.revisions.map((r) => [r.number, r.source, r.title])).toEqual([
      [1, "import", "Set up single sign-on"],
      [2, "import", "Set up SSO"],
    ]);
    expect(sso.tags.map((t) => t.tag.slug)).toEqual(["sso"]);
    expect(await db.article.count()).toBe(3);
  });

  it("keeps the editor's version of an article CS has edited, and says so", async () => {
    await db.article.update({
      where: { slug: "set-up-sso" },
      data: { editedInEditor: true, body: "Edited by CS." },
    });
    write(
      "security/set-up-sso.en.md",
      article({ ...setupEn, title: "Third title" }, "## 1. Open settings\n\nThird."),
    );
    const revisionsBefore = await db.articleRevision.count();
    const summary = await importContent(dir);
    expect(summary.keptEditorVersion).toEqual(["set-up-sso"]);
    expect(formatImportSummary(summary)).toContain("kept the editor's version of set-up-sso");
    const sso = await db.article.findUniqueOrThrow({ where: { slug: "set-up-sso" } });
    expect(sso).toMatchObject({ title: "Set up SSO", body: "Edited by CS.", revisionNumber: 2 });
    expect(await db.articleRevision.count()).toBe(revisionsBefore);
  });

  it("reports bad files with their path and reason and imports the rest", async () => {
    write(
      "bad/no-title.en.md",
      article({ ...setupEn, slug: "no-title", translationKey: "no-title", title: '""' }, "Body."),
    );
    write(
      "bad/unknown-category.en.md",
      article({ ...setupEn, slug: "lost", translationKey: "lost", category: "nowhere" }, "Body."),
    );
    write(
      "bad/bad-type.en.md",
      article({ ...setupEn, slug: "typed", translationKey: "typed", type: "video" }, "Body."),
    );
    write("bad/broken-yaml.en.md", "---\ntitle: [unclosed\n---\nBody");
    write(
      "bad/empty-body.en.md",
      article({ ...setupEn, slug: "empty", translationKey: "empty" }, ""),
    );
    write(
      "bad/slug-clash.en.md",
      article({ ...setupEn, translationKey: "another-key" }, "Same slug as set-up-sso."),
    );
    write(
      "basics/good-new.en.md",
      article(
        {
          ...setupEn,
          slug: "good-new",
          translationKey: "good-new",
          category: "basics",
          type: "guide",
        },
        "Fine.",
      ),
    );
    const articlesBefore = await db.article.count();
    const summary = await importContent(dir);
    expect(summary.created).toEqual(["good-new"]);
    const reasons = Object.fromEntries(summary.skipped.map((s) => [s.file, s.reason]));
    expect(reasons["bad/no-title.en.md"]).toMatch(/title is required/);
    expect(reasons["bad/unknown-category.en.md"]).toMatch(/unknown category "nowhere"/);
    expect(reasons["bad/bad-type.en.md"]).toMatch(/type must be one of faq, tutorial, guide/);
    expect(reasons["bad/broken-yaml.en.md"]).toMatch(/YAML/);
    expect(reasons["bad/empty-body.en.md"]).toMatch(/body is empty/);
    expect(reasons["bad/slug-clash.en.md"]).toMatch(
      /slug "set-up-sso" is already used by set-up-sso/,
    );
    expect(await db.article.count()).toBe(articlesBefore + 1);
    expect(await db.article.findUnique({ where: { slug: "lost" } })).toBeNull();
  });
});
