import { describe, expect, it } from "vitest";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { FORUM_LIMITS } from "../../app/models/forum-policy";
import { action, loader } from "../../app/routes/community.new";
import { db } from "../../app/utils/db.server";
import { createAccount, createForumCategory, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

async function customer(plan = "team") {
  const account = await createAccount({ plan });
  const user = await createUser({ accountId: account.id, locale: "en" });
  const { cookie } = await createSessionCookie(user.id);
  return { user, cookie };
}

function post(cookie: string, fields: Record<string, string>) {
  return runAction(action, formRequest("/community/new", fields, { Cookie: cookie }));
}

function validFields(categoryId: string, overrides: Record<string, string> = {}) {
  return {
    kind: "question",
    categoryId,
    title: "How do I export invoices as CSV?",
    body: "I looked in **Billing** but found no export button.",
    tags: "billing, export",
    locale: "en",
    submissionKey: crypto.randomUUID(),
    ...overrides,
  };
}

describe("/community/new", () => {
  it("creates the topic with its opening post, tags, event and search change, then opens it", async () => {
    const category = await createForumCategory();
    const { user, cookie } = await customer();
    const res = await post(cookie, validFields(category.id));
    expect(res.status).toBe(302);
    const topic = await db.topic.findFirstOrThrow({
      where: { authorId: user.id },
      include: { posts: true, tags: { include: { tag: true } } },
    });
    expect(res.headers.get("Location")).toBe(`/community/t/${topic.id}`);
    expect(topic).toMatchObject({
      kind: "question",
      title: "How do I export invoices as CSV?",
      locale: "en",
      categoryId: category.id,
      accountId: user.accountId,
      state: "visible",
      replyCount: 0,
    });
    expect(topic.posts).toHaveLength(1);
    expect(topic.posts[0]).toMatchObject({ number: 1, authorId: user.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).handle).toBeTruthy();
    expect(topic.posts[0]!.body).toContain("**Billing**");
    expect(topic.tags.map((t) => t.tag.slug).sort()).toEqual(["billing", "export"]);

    const event = await db.event.findFirstOrThrow({
      where: { userId: user.id, type: PORTAL_EVENTS.topicCreated },
    });
    expect(event.accountId).toBe(user.accountId);
    expect(JSON.parse(event.properties)).toMatchObject({ topicId: topic.id, kind: "question" });
    expect(
      await db.searchChange.count({ where: { docType: "topic", sourceId: topic.id } }),
    ).toBeGreaterThan(0);
    // The author's own opening post does not show as unread to them.
    const read = await db.topicRead.findUniqueOrThrow({
      where: { topicId_userId: { topicId: topic.id, userId: user.id } },
    });
    expect(read.lastReadNumber).toBe(1);
  });

  it("reuses existing tags instead of creating duplicates", async () => {
    const category = await createForumCategory();
    const existing = await db.tag.create({ data: { slug: "sso-reuse", name: "SSO reuse" } });
    const { cookie } = await customer();
    await post(cookie, validFields(category.id, { tags: "SSO reuse" }));
    const links = await db.topicTag.findMany({ where: { tagId: existing.id } });
    expect(links).toHaveLength(1);
    expect(await db.tag.count({ where: { slug: "sso-reuse" } })).toBe(1);
  });

  it("answers a double submission with the first topic", async () => {
    const category = await createForumCategory();
    const { user, cookie } = await customer();
    const fields = validFields(category.id);
    const [first, second] = await Promise.all([post(cookie, fields), post(cookie, fields)]);
    const third = await post(cookie, fields);
    const locations = [first, second, third].map((r) => r.headers.get("Location"));
    expect(new Set(locations).size).toBe(1);
    expect(await db.topic.count({ where: { authorId: user.id } })).toBe(1);
    expect(
      await db.event.count({ where: { userId: user.id, type: PORTAL_EVENTS.topicCreated } }),
    ).toBe(1);
  });

  it("refuses bad input with field messages and stores nothing", async () => {
    const category = await createForumCategory();
    const { user, cookie } = await customer();
    const empty = await post(
      cookie,
      validFields(category.id, { title: "  ", body: "", kind: "rant" }),
    );
    expect(empty.status).toBe(400);
    const emptyBody = await empty.json();
    expect(emptyBody.result.error.title).toEqual(["This field is required."]);
    expect(emptyBody.result.error.body).toEqual(["This field is required."]);
    expect(emptyBody.result.error.kind).toEqual(["Choose one of the options."]);

    const bad = await post(
      cookie,
      validFields(category.id, {
        title: "Short",
        body: "b".repeat(FORUM_LIMITS.bodyMax + 1),
        tags: "a, b, c, d, e, f",
        categoryId: "",
      }),
    );
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(badBody.result.error.title).toEqual([
      `Use at least ${FORUM_LIMITS.titleMin} characters.`,
    ]);
    expect(badBody.result.error.body).toEqual([`Use at most ${FORUM_LIMITS.bodyMax} characters.`]);
    expect(badBody.result.error.tags).toEqual([`Use at most ${FORUM_LIMITS.tagsMax} tags.`]);
    expect(badBody.result.error.categoryId).toEqual(["This field is required."]);

    const long = await post(
      cookie,
      validFields(category.id, { title: "t".repeat(FORUM_LIMITS.titleMax + 1) }),
    );
    expect((await long.json()).result.error.title).toEqual([
      `Use at most ${FORUM_LIMITS.titleMax} characters.`,
    ]);
    expect(await db.topic.count({ where: { authorId: user.id } })).toBe(0);
  });

  it("treats a category the customer's plan cannot see as not found", async () => {
    const enterprise = await createForumCategory({ audiencePlans: ["enterprise"] });
    const { user, cookie } = await customer("team");
    const res = await post(cookie, validFields(enterprise.id));
    expect(res.status).toBe(404);
    expect((await res.json()).result.error.categoryId).toEqual([
      "This category is not available. Choose another one.",
    ]);
    expect(await db.topic.count({ where: { authorId: user.id } })).toBe(0);
    const missing = await post(cookie, validFields("no-such-category"));
    expect(missing.status).toBe(404);

    // The form offers only categories the customer may post in.
    const page = await (
      await runLoader(loader, getRequest("/community/new", { Cookie: cookie }))
    ).json();
    expect(page.categories.map((c: { id: string }) => c.id)).not.toContain(enterprise.id);

    const { user: big, cookie: bigCookie } = await customer("enterprise");
    expect((await post(bigCookie, validFields(enterprise.id))).status).toBe(302);
    expect(await db.topic.count({ where: { authorId: big.id } })).toBe(1);
  });

  it("refuses suspended users with 403 and sends visitors to sign in", async () => {
    const category = await createForumCategory();
    const { user, cookie } = await customer();
    await db.user.update({
      where: { id: user.id },
      data: { suspendedUntil: new Date(Date.now() + 24 * 60 * 60 * 1000) },
    });
    expect((await post(cookie, validFields(category.id))).status).toBe(403);
    expect(await db.topic.count({ where: { authorId: user.id } })).toBe(0);
    const page = await (
      await runLoader(loader, getRequest("/community/new", { Cookie: cookie }))
    ).json();
    expect(page.suspended).toBe(true);

    const anonymous = await runAction(
      action,
      formRequest("/community/new", validFields(category.id)),
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("prefills the title sent by search", async () => {
    const { cookie } = await customer();
    const page = await runLoader(
      loader,
      getRequest("/community/new?title=SAML%20login%20loops", { Cookie: cookie }),
    );
    expect((await page.json()).defaultTitle).toBe("SAML login loops");
  });
});
