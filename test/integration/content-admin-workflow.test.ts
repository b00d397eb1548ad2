// Review and publication: draft → in review → published → archived → draft, the four-eyes rule,
// audit entries and scheduled publication.
import { describe, expect, it } from "vitest";
import { isLive } from "../../app/models/article-policy";
import type { Role } from "../../app/models/roles";
import { action as editAction } from "../../app/routes/admin.content.$id";
import { db } from "../../app/utils/db.server";
import { en } from "../../app/i18n/en";
import { createArticle, createCategory, createSessionCookie, createUser } from "../factories";
import { formRequest, runAction } from "../helpers";

const DAY_MS = 24 * 60 * 60 * 1000;

async function signedIn(role: Role) {
  const user = await createUser({ role, locale: "en" });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

function act(id: string, intent: string, headers: Record<string, string>) {
  return runAction(
    editAction,
    formRequest(`/admin/content/${id}`, { intent }, headers),
    {},
    { id },
  );
}

/** A draft whose latest revision was saved by `authorId`. */
async function draftBy(authorId: string, publishAt: Date | null = null) {
  const categoryId = (await createCategory()).id;
  return createArticle({ categoryId, status: "draft", authorId, publishAt });
}

async function statusOf(id: string) {
  return (await db.article.findUniqueOrThrow({ where: { id } })).status;
}

describe("workflow", () => {
  it("goes draft → in review → published → archived → draft, each step audited", async () => {
    const writer = await signedIn("cs");
    const reviewer = await signedIn("cs");
    const article = await draftBy(writer.user.id);

    const submit = await act(article.id, "submit", writer.headers);
    expect(submit.status).toBe(302);
    expect(submit.headers.get("Location")).toBe(`/admin/content/${article.id}?done=submit`);
    expect(await statusOf(article.id)).toBe("in_review");

    const approve = await act(article.id, "approve", reviewer.headers);
    expect(approve.status).toBe(302);
    const published = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(published).toMatchObject({ status: "published", reviewerId: reviewer.user.id });
    expect(published.publishedAt).not.toBeNull();
    expect(isLive(published)).toBe(true);

    expect((await act(article.id, "archive", writer.headers)).status).toBe(302);
    expect(await statusOf(article.id)).toBe("archived");
    expect((await act(article.id, "unpublish", writer.headers)).status).toBe(302);
    expect(await statusOf(article.id)).toBe("draft");

    const entries = await db.auditLog.findMany({
      where: { targetId: article.id },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["article.submit", writer.user.id],
      ["article.approve", reviewer.user.id],
      ["article.archive", writer.user.id],
      ["article.unpublish", writer.user.id],
    ]);
    expect(JSON.parse(entries[1]!.data)).toMatchObject({ from: "in_review", to: "published" });
  });

  it("does not let whoever saved the latest revision approve it", async () => {
    const writer = await signedIn("cs");
    const article = await draftBy(writer.user.id);
    await act(article.id, "submit", writer.headers);

    const own = await act(article.id, "approve", writer.headers);
    expect(own.status).toBe(403);
    expect(((await own.json()) as { workflowError: string }).workflowError).toBe(
      en.contentAdmin.errors.ownRevision,
    );
    expect(await statusOf(article.id)).toBe("in_review");
    expect(
      await db.auditLog.count({ where: { targetId: article.id, action: "article.approve" } }),
    ).toBe(0);

    // An admin (or a second CS member) may.
    const admin = await signedIn("admin");
    expect((await act(article.id, "approve", admin.headers)).status).toBe(302);
    expect(await statusOf(article.id)).toBe("published");
  });

  it("refuses actions that do not fit the current state with 409", async () => {
    const writer = await signedIn("cs");
    const other = await signedIn("cs");
    const article = await draftBy(writer.user.id);
    for (const intent of ["approve", "archive", "unpublish"]) {
      const res = await act(article.id, intent, other.headers);
      expect(res.status, intent).toBe(409);
      expect(((await res.json()) as { workflowError: string }).workflowError).toBe(
        en.contentAdmin.errors.invalidTransition,
      );
    }
    expect(await statusOf(article.id)).toBe("draft");
  });

  it("keeps an approved article with a future publish time hidden until then", async () => {
    const writer = await signedIn("cs");
    const reviewer = await signedIn("cs");
    const publishAt = new Date(Date.now() + 3 * DAY_MS);
    const article = await draftBy(writer.user.id, publishAt);
    await act(article.id, "submit", writer.headers);
    expect((await act(article.id, "approve", reviewer.headers)).status).toBe(302);

    const stored = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.status).toBe("published");
    expect(stored.publishedAt?.toISOString()).toBe(publishAt.toISOString());
    expect(isLive(stored, new Date())).toBe(false);
    expect(isLive(stored, new Date(publishAt.getTime() - 1000))).toBe(false);
    expect(isLive(stored, new Date(publishAt.getTime() + 1000))).toBe(true);
  });
});
