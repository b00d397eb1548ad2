import { describe, expect, it } from "vitest";
import { loader as categoryLoader } from "../../app/routes/kb.c.$category";
import { loader } from "../../app/routes/kb._index";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createArticle,
  createCategory,
  createSessionCookie,
  createUser,
} from "../factories";
import { getRequest, runLoader } from "../helpers";

type Listed = { slug: string; title: string };
const slugs = (list: Listed[]) => list.map((a) => a.slug);

describe("/kb", () => {
  it("lists categories in order with the viewer's language, falling back to the other one", async () => {
    const second = await createCategory({ nameEn: "Second", nameJa: "二番目", position: 2 });
    const first = await createCategory({ nameEn: "First", nameJa: "一番目", position: 1 });
    const enOne = await createArticle({ categoryId: first.id, title: "English one" });
    const jaOne = await createArticle({
      categoryId: first.id,
      locale: "ja",
      title: "日本語の記事",
    });
    const jaOnly = await createArticle({
      categoryId: second.id,
      locale: "ja",
      title: "日本語だけ",
    });
    const draft = await createArticle({ categoryId: first.id, status: "draft" });
    const restricted = await createArticle({
      categoryId: first.id,
      audience: "restricted",
      audiencePlans: ["enterprise"],
    });
    await db.article.update({ where: { id: enOne.id }, data: { viewCount: 7 } });

    const res = await runLoader(loader, getRequest("/kb", { "Accept-Language": "en" }));
    expect(res.status).toBe(200);
    const page = await res.json();
    const ours = page.categories.filter((c: { slug: string }) =>
      [first.slug, second.slug].includes(c.slug),
    );
    expect(ours.map((c: { name: string }) => c.name)).toEqual(["First", "Second"]);
    expect(slugs(ours[0].articles)).toEqual([enOne.slug]);
    expect(ours[0].fallbackLocale).toBeNull();
    expect(slugs(ours[1].articles)).toEqual([jaOnly.slug]);
    expect(ours[1].fallbackLocale).toBe("ja");
    expect(slugs(page.mostViewed)).toEqual([enOne.slug]);
    expect(slugs(page.recentlyUpdated)).toContain(enOne.slug);
    const everything = JSON.stringify(page);
    expect(everything).not.toContain(draft.slug);
    expect(everything).not.toContain(restricted.slug);

    const ja = await (
      await runLoader(loader, getRequest("/kb", { "Accept-Language": "ja" }))
    ).json();
    const jaFirst = ja.categories.find((c: { slug: string }) => c.slug === first.slug);
    expect(jaFirst.name).toBe("一番目");
    expect(slugs(jaFirst.articles)).toEqual([jaOne.slug]);

    // A customer on the allowed plan sees the restricted article.
    const account = await createAccount({ plan: "enterprise" });
    const user = await createUser({ accountId: account.id, locale: "en" });
    const { cookie } = await createSessionCookie(user.id);
    const allowed = await (await runLoader(loader, getRequest("/kb", { Cookie: cookie }))).json();
    expect(JSON.stringify(allowed)).toContain(restricted.slug);
  });

  it("shows one category at /kb/c/:category and 404s an unknown one", async () => {
    const category = await createCategory({ nameEn: "Billing" });
    const article = await createArticle({ categoryId: category.id, summary: "Pay by card." });
    const res = await runLoader(categoryLoader, getRequest(`/kb/c/${category.slug}`), {
      category: category.slug,
    });
    const page = await res.json();
    expect(page.category.name).toBe("Billing");
    expect(page.category.articles).toEqual([
      expect.objectContaining({ slug: article.slug, summary: "Pay by card." }),
    ]);
    const missing = await runLoader(categoryLoader, getRequest("/kb/c/nope"), { category: "nope" });
    expect(missing.status).toBe(404);
  });
});
