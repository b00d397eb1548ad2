// The CS editor: creating and editing articles, bad input, revisions, restore, concurrent edits
// and who may use any of it. Runs on SQLite and PostgreSQL.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../app/models/roles";
import { action as editAction, loader as editLoader } from "../../app/routes/admin.content.$id";
import {
  action as historyAction,
  loader as historyLoader,
} from "../../app/routes/admin.content.$id.history";
import { loader as listLoader } from "../../app/routes/admin.content._index";
import { action as newAction, loader as newLoader } from "../../app/routes/admin.content.new";
import {
  action as previewAction,
  loader as previewLoader,
} from "../../app/routes/admin.content.preview";
import {
  action as taxonomyAction,
  loader as taxonomyLoader,
} from "../../app/routes/admin.content.taxonomy";
import { db } from "../../app/utils/db.server";
import { MARKDOWN_MAX_LENGTH } from "../../app/utils/markdown.server";
import { en } from "../../app/i18n/en";
import { createArticle, createCategory, createSessionCookie, createUser } from "../factories";
import { getRequest, runAction, runLoader, TEST_ORIGIN } from "../helpers";

const m = en.contentAdmin;

async function signedIn(role: Role, name?: string) {
  const user = await createUser({ role, locale: "en", ...(name ? { name } : {}) });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

/** A form post with repeated fields (checkboxes), as a browser sends it. */
function post(path: string, fields: [string, string][], headers: Record<string, string>) {
  return new Request(TEST_ORIGIN + path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

let seq = 0;
function uniqueSlug(prefix = "article") {
  seq += 1;
  return `${prefix}-${seq}-${Math.random().toString(36).slice(2, 8)}`;
}

type Fields = Record<string, string | string[]>;
function toPairs(fields: Fields): [string, string][] {
  return Object.entries(fields).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]],
  );
}

function articleFields(categoryId: string, overrides: Fields = {}): Fields {
  return {
    intent: "save",
    title: "How to export a report",
    slug: uniqueSlug(),
    locale: "en",
    type: "faq",
    categoryId,
    tags: "reports, export",
    summary: "Exports in CSV and PDF.",
    body: "## Steps\n\n1. Open the report.\n2. Choose **Export**.",
    audience: "all",
    ...overrides,
  };
}

type ReplyBody = {
  result: {
    status?: string;
    error?: Record<string, string[] | null>;
    initialValue?: Record<string, unknown>;
  };
  conflict?: { number: number; authorName: string; body: string } | null;
  workflowError?: string | null;
};

async function create(headers: Record<string, string>, fields: Fields) {
  return runAction(newAction, post("/admin/content/new", toPairs(fields), headers));
}

function idFrom(res: Response) {
  const location = res.headers.get("Location") ?? "";
  const match = /^\/admin\/content\/([^/?]+)/.exec(location);
  expect(match, location).not.toBeNull();
  return match![1]!;
}

async function save(id: string, headers: Record<string, string>, fields: Fields) {
  return runAction(editAction, post(`/admin/content/${id}`, toPairs(fields), headers), {}, { id });
}

describe("creating an article", () => {
  let cs: Awaited<ReturnType<typeof signedIn>>;
  let categoryId: string;
  beforeEach(async () => {
    cs = await signedIn("cs");
    categoryId = (await createCategory()).id;
  });

  it("stores a draft with its first revision, tags and the editor flag", async () => {
    const fields = articleFields(categoryId, {
      audience: "restricted",
      audiencePlans: ["business", "enterprise"],
      audienceSegments: ["high_touch"],
      publishAt: "2030-04-01T09:30",
    });
    const res = await create(cs.headers, fields);
    expect(res.status).toBe(302);
    const id = idFrom(res);
    const article = await db.article.findUniqueOrThrow({
      where: { id },
      include: { revisions: true, tags: { include: { tag: true } } },
    });
    expect(article).toMatchObject({
      slug: fields.slug,
      translationKey: fields.slug, // defaults to the slug
      status: "draft",
      editedInEditor: true,
      revisionNumber: 1,
      authorId: cs.user.id,
      audience: "restricted",
      audiencePlans: '["business","enterprise"]',
      audienceSegments: '["high_touch"]',
    });
    // datetime-local is read as UTC.
    expect(article.publishAt?.toISOString()).toBe("2030-04-01T09:30:00.000Z");
    expect(article.revisions).toHaveLength(1);
    expect(article.revisions[0]).toMatchObject({
      number: 1,
      source: "editor",
      authorId: cs.user.id,
      body: fields.body,
    });
    expect(article.tags.map((t) => t.tag.name).sort()).toEqual(["export", "reports"]);
  });

  it("accepts an article without the optional fields", async () => {
    const { tags: _t, summary: _s, ...fields } = articleFields(categoryId);
    const res = await create(cs.headers, { ...fields, translationKey: "", publishAt: "" });
    expect(res.status, await res.clone().text()).toBe(302);
    const article = await db.article.findUniqueOrThrow({ where: { id: idFrom(res) } });
    expect(article).toMatchObject({ summary: "", publishAt: null, translationKey: fields.slug });
  });

  const longBody = "a".repeat(MARKDOWN_MAX_LENGTH + 1);
  const badInputs: [string, (categoryId: string) => Fields, string, string][] = [
    ["a missing title", (c) => articleFields(c, { title: "  " }), "title", en.validation.required],
    [
      "an over-long title",
      (c) => articleFields(c, { title: "x".repeat(201) }),
      "title",
      en.validation.tooLong.replace("{{max}}", "200"),
    ],
    [
      "bad slug characters",
      (c) => articleFields(c, { slug: "Hello World!" }),
      "slug",
      m.errors.slugPattern,
    ],
    ["a missing slug", (c) => articleFields(c, { slug: "" }), "slug", en.validation.required],
    [
      "an unknown category",
      () => articleFields("no-such-category"),
      "categoryId",
      m.errors.categoryUnknown,
    ],
    [
      "an over-long body",
      (c) => articleFields(c, { body: longBody }),
      "body",
      m.errors.bodyTooLong.replace("{{max}}", String(MARKDOWN_MAX_LENGTH)),
    ],
    ["an empty body", (c) => articleFields(c, { body: " \n " }), "body", en.validation.required],
    [
      "a bad audience value",
      (c) => articleFields(c, { audience: "everyone" }),
      "audience",
      en.validation.invalidChoice,
    ],
    [
      "a bad plan",
      (c) => articleFields(c, { audience: "restricted", audiencePlans: ["platinum"] }),
      "audiencePlans[0]",
      en.validation.invalidChoice,
    ],
    [
      "a restricted audience with nobody in it",
      (c) => articleFields(c, { audience: "restricted" }),
      "audience",
      m.errors.audienceEmpty,
    ],
    [
      "a bad locale",
      (c) => articleFields(c, { locale: "fr" }),
      "locale",
      en.validation.invalidChoice,
    ],
    [
      "a publish time that is not one",
      (c) => articleFields(c, { publishAt: "tomorrow" }),
      "publishAt",
      m.errors.publishAt,
    ],
  ];

  it.each(badInputs)(
    "refuses %s with 400 and a field message",
    async (_l, build, field, message) => {
      const before = await db.article.count();
      const revisions = await db.articleRevision.count();
      const fields = build(categoryId);
      const res = await create(cs.headers, fields);
      expect(res.status).toBe(400);
      const body = (await res.json()) as ReplyBody;
      expect(body.result.error?.[field]).toEqual([message]);
      // What the user typed comes back to the form.
      expect(body.result.initialValue?.title).toBe(fields.title);
      expect(await db.article.count()).toBe(before);
      expect(await db.articleRevision.count()).toBe(revisions);
    },
  );

  it("refuses a slug clash and a translation key clash with field messages", async () => {
    const existing = await createArticle({ categoryId, locale: "en" });
    const before = await db.article.count();

    const slugClash = await create(cs.headers, articleFields(categoryId, { slug: existing.slug }));
    expect(slugClash.status).toBe(400);
    expect(((await slugClash.json()) as ReplyBody).result.error?.slug).toEqual([
      m.errors.slugTaken,
    ]);

    const keyClash = await create(
      cs.headers,
      articleFields(categoryId, { translationKey: existing.translationKey }),
    );
    expect(keyClash.status).toBe(400);
    expect(((await keyClash.json()) as ReplyBody).result.error?.translationKey).toEqual([
      m.errors.translationTaken,
    ]);
    expect(await db.article.count()).toBe(before);

    // The same key in the other language is the translation: allowed.
    const translation = await create(
      cs.headers,
      articleFields(categoryId, { locale: "ja", translationKey: existing.translationKey }),
    );
    expect(translation.status).toBe(302);
  });

  it("answers field messages in the editor's language", async () => {
    const user = await createUser({ role: "cs", locale: "ja" });
    const { cookie } = await createSessionCookie(user.id);
    const res = await create({ Cookie: cookie }, articleFields(categoryId, { slug: "Bad Slug" }));
    expect(res.status).toBe(400);
    const { ja } = await import("../../app/i18n/ja");
    expect(((await res.json()) as ReplyBody).result.error?.slug).toEqual([
      ja.contentAdmin.errors.slugPattern,
    ]);
  });
});

describe("editing, history and restore", () => {
  it("adds a revision per save and restores an old text as a new revision", async () => {
    const cs = await signedIn("cs");
    const categoryId = (await createCategory()).id;
    const first = articleFields(categoryId, { body: "First text." });
    const id = idFrom(await create(cs.headers, first));

    const second = await save(id, cs.headers, {
      ...first,
      body: "Second text.",
      baseRevision: "1",
    });
    expect(second.status).toBe(302);
    expect(second.headers.get("Location")).toBe(`/admin/content/${id}?saved=2`);
    const third = await save(id, cs.headers, {
      ...first,
      title: "Renamed",
      body: "Third text.",
      baseRevision: "2",
    });
    expect(third.status).toBe(302);

    const revisions = await db.articleRevision.findMany({
      where: { articleId: id },
      orderBy: { number: "asc" },
    });
    expect(revisions.map((r) => [r.number, r.body, r.source])).toEqual([
      [1, "First text.", "editor"],
      [2, "Second text.", "editor"],
      [3, "Third text.", "editor"],
    ]);

    // The history page compares any two revisions.
    const history = await runLoader(
      historyLoader,
      getRequest(`/admin/content/${id}/history?from=1&to=3`, cs.headers),
      { id },
    );
    expect(history.status).toBe(200);
    const h = (await history.json()) as {
      revisions: unknown[];
      from: { body: string };
      to: { body: string };
    };
    expect(h.revisions).toHaveLength(3);
    expect(h.from.body).toBe("First text.");
    expect(h.to.body).toBe("Third text.");

    const restore = await runAction(
      historyAction,
      post(
        `/admin/content/${id}/history`,
        [
          ["intent", "restore"],
          ["revision", "1"],
        ],
        cs.headers,
      ),
      {},
      { id },
    );
    expect(restore.status).toBe(302);
    const article = await db.article.findUniqueOrThrow({ where: { id } });
    expect(article).toMatchObject({ body: "First text.", title: first.title, revisionNumber: 4 });
    const restored = await db.articleRevision.findUniqueOrThrow({
      where: { articleId_number: { articleId: id, number: 4 } },
    });
    expect(restored).toMatchObject({
      source: "restore",
      body: "First text.",
      authorId: cs.user.id,
    });
    // Nothing is lost: the revisions in between are still there.
    expect(await db.articleRevision.count({ where: { articleId: id } })).toBe(4);
  });

  it("keeps the first editor's text and shows the second the conflict (409)", async () => {
    const alice = await signedIn("cs", "Alice Editor");
    const bob = await signedIn("cs", "Bob Editor");
    const categoryId = (await createCategory()).id;
    const base = articleFields(categoryId, { body: "Original." });
    const id = idFrom(await create(alice.headers, base));

    const aliceSave = await save(id, alice.headers, {
      ...base,
      body: "Alice's text.",
      baseRevision: "1",
    });
    expect(aliceSave.status).toBe(302);
    const bobSave = await save(id, bob.headers, {
      ...base,
      body: "Bob's text.",
      baseRevision: "1",
    });
    expect(bobSave.status).toBe(409);
    const reply = (await bobSave.json()) as ReplyBody;
    expect(reply.conflict).toMatchObject({
      number: 2,
      authorName: "Alice Editor",
      body: "Alice's text.",
    });
    // Bob's typed text goes back into his form.
    expect(reply.result.initialValue?.body).toBe("Bob's text.");

    const article = await db.article.findUniqueOrThrow({ where: { id } });
    expect(article.body).toBe("Alice's text.");
    expect(article.revisionNumber).toBe(2);
    expect(await db.articleRevision.count({ where: { articleId: id } })).toBe(2);

    // Having seen the conflict, Bob saves on top of revision 2.
    const retry = await save(id, bob.headers, { ...base, body: "Bob's text.", baseRevision: "2" });
    expect(retry.status).toBe(302);
    expect((await db.article.findUniqueOrThrow({ where: { id } })).body).toBe("Bob's text.");
  });

  it("refuses a bad edit with 400 and changes nothing", async () => {
    const cs = await signedIn("cs");
    const categoryId = (await createCategory()).id;
    const other = await createArticle({ categoryId });
    const base = articleFields(categoryId);
    const id = idFrom(await create(cs.headers, base));
    const res = await save(id, cs.headers, { ...base, slug: other.slug, baseRevision: "1" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ReplyBody).result.error?.slug).toEqual([m.errors.slugTaken]);
    const article = await db.article.findUniqueOrThrow({ where: { id } });
    expect(article.slug).toBe(base.slug);
    expect(article.revisionNumber).toBe(1);
  });

  it("renders the preview through the sanitizer", async () => {
    const cs = await signedIn("cs");
    const res = await runAction(
      previewAction,
      post(
        "/admin/content/preview",
        [
          [
            "body",
            "## Hi\n\n<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))",
          ],
        ],
        cs.headers,
      ),
    );
    expect(res.status).toBe(200);
    const { html } = (await res.json()) as { html: string };
    expect(html).toContain("<h2");
    expect(html).not.toMatch(/<script|onerror|href="javascript:/i);
  });
});

describe("who may use /admin/content", () => {
  let articleId: string;
  beforeEach(async () => {
    articleId = (await createArticle()).id;
  });

  const loaders: [string, (args: LoaderFunctionArgs) => unknown][] = [
    ["list", listLoader],
    ["new", newLoader],
    ["edit", editLoader],
    ["history", historyLoader],
    ["taxonomy", taxonomyLoader],
    ["preview", previewLoader],
  ];
  const actions: [string, (args: ActionFunctionArgs) => unknown][] = [
    ["new", newAction],
    ["edit", editAction],
    ["history", historyAction],
    ["taxonomy", taxonomyAction],
    ["preview", previewAction],
  ];

  it.each(loaders)("%s page refuses customers with 403", async (_name, loader) => {
    for (const role of ["member", "account_admin"] as const) {
      const { headers } = await signedIn(role);
      const res = await runLoader(loader, getRequest(`/admin/content/${articleId}`, headers), {
        id: articleId,
      });
      expect(res.status, role).toBe(403);
    }
  });

  it.each(actions)(
    "%s action refuses customers with 403 and changes nothing",
    async (_n, action) => {
      const before = await db.article.findUniqueOrThrow({ where: { id: articleId } });
      for (const role of ["member", "account_admin"] as const) {
        const { headers } = await signedIn(role);
        const res = await runAction(
          action,
          post(
            `/admin/content/${articleId}`,
            [
              ["intent", "approve"],
              ["body", "hacked"],
              ["revision", "1"],
            ],
            headers,
          ),
          {},
          { id: articleId },
        );
        expect(res.status, role).toBe(403);
      }
      expect(await db.article.findUniqueOrThrow({ where: { id: articleId } })).toEqual(before);
    },
  );

  it("sends visitors who are not signed in to the login page", async () => {
    const res = await runLoader(listLoader, getRequest("/admin/content"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });

  it("answers 404 for an unknown article", async () => {
    const { headers } = await signedIn("cs");
    const res = await runLoader(editLoader, getRequest("/admin/content/nope", headers), {
      id: "nope",
    });
    expect(res.status).toBe(404);
  });
});
