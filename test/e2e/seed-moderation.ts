// Community content for test/e2e/moderation.spec.ts: a topic whose replies by the "moderated"
// user are spam, one of them already flagged so the console's queue has something in it from the
// start (the a11y check looks at it). Its ids go to moderation.json beside ids.json.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "../../app/utils/db.server";
import { createForumCategory, createTopic } from "../factories";
import { E2E_IDS_FILE, type UserKey } from "./fixtures";

export const MODERATION_TOPIC = "Webhook deliveries arrive twice";
export const SPAM_REPLY = "Cheap license keys at discount-keys.example, only today!";
export const FLAGGED_REPLY = "Click discount-keys.example for more free keys";

export async function seedModeration(users: Record<UserKey, string>) {
  const forum = await createForumCategory({
    slug: "e2e-moderation",
    nameEn: "Integrations",
    nameJa: "連携",
  });
  const topic = await createTopic({
    categoryId: forum.id,
    authorId: users.memberA,
    title: MODERATION_TOPIC,
    body: "Our endpoint receives every webhook twice. Is that expected?",
    replies: [
      { authorId: users.moderated, body: SPAM_REPLY },
      { authorId: users.accountAdminA, body: "We saw that too: return 200 within 5 seconds." },
      { authorId: users.moderated, body: FLAGGED_REPLY },
    ],
  });
  await db.flag.create({
    data: {
      postId: topic.posts[3]!.id,
      reporterId: users.accountAdminA,
      reason: "spam",
      note: "Same link as in other topics",
    },
  });
  writeFileSync(
    path.join(path.dirname(E2E_IDS_FILE), "moderation.json"),
    JSON.stringify({ topic: topic.id }, null, 2),
  );
}
