// Daily and weekly digests, built for every recipient at once: a fixed number of set-based queries
// whatever the number of users (bench/digests.bench.ts), then one bulk insert into the outbox.
// Each digest's dedupe key (period + user) makes a second run, another process or a restart
// queue nothing twice; notifications a digest carried are marked so no later digest repeats them.
import type { TFunction } from "i18next";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { Locale } from "~/i18n";
import { canReadArticle } from "~/models/article-policy";
import {
  DIGEST_SECTION_LIMIT,
  duePeriods,
  periodKey,
  periodStart,
  type DigestPeriod,
} from "~/models/digest-period";
import {
  bulkT,
  emailLocale,
  portalUrl,
  renderEmail,
  unsubscribeHeaders,
  type EmailSection,
} from "~/models/email-content.server";
import { canSeeCategory } from "~/models/forum-policy";
import { effectiveChoice, type PreferenceKind } from "~/models/notification-kinds";
import { notificationMessage } from "~/models/notification.server";
import {
  BULK_INSERT_CHUNK,
  enqueueEmailsBulk,
  sqlTime,
  sqlValues,
} from "~/models/outbox-bulk.server";
import { signUnsubscribe, unsubscribeUrlFor } from "~/models/unsubscribe.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { tokenSecret } from "~/utils/signed-token.server";

/** Articles looked at per run before filtering per reader (language, audience). */
const ARTICLE_CANDIDATES = 50;
const UPDATE_CHUNK = 10_000;

type Recipient = {
  id: string;
  name: string;
  email: string;
  role: string;
  locale: string | null;
  accountId: string | null;
  suspendedUntil: Date | null;
  account: { plan: string; segment: string } | null;
};

export type DigestContent = {
  notifications: { id: string; text: string; link: string }[];
  watchedTopics: { topicId: string; title: string; count: number; number: number }[];
  watchedCategories: { topicId: string; title: string }[];
  articles: { slug: string; title: string }[];
  unanswered: { topicId: string; title: string }[];
};

export function digestItemCount(c: DigestContent) {
  return (
    c.notifications.length +
    c.watchedTopics.length +
    c.watchedCategories.length +
    c.articles.length +
    c.unanswered.length
  );
}

/** The e-mail of one digest, in the reader's language. */
export function composeDigest(input: {
  t: TFunction;
  locale: Locale;
  name: string;
  period: DigestPeriod;
  content: DigestContent;
  unsubscribeUrl: string;
}) {
  const { t, content } = input;
  const sections: EmailSection[] = [];
  const push = (heading: string, items: EmailSection["items"]) => {
    if (items.length) sections.push({ heading, items });
  };
  push(
    t("notifications.digest.notifications"),
    content.notifications.map((n) => ({ text: n.text, url: portalUrl(n.link) })),
  );
  push(
    t("notifications.digest.watchedTopics"),
    content.watchedTopics.map((w) => ({
      text: t("notifications.digest.topicReplies", { title: w.title, count: w.count }),
      url: portalUrl(`/community/t/${w.topicId}/p/${w.number}`),
    })),
  );
  push(
    t("notifications.digest.watchedCategories"),
    content.watchedCategories.map((w) => ({
      text: w.title,
      url: portalUrl(`/community/t/${w.topicId}`),
    })),
  );
  push(
    t("notifications.digest.articles"),
    content.articles.map((a) => ({ text: a.title, url: portalUrl(`/kb/${a.slug}`) })),
  );
  push(
    t("notifications.digest.unanswered"),
    content.unanswered.map((q) => ({ text: q.title, url: portalUrl(`/community/t/${q.topicId}`) })),
  );
  const count = digestItemCount(content);
  const subject = t(
    input.period === "daily"
      ? "notifications.digest.subjectDaily"
      : "notifications.digest.subjectWeekly",
    { count },
  );
  const body = renderEmail({
    locale: input.locale,
    name: input.name,
    intro: [t("notifications.digest.intro")],
    sections,
    unsubscribeUrl: input.unsubscribeUrl,
  });
  return { subject: `${t("notifications.email.subjectPrefix")} ${subject}`, ...body };
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Every user's digest content for the period; users with nothing new are absent. */
export async function collectDigests(period: DigestPeriod, now: Date, userIds?: string[]) {
  const since = periodStart(period, now);
  const window = { gte: since, lte: now };
  // Plain joins: Prisma's relation loading would send every account id back as a parameter.
  const userRows = await db.$queryRaw<
    (Omit<Recipient, "account" | "suspendedUntil"> & {
      plan: string | null;
      segment: string | null;
    })[]
  >`SELECT u."id", u."name", u."email", u."role", u."locale", u."accountId", a."plan", a."segment"
    FROM "User" u LEFT JOIN "Account" a ON a."id" = u."accountId"
    WHERE (u."accountId" IS NULL OR a."status" = 'active')
    ${userIds ? Prisma.sql`AND u."id" IN ${sqlValues(userIds)}` : Prisma.empty}`;
  const users: Recipient[] = userRows.map(({ plan, segment, ...u }) => ({
    ...u,
    // Suspension does not hide categories; digests list what the person may read.
    suspendedUntil: null,
    account: plan !== null && segment !== null ? { plan, segment } : null,
  }));
  const byId = new Map(users.map((u) => [u.id, u]));
  const prefRows = await db.notificationPreference.findMany({
    where: userIds ? { userId: { in: userIds } } : {},
    select: { userId: true, kind: true, email: true },
  });
  const prefs = new Map<string, Map<string, string>>();
  for (const p of prefRows) {
    let m = prefs.get(p.userId);
    if (!m) prefs.set(p.userId, (m = new Map()));
    m.set(p.kind, p.email);
  }
  const choice = (userId: string, kind: PreferenceKind) =>
    effectiveChoice(kind, prefs.get(userId)?.get(kind));
  const wantsSummary = (userId: string) => choice(userId, "digest") === period;
  const wantsWatched = (userId: string) =>
    wantsSummary(userId) || choice(userId, "watched_topic") === period;

  const contents = new Map<string, DigestContent>();
  const content = (userId: string) => {
    let c = contents.get(userId);
    if (!c) {
      c = {
        notifications: [],
        watchedTopics: [],
        watchedCategories: [],
        articles: [],
        unanswered: [],
      };
      contents.set(userId, c);
    }
    return c;
  };
  /** Notifications the digest carries (marked emailed once it is queued), per user. */
  const carried = new Map<string, string[]>();
  const carry = (userId: string, id: string) => {
    const list = carried.get(userId);
    if (list) list.push(id);
    else carried.set(userId, [id]);
  };

  // 1. Unread notifications whose kind the user gets in this period's digest.
  const notifications = await db.$queryRaw<
    {
      id: string;
      userId: string;
      kind: string;
      link: string;
      params: string;
      actorName: string | null;
    }[]
  >`SELECT n."id", n."userId", n."kind", n."link", n."params", a."name" AS "actorName"
    FROM "Notification" n LEFT JOIN "User" a ON a."id" = n."actorId"
    WHERE n."emailedAt" IS NULL AND n."readAt" IS NULL
      AND n."createdAt" >= ${sqlTime(since)} AND n."createdAt" <= ${sqlTime(now)}
      ${userIds ? Prisma.sql`AND n."userId" IN ${sqlValues(userIds)}` : Prisma.empty}
    ORDER BY n."createdAt" DESC, n."id" DESC`;
  for (const n of notifications) {
    const user = byId.get(n.userId);
    if (!user) continue;
    if (n.kind === "watched_topic") {
      // Summed up per topic in section 2 instead of one line per post.
      if (wantsWatched(n.userId)) carry(n.userId, n.id);
      continue;
    }
    if (choice(n.userId, n.kind as PreferenceKind) !== period) continue;
    carry(n.userId, n.id);
    const c = content(n.userId);
    if (c.notifications.length >= DIGEST_SECTION_LIMIT * 2) continue;
    const locale = emailLocale(user.locale);
    c.notifications.push({
      id: n.id,
      link: n.link,
      text: notificationMessage(bulkT(locale), locale, {
        kind: n.kind,
        params: n.params,
        actorName: n.actorName,
      }),
    });
  }

  // 2. Unread replies in watched topics.
  const posts = await db.post.findMany({
    where: { createdAt: window, state: "visible", number: { gt: 1 }, topic: { state: "visible" } },
    select: { topicId: true, number: true, authorId: true },
  });
  const postsByTopic = groupBy(posts, (p) => p.topicId);
  const newTopics = await db.topic.findMany({
    where: { createdAt: window, state: "visible", mergedIntoId: null },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      title: true,
      kind: true,
      authorId: true,
      categoryId: true,
      replyCount: true,
      acceptedPostId: true,
      category: { select: { audiencePlans: true } },
    },
  });
  const activeTopicIds = [...postsByTopic.keys()];
  const [activeTopics, watches, reads] = activeTopicIds.length
    ? await Promise.all([
        db.topic.findMany({
          where: { id: { in: activeTopicIds } },
          select: { id: true, title: true, category: { select: { audiencePlans: true } } },
        }),
        db.topicWatch.findMany({
          where: { topicId: { in: activeTopicIds } },
          select: { topicId: true, userId: true },
        }),
        db.topicRead.findMany({
          where: { topicId: { in: activeTopicIds } },
          select: { topicId: true, userId: true, lastReadNumber: true },
        }),
      ])
    : [[], [], []];
  const topicById = new Map(activeTopics.map((t) => [t.id, t]));
  const readOf = new Map(reads.map((r) => [`${r.topicId} ${r.userId}`, r.lastReadNumber]));
  const inWatched = new Set<string>();
  for (const w of watches) {
    const user = byId.get(w.userId);
    const topic = topicById.get(w.topicId);
    if (!user || !topic || !wantsWatched(w.userId) || !canSeeCategory(user, topic.category))
      continue;
    const lastRead = readOf.get(`${w.topicId} ${w.userId}`) ?? 0;
    const unread = postsByTopic
      .get(w.topicId)!
      .filter((p) => p.number > lastRead && p.authorId !== w.userId);
    if (!unread.length) continue;
    const c = content(w.userId);
    if (c.watchedTopics.length >= DIGEST_SECTION_LIMIT) continue;
    const first = Math.min(...unread.map((p) => p.number));
    c.watchedTopics.push({
      topicId: w.topicId,
      title: topic.title,
      count: unread.length,
      number: first,
    });
    inWatched.add(`${w.topicId} ${w.userId}`);
  }

  // 3. New topics in categories the user follows.
  const categoryIds = [...new Set(newTopics.map((t) => t.categoryId))];
  const categoryWatches = categoryIds.length
    ? await db.categoryWatch.findMany({
        where: { categoryId: { in: categoryIds } },
        select: { categoryId: true, userId: true },
      })
    : [];
  const topicsByCategory = groupBy(newTopics, (t) => t.categoryId);
  for (const w of categoryWatches) {
    const user = byId.get(w.userId);
    if (!user || !wantsSummary(w.userId)) continue;
    for (const topic of topicsByCategory.get(w.categoryId) ?? []) {
      if (topic.authorId === w.userId || inWatched.has(`${topic.id} ${w.userId}`)) continue;
      if (!canSeeCategory(user, topic.category)) continue;
      const c = content(w.userId);
      if (c.watchedCategories.length >= DIGEST_SECTION_LIMIT) break;
      c.watchedCategories.push({ topicId: topic.id, title: topic.title });
    }
  }

  // 4. Popular new articles in the reader's language that they may read.
  const articles = await db.article.findMany({
    where: {
      status: "published",
      publishedAt: window,
      OR: [{ publishAt: null }, { publishAt: { lte: now } }],
    },
    orderBy: [{ viewCount: "desc" }, { publishedAt: "desc" }],
    take: ARTICLE_CANDIDATES,
    select: {
      slug: true,
      title: true,
      locale: true,
      status: true,
      publishAt: true,
      audience: true,
      audiencePlans: true,
      audienceSegments: true,
    },
  });

  // 5. Unanswered questions in categories where the user has posted.
  const questions = newTopics.filter(
    (t) => t.kind === "question" && t.replyCount === 0 && !t.acceptedPostId,
  );
  const questionCategories = [...new Set(questions.map((q) => q.categoryId))];
  const participants = questionCategories.length
    ? await db.$queryRaw<{ authorId: string; categoryId: string }[]>`
        SELECT DISTINCT p."authorId", t."categoryId" FROM "Post" p
        JOIN "Topic" t ON t."id" = p."topicId"
        WHERE t."categoryId" IN (${Prisma.join(questionCategories)})
          AND p."state" = 'visible' AND p."authorId" IS NOT NULL`
    : [];
  const questionsByCategory = groupBy(questions, (q) => q.categoryId);

  if (articles.length) {
    for (const user of users) {
      if (!wantsSummary(user.id)) continue;
      const locale = emailLocale(user.locale);
      const readable = articles
        .filter((a) => a.locale === locale && canReadArticle(user, a, now))
        .slice(0, Math.min(3, DIGEST_SECTION_LIMIT));
      if (readable.length)
        content(user.id).articles = readable.map((a) => ({ slug: a.slug, title: a.title }));
    }
  }
  for (const p of participants) {
    const user = byId.get(p.authorId);
    if (!user || !wantsSummary(p.authorId)) continue;
    for (const q of questionsByCategory.get(p.categoryId) ?? []) {
      if (q.authorId === p.authorId || !canSeeCategory(user, q.category)) continue;
      const c = content(p.authorId);
      if (c.unanswered.length >= DIGEST_SECTION_LIMIT) break;
      c.unanswered.push({ topicId: q.id, title: q.title });
    }
  }

  for (const [userId, c] of contents) {
    if (!digestItemCount(c)) contents.delete(userId);
  }
  return { users: byId, contents, carried };
}

export type DigestRunReport = {
  period: DigestPeriod;
  key: string;
  recipients: number;
  queued: number;
};

/** Builds and queues the period's digests (all users, or the given ones). */
export async function buildDigests(
  period: DigestPeriod,
  now = new Date(),
  options: { userIds?: string[] } = {},
): Promise<DigestRunReport> {
  const key = periodKey(period, now);
  const { users, contents, carried } = await collectDigests(period, now, options.userIds);
  const secret = await tokenSecret();
  const compose = ([userId, content]: [string, DigestContent]) => {
    const user = users.get(userId)!;
    const locale = emailLocale(user.locale);
    const unsubscribe = unsubscribeUrlFor(signUnsubscribe(secret, userId, "digest", now));
    const mail = composeDigest({
      t: bulkT(locale),
      locale,
      name: user.name,
      period,
      content,
      unsubscribeUrl: unsubscribe,
    });
    return {
      to: user.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      kind: `digest:${period}`,
      locale,
      userId,
      headers: unsubscribeHeaders(unsubscribe),
      dedupeKey: `digest:${period}:${key}:${userId}`,
    };
  };
  // Composed and queued a chunk at a time: 50,000 rendered e-mails at once would hold ~0.5 GB.
  const entries = [...contents];
  const inserted = new Set<string>();
  for (let i = 0; i < entries.length; i += BULK_INSERT_CHUNK) {
    const queued = await enqueueEmailsBulk(
      entries.slice(i, i + BULK_INSERT_CHUNK).map(compose),
      now,
    );
    for (const k of queued) inserted.add(k);
  }
  // Notifications carried by a queued digest are e-mailed; no later digest repeats them.
  const done = [...carried]
    .filter(
      ([userId]) => inserted.has(`digest:${period}:${key}:${userId}`) || !contents.has(userId),
    )
    .flatMap(([, ids]) => ids);
  for (let i = 0; i < done.length; i += UPDATE_CHUNK) {
    await db.$executeRaw`UPDATE "Notification" SET "emailedAt" = ${sqlTime(now)}
      WHERE "emailedAt" IS NULL AND "id" IN ${sqlValues(done.slice(i, i + UPDATE_CHUNK))}`;
  }
  return { period, key, recipients: contents.size, queued: inserted.size };
}

/** A stale claim (a process died mid-run) may be taken over after this long. */
export const JOB_CLAIM_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Runs `work` once per key across processes: the JobRun row is the claim. A run that finished, or
 * one still fresh in another process, makes this a no-op.
 */
export async function runOnce<T>(
  key: string,
  work: () => Promise<T>,
  now = new Date(),
): Promise<T | null> {
  try {
    await db.jobRun.create({ data: { key, startedAt: now } });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const stale = new Date(now.getTime() - JOB_CLAIM_TIMEOUT_MS);
    const { count } = await db.jobRun.updateMany({
      where: { key, finishedAt: null, startedAt: { lt: stale } },
      data: { startedAt: now },
    });
    if (count !== 1) return null;
  }
  const result = await work();
  await db.jobRun.update({
    where: { key },
    data: { finishedAt: new Date(), result: JSON.stringify(result ?? {}) },
  });
  return result;
}

/** Called by the scheduler every few minutes: sends each due period's digests once. */
export async function runDueDigests(now = new Date()) {
  const reports: DigestRunReport[] = [];
  for (const period of duePeriods(now, getEnv().DIGEST_HOUR_UTC)) {
    const report = await runOnce(
      `digest:${period}:${periodKey(period, now)}`,
      () => buildDigests(period, now),
      now,
    );
    if (report) reports.push(report);
  }
  return reports;
}
