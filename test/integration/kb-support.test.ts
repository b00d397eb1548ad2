import { describe, expect, it } from "vitest";
import { PORTAL_EVENTS } from "../../app/models/event.server";
import { action, loader } from "../../app/routes/support.new";
import { db } from "../../app/utils/db.server";
import { createArticle, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

async function customer() {
  const user = await createUser({ locale: "en" });
  const { cookie } = await createSessionCookie(user.id);
  return { user, cookie };
}

function send(cookie: string, fields: Record<string, string>) {
  return runAction(action, formRequest("/support/new", fields, { Cookie: cookie }));
}

describe("/support/new", () => {
  it("prefills the subject from the article and stores the request with its context", async () => {
    const article = await createArticle({ title: "Export a report" });
    const { user, cookie } = await customer();
    const page = await runLoader(
      loader,
      getRequest(`/support/new?article=${article.slug}&q=csv%20export`, { Cookie: cookie }),
    );
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({
      article: { slug: article.slug, title: "Export a report" },
      searchQuery: "csv export",
      defaultSubject: "Question about “Export a report”",
      defaultBody: "",
      chat: null,
    });

    const res = await send(cookie, {
      subject: "  Export fails ",
      body: "The CSV is empty.",
      article: article.slug,
      q: "csv export",
    });
    expect(res.status).toBe(200);
    expect((await res.json()).sent).toBe(true);
    const stored = await db.supportRequest.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored).toMatchObject({
      subject: "Export fails",
      body: "The CSV is empty.",
      articleId: article.id,
      searchQuery: "csv export",
      accountId: user.accountId,
      status: "open",
    });
    const event = await db.event.findFirstOrThrow({
      where: { userId: user.id, type: PORTAL_EVENTS.supportRequested },
    });
    expect(JSON.parse(event.properties)).toMatchObject({
      articleId: article.id,
      searchQuery: "csv export",
    });
  });

  it("accepts a request about an unknown or hidden article without linking it", async () => {
    const draft = await createArticle({ status: "draft", title: "Secret roadmap" });
    const { user, cookie } = await customer();
    const page = await (
      await runLoader(loader, getRequest(`/support/new?article=${draft.slug}`, { Cookie: cookie }))
    ).json();
    expect(page.article).toBeNull();
    expect(page.defaultSubject).toBe("");
    for (const slug of ["no-such-article", draft.slug]) {
      const res = await send(cookie, { subject: "Help", body: "Please.", article: slug });
      expect(res.status).toBe(200);
    }
    const rows = await db.supportRequest.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.articleId)).toEqual([null, null]);
  });

  it("refuses missing or over-long fields with messages and stores nothing", async () => {
    const { user, cookie } = await customer();
    const empty = await send(cookie, { subject: "   ", body: "" });
    expect(empty.status).toBe(400);
    const emptyBody = await empty.json();
    expect(emptyBody.result.error.subject).toEqual(["This field is required."]);
    expect(emptyBody.result.error.body).toEqual(["This field is required."]);

    const long = await send(cookie, { subject: "s".repeat(201), body: "b".repeat(5001) });
    expect(long.status).toBe(400);
    const longBody = await long.json();
    expect(longBody.result.error.subject).toEqual(["Use at most 200 characters."]);
    expect(longBody.result.error.body).toEqual(["Use at most 5000 characters."]);
    // What the customer typed comes back to the form.
    expect(longBody.result.initialValue.body).toHaveLength(5001);
    expect(await db.supportRequest.count({ where: { userId: user.id } })).toBe(0);
  });

  it("is for signed-in customers: visitors sign in first, staff are refused", async () => {
    const anonymous = await runAction(
      action,
      formRequest("/support/new", { subject: "a", body: "b" }),
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const staff = await createUser({ role: "cs" });
    const { cookie } = await createSessionCookie(staff.id);
    expect((await send(cookie, { subject: "a", body: "b" })).status).toBe(403);
    expect((await runLoader(loader, getRequest("/support/new", { Cookie: cookie }))).status).toBe(
      403,
    );
  });
});
