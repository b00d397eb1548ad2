// Which events notify whom. Each hook runs after its command has committed (afterCommit +
// notifyLater), checks that every recipient may see what the notification points at, and never
// notifies the person who acted. Dedupe keys make a replayed event notify nobody twice.
import { isTargeted } from "~/models/announcement.server";
import { memberProgress, type StepScope } from "~/models/onboarding-rules";
import { STAFF_ROLES } from "~/models/roles";
import { db } from "~/utils/db.server";
import { afterCommit } from "~/utils/transaction-context.server";
import {
  notify,
  notifyLater,
  notifyMany,
  recipientsWhoCanSee,
  type NotifyInput,
} from "./notify.server";

const postLink = (topicId: string, number: number) => `/community/t/${topicId}/p/${number}`;

/** Queue `work` for after the surrounding transaction (or now, outside one), in the background. */
export function afterCommitNotify(work: () => Promise<unknown>) {
  afterCommit(() => notifyLater(work));
}

/**
 * A visible post (reply, or a held one approved): mentions, the topic's author and its watchers.
 * Each person gets one notification for the post, the most specific: mention, then reply, then
 * watched topic.
 */
export async function notifyNewPost(postId: string) {
  const post = await db.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      number: true,
      state: true,
      authorId: true,
      topicId: true,
      topic: { select: { title: true, authorId: true } },
      mentions: { select: { userId: true } },
    },
  });
  if (!post || post.state !== "visible") return 0;
  const watchers = await db.topicWatch.findMany({
    where: { topicId: post.topicId },
    select: { userId: true },
  });
  const mentioned = post.mentions.map((m) => m.userId);
  const author = post.number > 1 ? post.topic.authorId : null;
  const candidates = [...mentioned, author, ...watchers.map((w) => w.userId)];
  const visible = new Set(await recipientsWhoCanSee(candidates, post.topicId, post.id));
  const base = {
    actorId: post.authorId,
    link: postLink(post.topicId, post.number),
    params: { topic: post.topic.title },
  };
  const inputs: NotifyInput[] = [];
  const done = new Set<string>(post.authorId ? [post.authorId] : []);
  const add = (userId: string | null, kind: NotifyInput["kind"]) => {
    if (!userId || done.has(userId) || !visible.has(userId)) return;
    done.add(userId);
    inputs.push({ ...base, userId, kind, dedupeKey: `post:${post.id}` });
  };
  for (const id of mentioned) add(id, "mention");
  add(author, "reply");
  for (const w of watchers) add(w.userId, "watched_topic");
  return notifyMany(inputs);
}

export async function notifyAnswerAccepted(input: { postId: string; actorId: string }) {
  const post = await db.post.findUnique({
    where: { id: input.postId },
    select: {
      authorId: true,
      number: true,
      topicId: true,
      topic: { select: { title: true, acceptedPostId: true } },
    },
  });
  if (!post?.authorId || post.topic.acceptedPostId !== input.postId) return 0;
  const [userId] = await recipientsWhoCanSee([post.authorId], post.topicId, input.postId);
  if (!userId) return 0;
  const result = await notify({
    userId,
    kind: "answer_accepted",
    actorId: input.actorId,
    link: postLink(post.topicId, post.number),
    params: { topic: post.topic.title },
    dedupeKey: `accepted:${input.postId}`,
  });
  return result.created ? 1 : 0;
}

export async function notifyLike(input: { postId: string; actorId: string }) {
  const post = await db.post.findUnique({
    where: { id: input.postId },
    select: { authorId: true, number: true, topicId: true, topic: { select: { title: true } } },
  });
  if (!post?.authorId) return 0;
  const [userId] = await recipientsWhoCanSee([post.authorId], post.topicId, input.postId);
  if (!userId) return 0;
  const result = await notify({
    userId,
    kind: "like_received",
    actorId: input.actorId,
    link: postLink(post.topicId, post.number),
    params: { topic: post.topic.title },
    dedupeKey: `like:${input.postId}:${input.actorId}`,
  });
  return result.created ? 1 : 0;
}

/** A customer flagged a post: every moderator (staff) hears of it once per post. */
export async function notifyPostFlagged(input: {
  postId: string;
  reporterId: string;
  reason: string;
}) {
  const post = await db.post.findUnique({
    where: { id: input.postId },
    select: { number: true, topicId: true, topic: { select: { title: true } } },
  });
  if (!post) return 0;
  const staff = await db.user.findMany({
    where: { role: { in: [...STAFF_ROLES] } },
    select: { id: true },
  });
  return notifyMany(
    staff.map((s) => ({
      userId: s.id,
      kind: "post_flagged",
      actorId: input.reporterId,
      link: "/admin/moderation",
      params: { topic: post.topic.title, reason: input.reason, number: post.number },
      dedupeKey: `flagged:${input.postId}`,
    })),
  );
}

/**
 * An alert given to someone on the CS team (onboarding stuck now; health alerts from the health
 * console call this too). The assigner, if any, is not notified of their own assignment.
 */
export async function notifyAlertAssigned(input: {
  alertId: string;
  userId: string;
  actorId?: string | null;
}) {
  const alert = await db.alert.findUnique({
    where: { id: input.alertId },
    select: { id: true, title: true, accountId: true },
  });
  if (!alert) return { created: false, emailed: false };
  return notify({
    userId: input.userId,
    kind: "alert_assigned",
    actorId: input.actorId ?? null,
    link: `/admin/accounts/${alert.accountId}`,
    params: { title: alert.title },
    dedupeKey: `alert:${alert.id}:${input.userId}`,
  });
}

/**
 * Announcements that went live and have not been announced yet: the first process to claim one
 * (notifiedAt set from null) notifies the customers it targets.
 */
export async function notifyLiveAnnouncements(now = new Date()) {
  const live = await db.announcement.findMany({
    where: {
      notifiedAt: null,
      publishedAt: { lte: now },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: { id: true, titleEn: true, titleJa: true, audienceSegments: true, audiencePlans: true },
  });
  let created = 0;
  for (const a of live) {
    const claim = await db.announcement.updateMany({
      where: { id: a.id, notifiedAt: null },
      data: { notifiedAt: now },
    });
    if (claim.count !== 1) continue;
    const customers = await db.user.findMany({
      where: { role: { notIn: [...STAFF_ROLES] }, account: { status: "active" } },
      select: { id: true, account: { select: { plan: true, segment: true } } },
    });
    created += await notifyMany(
      customers
        .filter((u) => isTargeted(a, u.account))
        .map((u) => ({
          userId: u.id,
          kind: "announcement" as const,
          link: "/",
          params: { titleEn: a.titleEn, titleJa: a.titleJa },
          dedupeKey: `announcement:${a.id}`,
        })),
    );
  }
  return created;
}

/**
 * Members with a step of their own onboarding list due soon or overdue, not done: one
 * notification per member and step.
 */
export async function notifyDueOnboardingSteps(now = new Date()) {
  const assignments = await db.checklistAssignment.findMany({
    where: { completedAt: null, template: { status: "published" }, account: { status: "active" } },
    select: {
      id: true,
      startedAt: true,
      completions: { select: { stepId: true, subject: true, completedAt: true } },
      account: {
        select: {
          members: {
            where: { role: { notIn: [...STAFF_ROLES] } },
            select: { id: true, createdAt: true },
          },
        },
      },
      template: {
        select: {
          steps: {
            where: { removedAt: null },
            select: {
              id: true,
              scope: true,
              dueDays: true,
              createdAt: true,
              titleEn: true,
              titleJa: true,
            },
          },
        },
      },
    },
  });
  const inputs: NotifyInput[] = [];
  for (const a of assignments) {
    const steps = a.template.steps.map((s) => ({ ...s, scope: s.scope as StepScope }));
    const titles = new Map(steps.map((s) => [s.id, s]));
    for (const member of a.account.members) {
      const progress = memberProgress({
        steps,
        completions: a.completions,
        member,
        startedAt: a.startedAt,
        now,
      });
      for (const row of progress.rows) {
        if ((row.status !== "due_soon" && row.status !== "overdue") || !row.dueAt) continue;
        const step = titles.get(row.stepId)!;
        inputs.push({
          userId: member.id,
          kind: "onboarding_due",
          link: "/onboarding",
          params: {
            stepEn: step.titleEn,
            stepJa: step.titleJa,
            date: row.dueAt.toISOString().slice(0, 10),
          },
          dedupeKey: `onboarding_due:${a.id}:${row.stepId}`,
        });
      }
    }
  }
  // Most are stored already: skip those without a round trip each.
  const existing = await db.notification.findMany({
    where: {
      kind: "onboarding_due",
      dedupeKey: { in: [...new Set(inputs.map((i) => i.dedupeKey))] },
    },
    select: { userId: true, dedupeKey: true },
  });
  const seen = new Set(existing.map((e) => `${e.userId} ${e.dedupeKey}`));
  return notifyMany(inputs.filter((i) => !seen.has(`${i.userId} ${i.dedupeKey}`)));
}
