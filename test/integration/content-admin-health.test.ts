// Content health in /admin/content and the categories-and-tags page.
import { describe, expect, it } from "vitest";
import { ATTENTION_WEIGHTS } from "../../app/models/content-admin.server";
import type { Role } from "../../app/models/roles";
import { loader as editLoader } from "../../app/routes/admin.content.$id";
import { loader as listLoader } from "../../app/routes/admin.content._index";
import { action as taxonomyAction } from "../../app/routes/admin.content.taxonomy";
import { db } from "../../app/utils/db.server";
import { en } from "../../app/i18n/en";
import {
  createAccount,
  createArticle,
  createCategory,
  createSessionCookie,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

const DAY_MS = 24 * 60 * 60 * 1000;

async function staff(role: Role = "cs") {
  const user = await createUser({ role, locale: "en" });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

function marker() {
  return `m${Math.random().toString(36).slice(2, 8)}`;
}

type Row = {
  id: string;
  title: string;
  health: {
    views: number;
    helpful: number;
    unhelpful: number;
    ratio: number | null;
    unhelpfulComments: number;
    supportRequests: number;
    stale: boolean;
    attention: number;
  };
};

async function list(query: string, headers: Record<string, string>) {
  const res = await runLoader(listLoader, getRequest(`/admin/content?${query}`, headers));
  expect(res.status).toBe(200);
  return (await res.json()) as { articles: Row[]; total: number };
}

/** Feedback from fresh customer users: helpful true/false, with an optional comment. */
async function vote(
  articleId: string,
  accountId: string,
  helpful: boolean,
  comment: string | null = null,
) {
  const user = await createUser({ accountId });
  return db.articleFeedback.create({
    data: { articleId, userId: user.id, accountId, helpful, comment },
  });
}

describe("content health", () => {
  it("counts views, helpful ratio, unhelpful comments and support requests per article", async () => {
    const { headers } = await staff();
    const tag = marker();
    const account = await createAccount();
    const weak = await createArticle({ title: `${tag} weak article` });
    const other = await createArticle({ title: `${tag} other article` });
    await db.article.update({ where: { id: weak.id }, data: { viewCount: 42 } });
    await vote(weak.id, account.id, true);
    await vote(weak.id, account.id, true);
    await vote(weak.id, account.id, false, "The screenshots are outdated.");
    await vote(weak.id, account.id, false, "Does not cover SSO.");
    await vote(weak.id, account.id, false, "");
    await vote(weak.id, account.id, false);
    await vote(other.id, account.id, false, "Not this one");
    for (let i = 0; i < 3; i++) {
      await db.supportRequest.create({
        data: { articleId: weak.id, accountId: account.id, subject: "Still stuck", body: "Help" },
      });
    }
    await db.supportRequest.create({
      data: { accountId: account.id, subject: "Unrelated", body: "x" },
    });

    const { articles } = await list(`q=${tag}`, headers);
    const row = articles.find((a) => a.id === weak.id)!;
    expect(row.health).toMatchObject({
      views: 42,
      helpful: 2,
      unhelpful: 4,
      unhelpfulComments: 2,
      supportRequests: 3,
      stale: false,
    });
    expect(row.health.ratio).toBeCloseTo(2 / 6);
    const otherRow = articles.find((a) => a.id === other.id)!;
    // One vote is too few for a ratio.
    expect(otherRow.health).toMatchObject({
      ratio: null,
      unhelpfulComments: 1,
      supportRequests: 0,
    });
    expect(otherRow.health.attention).toBe(0);
    expect(row.health.attention).toBe(
      Math.round(ATTENTION_WEIGHTS.unhelpful * (4 / 6) + 3 * ATTENTION_WEIGHTS.perSupportRequest),
    );

    // The editor page shows the same numbers and the comments themselves.
    const page = await runLoader(editLoader, getRequest(`/admin/content/${weak.id}`, headers), {
      id: weak.id,
    });
    const body = (await page.json()) as { comments: { comment: string }[]; health: Row["health"] };
    expect(body.comments.map((c) => c.comment).sort()).toEqual([
      "Does not cover SSO.",
      "The screenshots are outdated.",
    ]);
    expect(body.health.supportRequests).toBe(3);
  });

  it("sorts by needs attention: unhelpful, stale and escalated articles first", async () => {
    const { headers } = await staff();
    const tag = marker();
    const account = await createAccount();
    const fine = await createArticle({ title: `${tag} fine` });
    const stale = await createArticle({ title: `${tag} stale` });
    const bad = await createArticle({ title: `${tag} bad` });
    // updatedAt is set by Prisma on every write; raw rows would be database-specific, so set it
    // through an update that names it.
    await db.article.update({
      where: { id: stale.id },
      data: { updatedAt: new Date(Date.now() - 400 * DAY_MS) },
    });
    for (let i = 0; i < 5; i++) await vote(bad.id, account.id, false);
    for (let i = 0; i < 5; i++) await vote(fine.id, account.id, true);

    const { articles } = await list(`q=${tag}&sort=attention`, headers);
    expect(articles.map((a) => a.id)).toEqual([bad.id, stale.id, fine.id]);
    expect(articles[1]!.health.stale).toBe(true);
  });

  it("filters by title ignoring case and treating % and _ literally", async () => {
    const { headers } = await staff();
    const tag = marker();
    const percent = await createArticle({ title: `${tag} 100% Uptime_Guide` });
    await createArticle({ title: `${tag} 1000 things` });
    const ja = await createArticle({ title: `${tag} ＡＰＩキーの作成`, locale: "ja" });

    expect(
      (await list(`q=${encodeURIComponent(`${tag} 100%`)}`, headers)).articles.map((a) => a.id),
    ).toEqual([percent.id]);
    expect(
      (await list(`q=${encodeURIComponent("uptime_guide")}`, headers)).articles.map((a) => a.id),
    ).toContain(percent.id);
    expect(
      (await list(`q=${encodeURIComponent("_")}&locale=en`, headers)).articles.every((a) =>
        a.title.includes("_"),
      ),
    ).toBe(true);
    // Full-width letters match their ASCII form.
    const found = await list(`q=${encodeURIComponent(`${tag} api`)}&locale=ja`, headers);
    expect(found.articles.map((a) => a.id)).toEqual([ja.id]);
  });

  it("filters by status, locale, type and category", async () => {
    const { headers } = await staff();
    const tag = marker();
    const category = await createCategory();
    const draft = await createArticle({
      title: `${tag} a`,
      status: "draft",
      type: "tutorial",
      categoryId: category.id,
    });
    await createArticle({ title: `${tag} b`, status: "published", locale: "ja" });
    expect((await list(`q=${tag}&status=draft`, headers)).articles.map((a) => a.id)).toEqual([
      draft.id,
    ]);
    expect((await list(`q=${tag}&type=tutorial`, headers)).articles.map((a) => a.id)).toEqual([
      draft.id,
    ]);
    expect(
      (await list(`q=${tag}&category=${category.id}`, headers)).articles.map((a) => a.id),
    ).toEqual([draft.id]);
    expect((await list(`q=${tag}&locale=ja`, headers)).total).toBe(1);
  });
});

type TaxonomyReply = { result: { error?: Record<string, string[] | null> }; done: string | null };

function taxonomy(fields: Record<string, string>, headers: Record<string, string>) {
  return runAction(taxonomyAction, formRequest("/admin/content/taxonomy", fields, headers));
}

describe("categories and tags", () => {
  it("creates, renames and deletes categories, refusing clashes and non-empty ones", async () => {
    const { headers } = await staff();
    const slug = `cat-${marker()}`;
    const fields = {
      intent: "createCategory",
      slug,
      nameEn: "Billing",
      nameJa: "請求",
      position: "3",
    };
    const created = await taxonomy(fields, headers);
    expect(created.status, await created.clone().text()).toBe(200);
    const category = await db.category.findUniqueOrThrow({ where: { slug } });
    expect(category).toMatchObject({ nameEn: "Billing", nameJa: "請求", position: 3 });

    const clash = await taxonomy(fields, headers);
    expect(clash.status).toBe(400);
    expect(((await clash.json()) as TaxonomyReply).result.error?.slug).toEqual([
      en.contentAdmin.errors.categorySlugTaken,
    ]);
    const badSlug = await taxonomy({ ...fields, slug: "Not OK" }, headers);
    expect(badSlug.status).toBe(400);
    const missingName = await taxonomy({ ...fields, slug: `x-${marker()}`, nameJa: "" }, headers);
    expect(((await missingName.json()) as TaxonomyReply).result.error?.nameJa).toEqual([
      en.validation.required,
    ]);
    expect(await db.category.count({ where: { slug: { startsWith: "x-" } } })).toBe(0);

    const renamed = await taxonomy(
      {
        intent: "updateCategory",
        id: category.id,
        nameEn: "Billing and invoices",
        nameJa: "請求と請求書",
        descriptionEn: "Plans, invoices",
        descriptionJa: "プランと請求書",
        position: "1",
      },
      headers,
    );
    expect(renamed.status).toBe(200);
    expect(await db.category.findUniqueOrThrow({ where: { id: category.id } })).toMatchObject({
      nameEn: "Billing and invoices",
      descriptionJa: "プランと請求書",
      position: 1,
    });

    await createArticle({ categoryId: category.id });
    const notEmpty = await taxonomy({ intent: "deleteCategory", id: category.id }, headers);
    expect(notEmpty.status).toBe(409);
    expect(((await notEmpty.json()) as TaxonomyReply).result.error?.[""]).toEqual([
      "This category still has 1 article. Move it to another category first.",
    ]);
    expect(await db.category.count({ where: { id: category.id } })).toBe(1);

    const empty = await createCategory();
    expect((await taxonomy({ intent: "deleteCategory", id: empty.id }, headers)).status).toBe(200);
    expect(await db.category.count({ where: { id: empty.id } })).toBe(0);
  });

  it("renames, merges and deletes tags", async () => {
    const { headers } = await staff();
    const a = await createArticle();
    const b = await createArticle();
    const m1 = marker();
    const sso = await db.tag.create({ data: { slug: `sso-${m1}`, name: `SSO ${m1}` } });
    const saml = await db.tag.create({ data: { slug: `saml-${m1}`, name: `SAML ${m1}` } });
    await db.articleTag.createMany({
      data: [
        { articleId: a.id, tagId: sso.id },
        { articleId: a.id, tagId: saml.id },
        { articleId: b.id, tagId: saml.id },
      ],
    });

    const taken = await taxonomy({ intent: "renameTag", id: saml.id, name: `sso ${m1}` }, headers);
    expect(taken.status).toBe(400);
    expect(((await taken.json()) as TaxonomyReply).result.error?.name).toEqual([
      en.contentAdmin.errors.tagTaken,
    ]);

    expect(
      (await taxonomy({ intent: "renameTag", id: sso.id, name: `Single sign-on ${m1}` }, headers))
        .status,
    ).toBe(200);
    expect((await db.tag.findUniqueOrThrow({ where: { id: sso.id } })).name).toBe(
      `Single sign-on ${m1}`,
    );

    const merged = await taxonomy({ intent: "mergeTag", id: saml.id, intoId: sso.id }, headers);
    expect(merged.status).toBe(200);
    expect(await db.tag.count({ where: { id: saml.id } })).toBe(0);
    const links = await db.articleTag.findMany({
      where: { tagId: sso.id },
      orderBy: { articleId: "asc" },
    });
    expect(links.map((l) => l.articleId).sort()).toEqual([a.id, b.id].sort());

    expect((await taxonomy({ intent: "deleteTag", id: sso.id }, headers)).status).toBe(200);
    expect(await db.articleTag.count({ where: { tagId: sso.id } })).toBe(0);
    expect(await db.article.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
  });
});
