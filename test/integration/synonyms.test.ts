// Synonym groups managed by CS (/admin/insights/synonyms): create, edit, delete, the rules a group
// must keep with messages in the user's language, and that every change is audited and announced
// to the search indexes in the same transaction, while a refused change stores nothing.
import { describe, expect, it } from "vitest";
import { SYNONYM_AUDIT } from "../../app/commands/manage-synonyms.server";
import type { Role } from "../../app/models/roles";
import { action, loader } from "../../app/routes/admin.insights.synonyms";
import { db } from "../../app/utils/db.server";
import { createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

const PATH = "/admin/insights/synonyms";

async function signedIn(role: Role = "cs", locale: string | null = "en") {
  const user = await createUser({ role, locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

/** Words unique to one test, so that tests sharing the database never clash by accident. */
function word(label: string) {
  return `${label}-${Math.random().toString(36).slice(2, 8)}`;
}

function submit(headers: Record<string, string>, fields: Record<string, string>) {
  return runAction(action, formRequest(PATH, { formId: fields.intent ?? "", ...fields }, headers));
}

type Reply = { result: { error?: Record<string, string[] | null> } };

async function fieldErrors(res: Response, field = "terms") {
  const body = (await res.json()) as Reply;
  return body.result.error?.[field] ?? [];
}

/** Everything a change writes, to show that a refused one writes nothing. */
async function stored() {
  const [groups, audits, changes] = await Promise.all([
    db.searchSynonym.count(),
    db.auditLog.count({ where: { targetType: "search_synonym" } }),
    db.searchChange.count({ where: { docType: "synonyms" } }),
  ]);
  return { groups, audits, changes };
}

async function groupWith(term: string) {
  const rows = await db.searchSynonym.findMany({ select: { id: true, terms: true } });
  const row = rows.find((r) => (JSON.parse(r.terms) as string[]).includes(term));
  return row ? { id: row.id, terms: JSON.parse(row.terms) as string[] } : null;
}

describe("managing synonym groups", () => {
  it("creates a group with trimmed terms, audits it and tells the search indexes", async () => {
    const { user, headers } = await signedIn();
    const login = word("login");
    const changesBefore = await db.searchChange.count({ where: { docType: "synonyms" } });

    const res = await submit(headers, {
      intent: "create",
      terms: `  ${login} ,サインイン-${login}、 sign in ${login}  `,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${PATH}?done=created`);

    const group = await groupWith(login);
    expect(group?.terms).toEqual([login, `サインイン-${login}`, `sign in ${login}`]);
    const entry = await db.auditLog.findFirst({
      where: { action: SYNONYM_AUDIT.created, targetId: group!.id },
    });
    expect(entry?.actorId).toBe(user.id);
    expect(JSON.parse(entry!.data)).toEqual({ terms: group!.terms });
    const changes = await db.searchChange.findMany({
      where: { docType: "synonyms" },
      orderBy: { id: "desc" },
    });
    expect(changes.length).toBe(changesBefore + 1);
    expect(changes[0]!.sourceId).toBe("*");

    // The list shows it.
    const page = await runLoader(loader, getRequest(PATH, headers));
    const { groups } = (await page.json()) as { groups: { terms: string[] }[] };
    expect(groups.map((g) => g.terms)).toContainEqual(group!.terms);
  });

  it("edits a group, keeping its own terms, and records what changed", async () => {
    const { headers } = await signedIn();
    const base = word("invoice");
    await submit(headers, { intent: "create", terms: `${base}, 請求書-${base}` });
    const group = (await groupWith(base))!;
    const before = await stored();

    const res = await submit(headers, {
      intent: "update",
      id: group.id,
      terms: `${base}, 請求書-${base}, bill-${base}`,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${PATH}?done=updated`);
    expect((await groupWith(base))!.terms).toEqual([base, `請求書-${base}`, `bill-${base}`]);
    const entry = await db.auditLog.findFirst({
      where: { action: SYNONYM_AUDIT.updated, targetId: group.id },
    });
    expect(JSON.parse(entry!.data)).toEqual({
      from: [base, `請求書-${base}`],
      to: [base, `請求書-${base}`, `bill-${base}`],
    });
    expect(await stored()).toEqual({
      groups: before.groups,
      audits: before.audits + 1,
      changes: before.changes + 1,
    });
  });

  it("deletes a group, with an audit entry and a change for the indexes", async () => {
    const { headers } = await signedIn();
    const base = word("trash");
    await submit(headers, { intent: "create", terms: `${base}, ゴミ箱-${base}` });
    const group = (await groupWith(base))!;
    const before = await stored();

    const res = await submit(headers, { intent: "delete", id: group.id });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${PATH}?done=deleted`);
    expect(await groupWith(base)).toBeNull();
    const entry = await db.auditLog.findFirst({
      where: { action: SYNONYM_AUDIT.deleted, targetId: group.id },
    });
    expect(JSON.parse(entry!.data)).toEqual({ terms: [base, `ゴミ箱-${base}`] });
    expect(await stored()).toEqual({
      groups: before.groups - 1,
      audits: before.audits + 1,
      changes: before.changes + 1,
    });
  });

  it("answers 404 for a group that no longer exists", async () => {
    const { headers } = await signedIn();
    const before = await stored();
    const res = await submit(headers, { intent: "update", id: "gone", terms: "a-x1, b-x1" });
    expect(res.status).toBe(404);
    expect((await submit(headers, { intent: "delete", id: "gone" })).status).toBe(404);
    expect(await stored()).toEqual(before);
  });
});

describe("refused groups", () => {
  const cases: [string, string, string][] = [
    ["one term", "lonely", "Enter at least 2 different terms."],
    ["nothing at all", "", "Enter at least two terms."],
    [
      "eleven terms",
      Array.from({ length: 11 }, (_, i) => `term${i}`).join(", "),
      "Enter at most 10 terms.",
    ],
    [
      "a term over 50 characters",
      `short, ${"x".repeat(51)}`,
      `“${"x".repeat(51)}” is longer than 50 characters.`,
    ],
    [
      "the same term twice once width and case are folded",
      "Sign In, ｓｉｇｎ　ｉｎ",
      "“ｓｉｇｎ ｉｎ” is in the group twice (width and case do not count).",
    ],
  ];

  it.each(cases)(
    "refuses %s with 400 and a field message, storing nothing",
    async (_l, terms, message) => {
      const { headers } = await signedIn();
      const before = await stored();
      const res = await submit(headers, { intent: "create", terms });
      expect(res.status).toBe(400);
      expect(await fieldErrors(res)).toEqual([message]);
      expect(await stored()).toEqual(before);
    },
  );

  it("refuses a term that another group has, naming that group", async () => {
    const { headers } = await signedIn();
    const base = word("sso");
    await submit(headers, { intent: "create", terms: `${base}, シングルサインオン-${base}` });
    const before = await stored();

    // Case and width do not make it another word.
    const res = await submit(headers, {
      intent: "create",
      terms: `single sign-on-${base}, ${base.toUpperCase()}`,
    });
    expect(res.status).toBe(400);
    expect(await fieldErrors(res)).toEqual([
      `“${base.toUpperCase()}” is already in the group “${base} = シングルサインオン-${base}”. A term can belong to one group only.`,
    ]);
    expect(await stored()).toEqual(before);

    // Editing another group into a clash is refused the same way.
    const other = word("other");
    await submit(headers, { intent: "create", terms: `${other}, ${other}-2` });
    const otherGroup = (await groupWith(other))!;
    const edit = await submit(headers, {
      intent: "update",
      id: otherGroup.id,
      terms: `${other}, シングルサインオン-${base}`,
    });
    expect(edit.status).toBe(400);
    expect((await fieldErrors(edit))[0]).toMatch(/already in the group/);
    expect((await groupWith(other))!.terms).toEqual([other, `${other}-2`]);
  });

  it("speaks the user's language", async () => {
    const { headers } = await signedIn("cs", "ja");
    const res = await submit(headers, { intent: "create", terms: "ログイン" });
    expect(res.status).toBe(400);
    expect(await fieldErrors(res)).toEqual(["異なる語を 2 つ以上入力してください。"]);
  });
});

describe("who may manage synonyms", () => {
  it("refuses customers with 403 and stores nothing", async () => {
    for (const role of ["member", "account_admin"] as const) {
      const { headers } = await signedIn(role);
      const before = await stored();
      const res = await submit(headers, { intent: "create", terms: "a-cust, b-cust" });
      expect(res.status, role).toBe(403);
      expect(await stored()).toEqual(before);
    }
  });

  it("lets admins manage them too", async () => {
    const { headers } = await signedIn("admin");
    const base = word("admin");
    const res = await submit(headers, { intent: "create", terms: `${base}, ${base}-too` });
    expect(res.status).toBe(302);
  });
});
