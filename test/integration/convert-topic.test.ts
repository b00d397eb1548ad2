import { describe, expect, it } from "vitest";
import { CONVERT_AUDIT_ACTION, draftSlug } from "../../app/commands/convert-topic.server";
import { loader as editorLoader } from "../../app/routes/admin.content.$id";
import { action, loader } from "../../app/routes/community.t.$id";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createCategory,
  createSessionCookie,
  createTopic,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

async function signedIn(role: "member" | "cs" | "admin", accountId?: string) {
  const staff = role !== "member";
  const user = await createUser({
    role,
    accountId: staff ? null : (accountId ?? (await createAccount()).id),
    locale: "en",
  });
  return { user, cookie: (await createSessionCookie(user.id)).cookie };
}

/** A question by a customer, answered by another, with the answer accepted. */
async function solvedQuestion(overrides: { title?: string; locale?: string } = {}) {
  const asker = await signedIn("member");
  const helper = await signedIn("member");
  const topic = await createTopic({
    authorId: asker.user.id,
    title: overrides.title ?? "How do I export invoices as CSV?",
    locale: overrides.locale ?? "en",
    body: "I need all invoices of last year in a spreadsheet.",
    replies: [{ authorId: helper.user.id, body: "Open **Billing → Invoices** and choose Export." }],
  });
  const answer = topic.posts[1]!;
  await db.topic.update({
    where: { id: topic.id },
    data: { acceptedPostId: answer.id, acceptedAt: new Date() },
  });
  return { topic, answer, asker };
}

function convert(topicId: string, cookie: string) {
  return runAction(
    action,
    formRequest(`/community/t/${topicId}`, { intent: "convert" }, { Cookie: cookie }),
    {},
    { id: topicId },
  );
}

async function pageKnowledge(topicId: string, cookie: string) {
  const response = await runLoader(
    loader,
    getRequest(`/community/t/${topicId}`, { Cookie: cookie }),
    { id: topicId },
  );
  const body = (await response.json()) as {
    knowledge: { draft: { id: string } | null; canConvert: boolean } | null;
  };
  return body.knowledge;
}

describe("turning a solved topic into a KB draft", () => {
  it("makes one draft from the question and accepted answer that links back to the topic", async () => {
    await createCategory();
    const { topic } = await solvedQuestion();
    const cs = await signedIn("cs");
    expect(await pageKnowledge(topic.id, cs.cookie)).toEqual({ draft: null, canConvert: true });

    const response = await convert(topic.id, cs.cookie);
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/admin\/content\//);
    const articleId = location.split("/").pop()!;

    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(article).toMatchObject({
      status: "draft",
      title: topic.title,
      locale: "en",
      authorId: cs.user.id,
      slug: draftSlug(topic.title, topic.id),
    });
    expect(article.slug).toMatch(/^how-do-i-export-invoices-as-csv-/);
    expect(article.body).toContain("I need all invoices of last year");
    expect(article.body).toContain("Open **Billing → Invoices** and choose Export.");
    expect(article.body).toContain(`(/community/t/${topic.id})`);
    expect(await db.articleRevision.count({ where: { articleId } })).toBe(1);
    expect(
      await db.auditLog.count({ where: { action: CONVERT_AUDIT_ACTION, targetId: topic.id } }),
    ).toBe(1);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).articleId).toBe(
      articleId,
    );

    // The topic page now points to the draft, and the editor points back to the topic.
    expect(await pageKnowledge(topic.id, cs.cookie)).toMatchObject({
      draft: { id: articleId },
      canConvert: false,
    });
    const editor = await runLoader(
      editorLoader,
      getRequest(`/admin/content/${articleId}`, { Cookie: cs.cookie }),
      { id: articleId },
    );
    const editorData = (await editor.json()) as { sourceTopic: { id: string } | null };
    expect(editorData.sourceTopic?.id).toBe(topic.id);

    // A second click (or a double submission) opens the same draft instead of a copy.
    const again = await convert(topic.id, cs.cookie);
    expect(again.headers.get("Location")).toBe(location);
    expect(await db.article.count({ where: { title: topic.title } })).toBe(1);
  });

  it("keeps Japanese topics Japanese and gives them a usable slug", async () => {
    await createCategory();
    const { topic } = await solvedQuestion({
      title: "請求書をCSVで出力するには？",
      locale: "ja",
    });
    const admin = await signedIn("admin");
    const response = await convert(topic.id, admin.cookie);
    const article = await db.article.findUniqueOrThrow({
      where: { id: response.headers.get("Location")!.split("/").pop()! },
    });
    expect(article.locale).toBe("ja");
    expect(article.slug).toMatch(/^csv-[a-z0-9]+$/);
    expect(article.body).toContain("## 質問");
  });

  it("refuses customers, unsolved topics and other kinds, and writes nothing", async () => {
    await createCategory();
    const { topic, asker } = await solvedQuestion();
    const cs = await signedIn("cs");
    const before = await db.article.count();

    const byAsker = await convert(topic.id, asker.cookie);
    expect(byAsker.status).toBe(403);
    expect(await pageKnowledge(topic.id, asker.cookie)).toBeNull();

    const open = await createTopic({ title: "Still open question" });
    const unsolved = await convert(open.id, cs.cookie);
    expect(unsolved.status).toBe(409);
    expect(((await unsolved.json()) as { error: string }).error).toMatch(/accepted answer/);

    const idea = await createTopic({ kind: "idea", title: "Dark mode please" });
    expect((await convert(idea.id, cs.cookie)).status).toBe(409);
    expect((await convert("no-such-topic", cs.cookie)).status).toBe(404);

    expect(await db.article.count()).toBe(before);
    const ids = [topic.id, open.id, idea.id];
    expect(await db.topic.count({ where: { id: { in: ids }, articleId: { not: null } } })).toBe(0);
  });
});
