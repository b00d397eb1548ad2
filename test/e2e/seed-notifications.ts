// The notifications fixture: unread notifications for the two notified users (a reply, a mention,
// an announcement), a newsletter sent to them, and outbox rows in several delivery states.
import { notify } from "../../app/commands/notify.server";
import { saveNewsletter, sendNewsletter } from "../../app/commands/newsletters.server";
import { db } from "../../app/utils/db.server";
import { createForumCategory, createTopic } from "../factories";
import type { UserKey } from "./fixtures";

export async function seedNotifications(users: Record<UserKey, string>) {
  const category = await createForumCategory({
    slug: "e2e-notifications",
    nameEn: "Notifications (E2E)",
    nameJa: "通知 (E2E)",
  });
  for (const key of ["notifiedEn", "notifiedJa"] as const) {
    const userId = users[key];
    const topic = await createTopic({
      categoryId: category.id,
      authorId: userId,
      title: key === "notifiedEn" ? "How do I share a dashboard?" : "ダッシュボードを共有するには?",
      replies: [{ authorId: users.memberA, body: "Use the share button." }],
    });
    const link = `/community/t/${topic.id}/p/2`;
    await notify({
      userId,
      kind: "reply",
      actorId: users.memberA,
      link,
      params: { topic: topic.title },
      dedupeKey: `e2e:reply:${key}`,
    });
    await notify({
      userId,
      kind: "mention",
      actorId: users.accountAdminA,
      link,
      params: { topic: topic.title },
      dedupeKey: `e2e:mention:${key}`,
    });
    await notify({
      userId,
      kind: "announcement",
      link: "/",
      params: { titleEn: "Scheduled maintenance on Sunday", titleJa: "日曜日の定期メンテナンス" },
      dedupeKey: `e2e:announcement:${key}`,
    });
  }
  const { id } = await saveNewsletter({
    actorId: users.cs,
    values: {
      subject: "Acme Cloud news — December",
      body: "## What is new\n\nDashboards can now be shared. Read the [release notes](https://acme.example/releases).",
      audience: { segments: [], plans: [], stages: [], locales: [] },
    },
  });
  await sendNewsletter({ actorId: users.cs, id });
  // Delivery states the admin outbox shows.
  const rows = await db.emailOutbox.findMany({
    orderBy: { createdAt: "asc" },
    take: 3,
    select: { id: true },
  });
  const states = [
    { status: "sent", attempts: 1, sentAt: new Date() },
    { status: "pending", attempts: 2, lastError: "451 4.2.0 Mailbox busy, try later" },
    { status: "bounced", attempts: 1, lastError: "550 5.1.1 No such user here" },
  ];
  for (const [i, row] of rows.entries())
    await db.emailOutbox.update({ where: { id: row.id }, data: states[i]! });
  return id;
}
