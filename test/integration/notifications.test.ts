// Notifications end to end against a real database: who is notified of what (and who never is),
// preferences for every kind, unsubscribe tokens, and delivery against a local SMTP sink.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAnswer } from "../../app/commands/accept-answer.server";
import { closeTransports, deliverPendingEmails } from "../../app/commands/deliver-email.server";
import { flagPost } from "../../app/commands/moderate-flags.server";
import { notifyAlertAssigned, notifyNewPost } from "../../app/commands/notification-hooks.server";
import { notify, settleNotifications } from "../../app/commands/notify.server";
import { replyToTopic } from "../../app/commands/reply-to-topic.server";
import { likePost } from "../../app/commands/topic-reactions.server";
import { MAX_EMAIL_ATTEMPTS } from "../../app/models/email-retry";
import { NOTIFICATION_KINDS } from "../../app/models/notification-kinds";
import type { ForumViewer } from "../../app/models/forum-policy";
import {
  applyUnsubscribe,
  checkUnsubscribe,
  unsubscribeToken,
  UNSUBSCRIBE_TOKEN_DAYS,
} from "../../app/models/unsubscribe.server";
import { enqueueEmail } from "../../app/models/email.server";
import { db } from "../../app/utils/db.server";
import { createAccount, createForumCategory, createTopic, createUser } from "../factories";
import { startSmtpSink } from "../support/smtp-sink";

async function viewer(userId: string): Promise<NonNullable<ForumViewer>> {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      role: true,
      accountId: true,
      suspendedUntil: true,
      account: { select: { plan: true } },
    },
  });
}

async function notificationsOf(userId: string) {
  return db.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { kind: true, link: true, actorId: true, emailedAt: true },
  });
}

let keyCounter = 0;
const key = () => `key-${++keyCounter}`;

describe("community events notify the right people", () => {
  it("a reply notifies the asker, the mentioned and the watchers, once each, never the replier", async () => {
    const category = await createForumCategory();
    const asker = await createUser({ locale: "en" });
    const replier = await createUser();
    const mentioned = await createUser({ locale: "ja" });
    await db.user.update({ where: { id: mentioned.id }, data: { handle: "hanako" } });
    const watcher = await createUser();
    const topic = await createTopic({
      categoryId: category.id,
      authorId: asker.id,
      title: "How do I export reports?",
    });
    await db.topicWatch.createMany({
      data: [asker.id, watcher.id, mentioned.id, replier.id].map((userId) => ({
        topicId: topic.id,
        userId,
      })),
    });

    const result = await replyToTopic({
      viewer: await viewer(replier.id),
      topicId: topic.id,
      body: "Use the export button, @hanako knows more.",
      submissionKey: key(),
    });
    await settleNotifications();

    const link = `/community/t/${topic.id}/p/${result.number}`;
    expect(await notificationsOf(asker.id)).toMatchObject([
      { kind: "reply", link, actorId: replier.id },
    ]);
    expect(await notificationsOf(mentioned.id)).toMatchObject([{ kind: "mention", link }]);
    expect(await notificationsOf(watcher.id)).toMatchObject([{ kind: "watched_topic", link }]);
    expect(await notificationsOf(replier.id)).toEqual([]);

    // The same event again (a replayed job) notifies nobody twice.
    const post = await db.post.findFirstOrThrow({
      where: { topicId: topic.id, number: result.number },
    });
    await notifyNewPost(post.id);
    expect(await db.notification.count({ where: { dedupeKey: `post:${post.id}` } })).toBe(3);

    // Reply and mention are e-mailed at once by default, in the reader's language.
    const mails = await db.emailOutbox.findMany({
      where: { userId: { in: [asker.id, mentioned.id] } },
    });
    expect(mails.map((m) => [m.to, m.locale]).sort()).toEqual(
      [
        [asker.email, "en"],
        [mentioned.email, "ja"],
      ].sort(),
    );
    const ja = mails.find((m) => m.userId === mentioned.id)!;
    expect(ja.subject).toContain("あなたをメンションしました");
    expect(ja.text).toContain(`/community/t/${topic.id}/p/${result.number}`);
    expect(JSON.parse(ja.headers)).toMatchObject({
      "List-Unsubscribe": expect.stringMatching(
        /^<http:\/\/localhost:\d+\/unsubscribe\/[\w-]+\.[\w-]+>$/,
      ),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(ja.html).toContain("配信停止");
    // Watched-topic activity defaults to the daily digest: no e-mail now.
    expect(await db.emailOutbox.count({ where: { userId: watcher.id } })).toBe(0);
  });

  it("never notifies someone who cannot see the topic (restricted category)", async () => {
    const category = await createForumCategory({ audiencePlans: ["enterprise"] });
    const asker = await createUser({ accountId: (await createAccount({ plan: "enterprise" })).id });
    const outsider = await createUser({ accountId: (await createAccount({ plan: "starter" })).id });
    const replier = await createUser({ role: "cs" });
    const topic = await createTopic({ categoryId: category.id, authorId: asker.id });
    // A watch left from before the category was restricted.
    await db.topicWatch.create({ data: { topicId: topic.id, userId: outsider.id } });
    await replyToTopic({
      viewer: await viewer(replier.id),
      topicId: topic.id,
      body: "Answer",
      submissionKey: key(),
    });
    await settleNotifications();
    expect(await notificationsOf(asker.id)).toHaveLength(1);
    expect(await notificationsOf(outsider.id)).toEqual([]);
  });

  it("accepting, liking and flagging notify the answerer, the author and the moderators", async () => {
    const asker = await createUser();
    const answerer = await createUser();
    const reporter = await createUser();
    const cs = await createUser({ role: "cs" });
    const topic = await createTopic({
      authorId: asker.id,
      replies: [{ authorId: answerer.id, body: "Try this" }],
    });
    const reply = topic.posts[1]!;
    await db.post.update({ where: { id: reply.id }, data: { accountId: answerer.accountId } });

    await acceptAnswer({ viewer: await viewer(asker.id), topicId: topic.id, postId: reply.id });
    await likePost({ viewer: await viewer(asker.id), topicId: topic.id, postId: reply.id });
    await flagPost({
      viewer: await viewer(reporter.id),
      topicId: topic.id,
      postId: reply.id,
      reason: "spam",
      note: "",
    });
    await settleNotifications();

    expect((await notificationsOf(answerer.id)).map((n) => n.kind)).toEqual([
      "answer_accepted",
      "like_received",
    ]);
    expect(await notificationsOf(cs.id)).toMatchObject([
      { kind: "post_flagged", link: "/admin/moderation" },
    ]);
    // Customers never get staff-only kinds.
    expect((await notificationsOf(asker.id)).filter((n) => n.kind === "post_flagged")).toEqual([]);
  });

  it("tells the owner about an alert assigned to them", async () => {
    const owner = await createUser({ role: "cs" });
    const account = await createAccount({ ownerId: owner.id });
    const alert = await db.alert.create({
      data: {
        accountId: account.id,
        ownerId: owner.id,
        kind: "health_drop",
        title: "Health fell to 42",
        dedupeKey: key(),
      },
    });
    const first = await notifyAlertAssigned({ alertId: alert.id, userId: owner.id });
    const again = await notifyAlertAssigned({ alertId: alert.id, userId: owner.id });
    expect([first.created, again.created]).toEqual([true, false]);
    expect(await notificationsOf(owner.id)).toMatchObject([
      { kind: "alert_assigned", link: `/admin/accounts/${account.id}` },
    ]);
  });
});

describe("preferences", () => {
  it("e-mails no kind to a user who chose never, and every kind to one who chose immediately", async () => {
    for (const kind of NOTIFICATION_KINDS) {
      const staffOnly = kind === "alert_assigned" || kind === "post_flagged";
      const role = staffOnly ? "cs" : "member";
      const optedOut = await createUser({ role });
      const optedIn = await createUser({ role });
      await db.notificationPreference.createMany({
        data: [
          { userId: optedOut.id, kind, email: "never" },
          { userId: optedIn.id, kind, email: "immediately" },
        ],
      });
      for (const user of [optedOut, optedIn]) {
        const result = await notify({
          userId: user.id,
          kind,
          link: "/",
          params: { topic: "T", title: "T", step: "S", date: "2026-12-01" },
          dedupeKey: `${kind}:pref`,
        });
        expect(result.created, kind).toBe(true);
      }
      expect(await db.emailOutbox.count({ where: { userId: optedOut.id } }), kind).toBe(0);
      expect(await db.emailOutbox.count({ where: { userId: optedIn.id } }), kind).toBe(1);
      // The bell shows it either way.
      expect(await db.notification.count({ where: { userId: optedOut.id, kind } }), kind).toBe(1);
    }
  });
});

describe("unsubscribe tokens", () => {
  it("a valid token unsubscribes once; reuse, forgery and expiry change nothing and say so", async () => {
    const user = await createUser();
    const token = await unsubscribeToken(user.id, "mention");
    expect(await checkUnsubscribe(token)).toMatchObject({
      status: "valid",
      kind: "mention",
      email: user.email,
    });
    expect((await applyUnsubscribe(token)).status).toBe("valid");
    expect(
      (
        await db.notificationPreference.findUniqueOrThrow({
          where: { userId_kind: { userId: user.id, kind: "mention" } },
        })
      ).email,
    ).toBe("never");

    // Reused: reported, and nothing else happens (even if the user opted back in meanwhile).
    await db.notificationPreference.update({
      where: { userId_kind: { userId: user.id, kind: "mention" } },
      data: { email: "immediately" },
    });
    expect((await applyUnsubscribe(token)).status).toBe("reused");
    const prefAfterReuse = await db.notificationPreference.findUniqueOrThrow({
      where: { userId_kind: { userId: user.id, kind: "mention" } },
    });
    expect(prefAfterReuse.email).toBe("immediately");

    // Forged: another kind or user spliced into a signed token, or a made-up signature.
    const [body, signature] = token.split(".");
    const payload = JSON.parse(Buffer.from(body!, "base64url").toString());
    const tampered = Buffer.from(JSON.stringify({ ...payload, k: "reply" })).toString("base64url");
    expect((await applyUnsubscribe(`${tampered}.${signature}`)).status).toBe("invalid");
    expect((await applyUnsubscribe(`${body}.AAAA${signature!.slice(4)}`)).status).toBe("invalid");
    expect((await applyUnsubscribe("garbage")).status).toBe("invalid");
    expect(
      await db.notificationPreference.count({ where: { userId: user.id, kind: "reply" } }),
    ).toBe(0);

    // Expired: checked against a clock past its lifetime.
    const fresh = await unsubscribeToken(user.id, "reply");
    const later = new Date(Date.now() + (UNSUBSCRIBE_TOKEN_DAYS + 1) * 24 * 60 * 60 * 1000);
    expect((await applyUnsubscribe(fresh, undefined, later)).status).toBe("expired");
    expect(
      await db.notificationPreference.count({ where: { userId: user.id, kind: "reply" } }),
    ).toBe(0);
  });
});

describe("delivery over SMTP", () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    closeTransports();
    await sink.close();
  });

  async function queue(to: string) {
    await db.emailOutbox.updateMany({ where: { status: "pending" }, data: { status: "logged" } });
    return enqueueEmail({
      to,
      subject: "Hello 日本語",
      text: "Body",
      html: "<p>Body</p>",
      kind: "test",
      locale: "en",
      headers: {
        "List-Unsubscribe": "<http://localhost/unsubscribe/x>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
  }

  it("delivers pending rows once, even with two workers racing", async () => {
    const row = await queue("ok@example.test");
    const [a, b] = await Promise.all([
      deliverPendingEmails({ smtpUrl: sink.url }),
      deliverPendingEmails({ smtpUrl: sink.url }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    const stored = await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    const received = sink.messages.filter((m) => m.to.includes("ok@example.test"));
    expect(received).toHaveLength(1);
    expect(received[0]!.raw).toContain("List-Unsubscribe: <http://localhost/unsubscribe/x>");
    expect(received[0]!.raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("retries a 4xx with growing pauses and gives up after the last attempt", async () => {
    sink.rejections.set("busy@example.test", 451);
    const row = await queue("busy@example.test");
    const start = new Date();
    await deliverPendingEmails({ smtpUrl: sink.url, now: start });
    let stored = await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ status: "pending", attempts: 1 });
    expect(stored.lastError).toContain("451");
    expect(stored.nextAttemptAt.getTime() - start.getTime()).toBe(60_000);
    // Not due yet: nothing happens.
    expect(
      (await deliverPendingEmails({ smtpUrl: sink.url, now: new Date(start.getTime() + 30_000) }))
        .retried,
    ).toBe(0);
    // The second failure waits twice as long.
    await deliverPendingEmails({ smtpUrl: sink.url, now: new Date(start.getTime() + 60_000) });
    stored = await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.nextAttemptAt.getTime() - (start.getTime() + 60_000)).toBe(120_000);

    // The mailbox recovers: the next attempt delivers.
    sink.rejections.delete("busy@example.test");
    await deliverPendingEmails({ smtpUrl: sink.url, now: stored.nextAttemptAt });
    expect((await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("sent");

    // A mailbox that never recovers: failed after MAX_EMAIL_ATTEMPTS, not retried forever.
    sink.rejections.set("never@example.test", 421);
    const stuck = await queue("never@example.test");
    let now = new Date();
    for (let i = 0; i < MAX_EMAIL_ATTEMPTS + 2; i++) {
      await deliverPendingEmails({ smtpUrl: sink.url, now });
      now = new Date(now.getTime() + 24 * 60 * 60 * 1000);
    }
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({
      status: "failed",
      attempts: MAX_EMAIL_ATTEMPTS,
    });
  });

  it("marks a 5xx address as bouncing and sends it nothing more", async () => {
    sink.rejections.set("gone@example.test", 550);
    const row = await queue("gone@example.test");
    await deliverPendingEmails({ smtpUrl: sink.url });
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "bounced",
      attempts: 1,
    });
    expect(
      await db.emailSuppression.findUnique({ where: { email: "gone@example.test" } }),
    ).not.toBeNull();
    const later = await queue("GONE@example.test");
    expect(later.status).toBe("suppressed");
    await deliverPendingEmails({ smtpUrl: sink.url, now: new Date(Date.now() + 86_400_000) });
    expect(sink.messages.filter((m) => m.to.includes("gone@example.test"))).toHaveLength(0);
  });

  it("logs instead of sending when no SMTP_URL is set", async () => {
    const row = await queue("log@example.test");
    const report = await deliverPendingEmails({ smtpUrl: null });
    expect(report.logged).toBe(1);
    expect((await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe(
      "logged",
    );
  });
});
