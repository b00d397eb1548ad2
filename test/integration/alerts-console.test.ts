// The alerts inbox and the webhooks pages through their loaders and actions, as a browser uses them.
import { beforeEach, describe, expect, it } from "vitest";
import { raiseAlert } from "../../app/commands/alerts.server";
import type { Role } from "../../app/models/roles";
import { action as alertsAction, loader as alertsLoader } from "../../app/routes/admin.alerts";
import {
  action as webhookAction,
  loader as webhookLoader,
} from "../../app/routes/admin.integrations_.webhooks.$id";
import {
  action as webhooksAction,
  loader as webhooksLoader,
} from "../../app/routes/admin.integrations_.webhooks._index";
import { db } from "../../app/utils/db.server";
import { createAccount, createSessionCookie, createUser } from "../factories";
import { formRequest, getRequest, runAction, runLoader } from "../helpers";

async function signedIn(role: Role, locale: string | null = "en") {
  const user = await createUser({ role, locale });
  const { cookie } = await createSessionCookie(user.id);
  return { user, headers: { Cookie: cookie } };
}

async function alertFor(ownerId: string | null, kind = "health_red") {
  const account = await createAccount({ ownerId });
  const alert = await raiseAlert({
    accountId: account.id,
    ownerId,
    kind,
    title: `${account.name} entered red`,
    details: { score: 41 },
    dedupeKey: `inbox:${account.id}:${kind}`,
  });
  return { account, id: alert!.id };
}

type Inbox = {
  alerts: { id: string; status: string; owner: { id: string } | null; kind: string }[];
  total: number;
  kinds: string[];
};

async function inbox(query: string, headers: Record<string, string>): Promise<Inbox> {
  const res = await runLoader(alertsLoader, getRequest(`/admin/alerts${query}`, headers));
  expect(res.status).toBe(200);
  return (await res.json()) as Inbox;
}

beforeEach(async () => {
  await db.alert.deleteMany();
  await db.webhook.deleteMany();
});

describe("/admin/alerts", () => {
  it("lists open and acknowledged alerts; filters by status, kind and owner = me", async () => {
    const { user, headers } = await signedIn("cs");
    const mine = await alertFor(user.id);
    const other = await alertFor(null, "onboarding_stuck");
    const ids = (b: Inbox) => b.alerts.map((a) => a.id).sort();
    expect(ids(await inbox("", headers))).toEqual([mine.id, other.id].sort());
    expect(ids(await inbox("?owner=me", headers))).toEqual([mine.id]);
    expect(ids(await inbox("?owner=none", headers))).toEqual([other.id]);
    expect(ids(await inbox("?kind=onboarding_stuck", headers))).toEqual([other.id]);
    expect((await inbox("", headers)).kinds).toEqual(["health_red", "onboarding_stuck"]);
    // Unknown filter values from edited links mean "no filter".
    expect(ids(await inbox("?status=bogus&owner=x&kind=DROP%20TABLE", headers))).toHaveLength(2);
  });

  it("acknowledges, assigns, and closes with a note; closed alerts leave the default view", async () => {
    const { user, headers } = await signedIn("cs");
    const { id } = await alertFor(null);
    const post = (fields: Record<string, string>) =>
      runAction(alertsAction, formRequest("/admin/alerts", { alertId: id, ...fields }, headers));

    let res = await post({ intent: "acknowledge" });
    expect(res.status).toBe(200);
    expect((await res.json()).message).toBe("Alert acknowledged.");
    res = await post({ intent: "assign", assigneeId: user.id });
    expect(res.status).toBe(200);
    expect((await inbox("?owner=me", headers)).alerts[0]).toMatchObject({
      id,
      status: "acknowledged",
    });

    res = await post({ intent: "close", note: "  " });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toBe("Write what was done before closing the alert.");
    expect((await db.alert.findUniqueOrThrow({ where: { id } })).status).toBe("acknowledged");

    res = await post({ intent: "close", note: "Renewal call booked" });
    expect(res.status).toBe(200);
    expect((await inbox("", headers)).total).toBe(0);
    const closed = await inbox("?status=closed", headers);
    expect(closed.alerts.map((a) => a.id)).toEqual([id]);
    expect(await db.alert.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "closed",
      closedNote: "Renewal call booked",
      ownerId: user.id,
    });

    // Acting on a closed alert again is a conflict, not an error page.
    res = await post({ intent: "acknowledge" });
    expect(res.status).toBe(409);
    res = await post({ intent: "reopen" });
    expect(res.status).toBe(200);
    expect((await db.alert.findUniqueOrThrow({ where: { id } })).status).toBe("open");
  });

  it("answers 400, 404 and 422 for bad requests and changes nothing", async () => {
    const { headers } = await signedIn("cs", "ja");
    const { id } = await alertFor(null);
    const customer = await createUser({ role: "member" });
    const post = (fields: Record<string, string>) =>
      runAction(alertsAction, formRequest("/admin/alerts", fields, headers));
    expect((await post({ intent: "explode", alertId: id })).status).toBe(400);
    expect((await post({ intent: "acknowledge" })).status).toBe(400);
    expect((await post({ intent: "acknowledge", alertId: "x".repeat(200) })).status).toBe(400);
    const missing = await post({ intent: "acknowledge", alertId: "nope" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toBe("このアラートはもう存在しません。");
    const badAssignee = await post({ intent: "assign", alertId: id, assigneeId: customer.id });
    expect(badAssignee.status).toBe(422);
    const tooLong = await post({ intent: "close", alertId: id, note: "a".repeat(2_001) });
    expect(tooLong.status).toBe(422);
    expect(await db.alert.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "open",
      ownerId: null,
      closedNote: null,
    });
    expect(await db.auditLog.count({ where: { targetId: id } })).toBe(0);
  });

  it.each(["member", "account_admin"] as const)("refuses a %s", async (role) => {
    const { headers } = await signedIn(role);
    const { id } = await alertFor(null);
    const res = await runLoader(alertsLoader, getRequest("/admin/alerts", headers));
    expect([403, 404]).toContain(res.status);
    const post = await runAction(
      alertsAction,
      formRequest("/admin/alerts", { intent: "acknowledge", alertId: id }, headers),
    );
    expect([403, 404]).toContain(post.status);
    expect((await db.alert.findUniqueOrThrow({ where: { id } })).status).toBe("open");
  });
});

describe("/admin/integrations/webhooks", () => {
  const PATH = "/admin/integrations/webhooks";
  const create = (
    headers: Record<string, string>,
    fields: Record<string, string>,
    events = ["alert.raised"],
  ) => {
    const body = new URLSearchParams({ intent: "create", ...fields });
    for (const e of events) body.append("events", e);
    return runAction(
      webhooksAction,
      new Request(`http://localhost${PATH}`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      }),
    );
  };

  it("an admin adds a webhook and sees its secret once; the list never shows it", async () => {
    const { headers } = await signedIn("admin");
    const res = await create(headers, { url: "http://127.0.0.1:9/hook", description: "Slack" });
    expect(res.status).toBe(200);
    const { created } = await res.json();
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await runLoader(webhooksLoader, getRequest(PATH, headers));
    const text = await list.text();
    expect(text).toContain("http://127.0.0.1:9/hook");
    expect(text).not.toContain(created.secret);
    expect(await db.auditLog.count({ where: { action: "webhook.created" } })).toBe(1);
  });

  it("refuses a missing URL, an unknown event and no events with field messages", async () => {
    const { headers } = await signedIn("admin");
    let res = await create(headers, { url: "" });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.url).toEqual([
      "Enter the address that receives the webhooks.",
    ]);
    res = await create(headers, { url: "https://hooks.example.com/x" }, []);
    expect(res.status).toBe(400);
    expect((await res.json()).errors.events).toEqual(["Choose at least one event."]);
    res = await create(headers, { url: "https://hooks.example.com/x" }, ["alert.exploded"]);
    expect(res.status).toBe(400);
    res = await create(headers, { url: "ftp://hooks.example.com/x" });
    expect(res.status).toBe(422);
    expect((await res.json()).errors.url).toEqual(["Only https:// addresses are allowed."]);
    expect(await db.webhook.count()).toBe(0);
  });

  it("CS reads the list and the log but cannot add, ping, disable or resend", async () => {
    const admin = await signedIn("admin");
    const res = await create(admin.headers, { url: "http://127.0.0.1:9/hook" });
    expect(res.status).toBe(200);
    const hook = await db.webhook.findFirstOrThrow();
    const cs = await signedIn("cs");
    expect((await runLoader(webhooksLoader, getRequest(PATH, cs.headers))).status).toBe(200);
    expect(
      (
        await runLoader(webhookLoader, getRequest(`${PATH}/${hook.id}`, cs.headers), {
          id: hook.id,
        })
      ).status,
    ).toBe(200);
    expect((await create(cs.headers, { url: "http://127.0.0.1:9/other" })).status).toBe(403);
    for (const intent of ["ping", "disable", "delete"]) {
      const r = await runAction(
        webhooksAction,
        formRequest(PATH, { intent, id: hook.id }, cs.headers),
      );
      expect(r.status, intent).toBe(403);
    }
    expect(await db.webhook.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({
      active: true,
    });
    expect(await db.webhookDelivery.count()).toBe(0);
  });

  it("ping queues a delivery in the log; resend copies one; disable stops both; delete removes the log", async () => {
    const { headers } = await signedIn("admin");
    await create(headers, { url: "http://127.0.0.1:9/hook" });
    const hook = await db.webhook.findFirstOrThrow();
    const ping = await runAction(
      webhooksAction,
      formRequest(PATH, { intent: "ping", id: hook.id }, headers),
    );
    expect(ping.status).toBe(302);
    expect(ping.headers.get("Location")).toBe(`${PATH}/${hook.id}?done=pinged`);
    const log = await runLoader(webhookLoader, getRequest(`${PATH}/${hook.id}`, headers), {
      id: hook.id,
    });
    const body = await log.json();
    expect(body.deliveries.map((d: { event: string }) => d.event)).toEqual(["ping"]);

    const resend = await runAction(
      webhookAction,
      formRequest(
        `${PATH}/${hook.id}`,
        { intent: "resend", deliveryId: body.deliveries[0].id },
        headers,
      ),
      {},
      { id: hook.id },
    );
    expect(resend.status).toBe(302);
    expect(await db.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(2);

    await runAction(webhooksAction, formRequest(PATH, { intent: "disable", id: hook.id }, headers));
    const refused = await runAction(
      webhookAction,
      formRequest(
        `${PATH}/${hook.id}`,
        { intent: "resend", deliveryId: body.deliveries[0].id },
        headers,
      ),
      {},
      { id: hook.id },
    );
    expect(refused.status).toBe(409);
    expect(await db.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(2);

    const missing = await runLoader(webhookLoader, getRequest(`${PATH}/nope`, headers), {
      id: "nope",
    });
    expect(missing.status).toBe(404);

    await runAction(webhooksAction, formRequest(PATH, { intent: "delete", id: hook.id }, headers));
    expect(await db.webhook.count()).toBe(0);
    expect(await db.webhookDelivery.count()).toBe(0);
  });
});
