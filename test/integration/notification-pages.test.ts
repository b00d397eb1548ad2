// The pages: bell count in the root loader, the list (own notifications only), mark read, the
// preferences form, the unsubscribe page without a session, and the admin outbox.
import { describe, expect, it } from "vitest";
import { notify } from "../../app/commands/notify.server";
import { unsubscribeToken } from "../../app/models/unsubscribe.server";
import { enqueueEmail } from "../../app/models/email.server";
import { loader as rootLoader } from "../../app/root";
import { action as listAction, loader as listLoader } from "../../app/routes/notifications";
import { loader as openLoader } from "../../app/routes/notifications.$id";
import { action as outboxAction, loader as outboxLoader } from "../../app/routes/admin.outbox";
import { action as settingsAction, loader as settingsLoader } from "../../app/routes/settings";
import { action as unsubAction, loader as unsubLoader } from "../../app/routes/unsubscribe.$token";
import { db } from "../../app/utils/db.server";
import { createForumCategory, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

async function signedIn(role: "member" | "cs" | "admin" = "member") {
  const user = await createUser({ role, locale: "en" });
  return { user, cookie: (await createSessionCookie(user.id)).cookie };
}

async function give(userId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await notify({
      userId,
      kind: "announcement",
      link: "/",
      params: { titleEn: `News ${i}`, titleJa: `ニュース ${i}` },
      dedupeKey: `page-test:${i}`,
    });
  }
}

describe("bell and list", () => {
  it("counts unread in the header, lists newest first in pages, and marks read", async () => {
    const { user, cookie } = await signedIn();
    await give(user.id, 23);
    const root = await (await runLoader(rootLoader, getRequest("/", { Cookie: cookie }))).json();
    expect(root.user.unreadNotifications).toBe(23);

    const page1 = await (
      await runLoader(listLoader, getRequest("/notifications", { Cookie: cookie }))
    ).json();
    expect(page1).toMatchObject({ page: 1, pages: 2, total: 23 });
    expect(page1.items[0].message).toBe("New announcement: News 22");
    const page2 = await (
      await runLoader(listLoader, getRequest("/notifications?page=2", { Cookie: cookie }))
    ).json();
    expect(page2.items).toHaveLength(3);

    // Opening one marks it read and goes where it points.
    const open = await runLoader(
      openLoader,
      getRequest(`/notifications/${page1.items[0].id}`, { Cookie: cookie }),
      { id: page1.items[0].id },
    );
    expect(open.status).toBe(302);
    expect(open.headers.get("Location")).toBe("/");
    const read = await runAction(
      listAction,
      formRequest("/notifications", { intent: "read", id: page1.items[1].id }, { Cookie: cookie }),
    );
    expect(read.status).toBe(200);
    const unread = await (
      await runLoader(listLoader, getRequest("/notifications?filter=unread", { Cookie: cookie }))
    ).json();
    expect(unread.total).toBe(21);

    const all = await runAction(
      listAction,
      formRequest("/notifications", { intent: "readAll" }, { Cookie: cookie }),
    );
    expect((await all.json()).notice).toBe("All notifications are marked as read.");
    expect(await db.notification.count({ where: { userId: user.id, readAt: null } })).toBe(0);
  });

  it("never shows or touches another person's notifications", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    await give(owner.user.id, 1);
    const mine = await db.notification.findFirstOrThrow({ where: { userId: owner.user.id } });
    const list = await (
      await runLoader(listLoader, getRequest("/notifications", { Cookie: other.cookie }))
    ).json();
    expect(list.total).toBe(0);
    const mark = await runAction(
      listAction,
      formRequest("/notifications", { intent: "read", id: mine.id }, { Cookie: other.cookie }),
    );
    expect(mark.status).toBe(404);
    const open = await runLoader(
      openLoader,
      getRequest(`/notifications/${mine.id}`, { Cookie: other.cookie }),
      { id: mine.id },
    );
    expect(open.status).toBe(404);
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeNull();
    const bad = await runAction(
      listAction,
      formRequest("/notifications", { intent: "explode" }, { Cookie: other.cookie }),
    );
    expect(bad.status).toBe(400);
  });
});

describe("preferences form", () => {
  it("shows defaults, saves every kind and followed categories, and refuses bad values", async () => {
    const { user, cookie } = await signedIn();
    const category = await createForumCategory();
    const restricted = await createForumCategory({ audiencePlans: ["enterprise"] });
    const page = await (
      await runLoader(settingsLoader, getRequest("/settings", { Cookie: cookie }))
    ).json();
    const kinds = page.notificationPrefs.kinds.map((k: { kind: string }) => k.kind);
    expect(kinds).not.toContain("alert_assigned");
    expect(kinds).toContain("newsletter");
    expect(page.notificationPrefs.categories.map((c: { id: string }) => c.id)).not.toContain(
      restricted.id,
    );

    const fields: Record<string, string> = { intent: "notifications" };
    for (const k of page.notificationPrefs.kinds)
      fields[`email.${k.kind}`] = k.kind === "digest" ? "daily" : "never";
    const bad = await runAction(
      settingsAction,
      formRequest("/settings", { ...fields, "email.newsletter": "daily" }, { Cookie: cookie }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors).toEqual({
      "email.newsletter": "Choose one of the options.",
    });
    const hidden = new URLSearchParams({ ...fields });
    hidden.append("category", restricted.id);
    const refused = await runAction(
      settingsAction,
      new Request("http://localhost/settings", {
        method: "POST",
        body: hidden,
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(refused.status).toBe(400);
    expect(await db.notificationPreference.count({ where: { userId: user.id } })).toBe(0);

    const body = new URLSearchParams(fields);
    body.append("category", category.id);
    const ok = await runAction(
      settingsAction,
      new Request("http://localhost/settings", {
        method: "POST",
        body,
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(ok.status).toBe(200);
    expect((await ok.json()).notice).toBe("Notification settings saved.");
    expect(
      await db.notificationPreference.count({ where: { userId: user.id, email: "never" } }),
    ).toBe(kinds.length - 1);
    expect(
      await db.categoryWatch.findMany({ where: { userId: user.id }, select: { categoryId: true } }),
    ).toEqual([{ categoryId: category.id }]);
  });
});

describe("unsubscribe page", () => {
  it("works without a session: GET only asks, POST (page or mail client) applies, bad links say so", async () => {
    const { user } = await signedIn();
    const token = await unsubscribeToken(user.id, "reply");
    const ask = await runLoader(unsubLoader, getRequest(`/unsubscribe/${token}`), { token });
    expect(ask.status).toBe(200);
    expect(await ask.json()).toMatchObject({
      status: "valid",
      kind: "reply",
      email: user.email,
      applied: false,
    });
    expect(await db.notificationPreference.count({ where: { userId: user.id } })).toBe(0);

    // RFC 8058 one-click, as a mail client sends it.
    const oneClick = await runAction(
      unsubAction,
      formRequest(`/unsubscribe/${token}`, { "List-Unsubscribe": "One-Click" }),
      {},
      { token },
    );
    expect(await oneClick.json()).toMatchObject({ status: "valid", applied: true });
    const again = await runAction(
      unsubAction,
      formRequest(`/unsubscribe/${token}`, {}),
      {},
      { token },
    );
    expect(await again.json()).toMatchObject({ status: "reused", applied: false });

    const forged = await runAction(
      unsubAction,
      formRequest("/unsubscribe/x.y", {}),
      {},
      { token: "x.y" },
    );
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ status: "invalid" });
  });
});

describe("admin outbox", () => {
  it("is for admins, lists delivery state and retries a bounced e-mail", async () => {
    const admin = await signedIn("admin");
    const cs = await signedIn("cs");
    const member = await signedIn();
    expect(
      (await runLoader(outboxLoader, getRequest("/admin/outbox", { Cookie: cs.cookie }))).status,
    ).toBe(403);
    expect(
      (await runLoader(outboxLoader, getRequest("/admin/outbox", { Cookie: member.cookie })))
        .status,
    ).toBe(403);

    const row = await enqueueEmail({
      to: "bounce@example.test",
      subject: "S",
      text: "T",
      kind: "test",
      locale: "en",
    });
    await db.emailOutbox.update({
      where: { id: row.id },
      data: { status: "bounced", attempts: 1, lastError: "550 no such user" },
    });
    await db.emailSuppression.create({
      data: { email: "bounce@example.test", reason: "550 no such user" },
    });
    const page = await (
      await runLoader(
        outboxLoader,
        getRequest("/admin/outbox?status=bounced", { Cookie: admin.cookie }),
      )
    ).json();
    expect(page.rows.find((r: { id: string }) => r.id === row.id)).toMatchObject({
      status: "bounced",
      attempts: 1,
      lastError: "550 no such user",
    });

    const sent = await enqueueEmail({
      to: "fine@example.test",
      subject: "S",
      text: "T",
      kind: "test",
      locale: "en",
    });
    const refused = await runAction(
      outboxAction,
      formRequest("/admin/outbox", { intent: "retry", id: sent.id }, { Cookie: admin.cookie }),
    );
    expect(refused.status).toBe(409);
    const retried = await runAction(
      outboxAction,
      formRequest("/admin/outbox", { intent: "retry", id: row.id }, { Cookie: admin.cookie }),
    );
    expect(retried.status).toBe(200);
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "pending",
    });
    expect(await db.emailSuppression.count({ where: { email: "bounce@example.test" } })).toBe(0);
    const missing = await runAction(
      outboxAction,
      formRequest("/admin/outbox", { intent: "retry", id: "nope" }, { Cookie: admin.cookie }),
    );
    expect(missing.status).toBe(404);
  });
});
