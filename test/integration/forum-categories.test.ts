import { describe, expect, it } from "vitest";
import {
  FORUM_CATEGORY_AUDIT,
  POSITION_STEP,
} from "../../app/commands/manage-forum-categories.server";
import { listVisibleCategories } from "../../app/models/community-list.server";
import { action, loader } from "../../app/routes/admin.community";
import { db } from "../../app/utils/db.server";
import {
  createAccount,
  createForumCategory,
  createSessionCookie,
  createTopic,
  createUser,
} from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

async function staffCookie(role: "cs" | "admin" = "cs") {
  const user = await createUser({ role, locale: "en" });
  return { user, cookie: (await createSessionCookie(user.id)).cookie };
}

async function post(cookie: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  const request = new Request("http://localhost/admin/community", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
  const res = await runAction(action, request);
  return {
    status: res.status,
    body: (await res.json()) as {
      done: string | null;
      result: { error?: Record<string, string[]> };
    },
  };
}

const fields = (slug: string, extra: Record<string, string | string[]> = {}) => ({
  intent: "create",
  slug,
  nameEn: `Name ${slug}`,
  nameJa: `名前 ${slug}`,
  descriptionEn: "",
  descriptionJa: "",
  position: "0",
  ...extra,
});

describe("the forum category console", () => {
  it("is for staff: customers get 403", async () => {
    const customer = await createUser({ accountId: (await createAccount()).id });
    const { cookie } = await createSessionCookie(customer.id);
    expect(
      (await runLoader(loader, getRequest("/admin/community", { Cookie: cookie }))).status,
    ).toBe(403);
    const res = await runAction(
      action,
      formRequest("/admin/community", fields("nope-cat"), { Cookie: cookie }),
    );
    expect(res.status).toBe(403);
    expect(await db.forumCategory.count({ where: { slug: "nope-cat" } })).toBe(0);
  });

  it("creates a category restricted to plans, audited, seen only by those plans", async () => {
    const { cookie, user } = await staffCookie();
    const res = await post(cookie, fields("enterprise-lounge", { audiencePlans: ["enterprise"] }));
    expect(res).toMatchObject({ status: 200, body: { done: "created" } });
    const row = await db.forumCategory.findUniqueOrThrow({ where: { slug: "enterprise-lounge" } });
    expect(JSON.parse(row.audiencePlans)).toEqual(["enterprise"]);
    expect(
      await db.auditLog.count({
        where: { action: FORUM_CATEGORY_AUDIT.created, actorId: user.id },
      }),
    ).toBe(1);
    const viewer = (plan: string) => ({
      id: "x",
      role: "member",
      accountId: "a",
      account: { plan },
      suspendedUntil: null,
    });
    const slugs = async (plan: string) =>
      (await listVisibleCategories(viewer(plan))).map((c) => c.slug);
    expect(await slugs("enterprise")).toContain("enterprise-lounge");
    expect(await slugs("team")).not.toContain("enterprise-lounge");
  });

  it("reorders categories in steps", async () => {
    const { cookie } = await staffCookie();
    const before = await db.forumCategory.findMany({
      orderBy: [{ position: "asc" }, { nameEn: "asc" }],
    });
    const a = await createForumCategory({ slug: "zz-order-a", nameEn: "zz a" });
    const b = await createForumCategory({ slug: "zz-order-b", nameEn: "zz b" });
    await db.forumCategory.updateMany({
      where: { id: { in: [a.id, b.id] } },
      data: { position: 9000 },
    });
    const res = await post(cookie, { intent: "move", id: b.id, direction: "up" });
    expect(res.body.done).toBe("moved");
    const order = await db.forumCategory.findMany({
      orderBy: [{ position: "asc" }, { nameEn: "asc" }],
    });
    const ids = order.map((c) => c.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(order.map((c) => c.position)).toEqual(order.map((_, i) => (i + 1) * POSITION_STEP));
    expect(order).toHaveLength(before.length + 2);
  });

  it("refuses bad input with precise messages and changes nothing", async () => {
    const { cookie } = await staffCookie();
    await createForumCategory({ slug: "taken-slug" });
    const taken = await post(cookie, fields("taken-slug"));
    expect(taken.status).toBe(400);
    expect(taken.body.result.error!.slug).toBeDefined();
    const badSlug = await post(cookie, fields("Not A Slug!"));
    expect(badSlug.status).toBe(400);
    const badPlan = await post(cookie, fields("plan-cat", { audiencePlans: ["galactic"] }));
    expect(badPlan.status).toBe(400);
    const noName = await post(cookie, fields("noname-cat", { nameEn: " " }));
    expect(noName.status).toBe(400);
    expect(noName.body.result.error!.nameEn).toEqual(["This field is required."]);
    const badPosition = await post(cookie, fields("pos-cat", { position: "1.5" }));
    expect(badPosition.status).toBe(400);
    expect(
      await db.forumCategory.count({
        where: { slug: { in: ["plan-cat", "noname-cat", "pos-cat"] } },
      }),
    ).toBe(0);

    const missing = await post(cookie, { intent: "delete", id: "no-such-category" });
    expect(missing.status).toBe(404);
    const busy = await createForumCategory();
    await createTopic({ categoryId: busy.id });
    const notEmpty = await post(cookie, { intent: "delete", id: busy.id });
    expect(notEmpty.status).toBe(409);
    expect(await db.forumCategory.count({ where: { id: busy.id } })).toBe(1);
  });
});
