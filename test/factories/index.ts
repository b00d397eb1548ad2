// Test data builders. Every test makes the rows it needs; none relies on demo content.
import { randomBytes } from "node:crypto";
import { db } from "../../app/utils/db.server";
import { markSearchChanged } from "../../app/search/changes.server";
import { hashPassword } from "../../app/utils/password.server";
import { deriveSegment, DEFAULT_SEGMENT_THRESHOLDS } from "../../app/models/segment";
import type { Role } from "../../app/models/roles";
import { createApiKey as createApiKeyAs, type ApiScope } from "../../app/models/api-key.server";
import {
  hashToken,
  newToken,
  serializeSessionToken,
  SESSION_ABSOLUTE_TIMEOUT_MS,
} from "../../app/utils/session.server";

export const TEST_PASSWORD = "correct horse battery";
/** "regular" (app/models/reputation.ts): no posting limits. Pass trustLevel: 0 for a new user. */
export const FACTORY_TRUST_LEVEL = 2;

let counter = 0;
function unique(prefix: string) {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString("hex")}`;
}

export async function createAccount(
  overrides: Partial<{
    name: string;
    externalId: string;
    plan: string;
    arr: number;
    seats: number;
    ownerId: string | null;
    renewalDate: Date | null;
    lifecycleStage: string;
    status: string;
    churnedAt: Date | null;
    createdAt: Date;
  }> = {},
) {
  const arr = overrides.arr ?? 1_200_000;
  return db.account.create({
    data: {
      name: overrides.name ?? unique("Account"),
      externalId: overrides.externalId ?? unique("crm"),
      plan: overrides.plan ?? "team",
      arr,
      seats: overrides.seats ?? 10,
      segment: deriveSegment(arr, DEFAULT_SEGMENT_THRESHOLDS),
      ownerId: overrides.ownerId ?? null,
      renewalDate: overrides.renewalDate ?? null,
      lifecycleStage: overrides.lifecycleStage ?? "onboarding",
      status: overrides.status ?? "active",
      churnedAt: overrides.churnedAt ?? null,
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    },
  });
}

// Hashing is deliberately slow; tests share one hash of TEST_PASSWORD.
let testPasswordHash: Promise<string> | undefined;

export async function createUser(
  overrides: Partial<{
    email: string;
    name: string;
    role: Role;
    accountId: string | null;
    locale: string | null;
    password: string | null;
    trustLevel: number;
    createdAt: Date;
    externalId: string | null;
  }> = {},
) {
  const role = overrides.role ?? "member";
  const staff = role === "cs" || role === "admin";
  const accountId =
    overrides.accountId !== undefined
      ? overrides.accountId
      : staff
        ? null
        : (await createAccount()).id;
  const password = overrides.password === undefined ? TEST_PASSWORD : overrides.password;
  let hash: string | null = null;
  if (password === TEST_PASSWORD) {
    testPasswordHash ??= hashPassword(TEST_PASSWORD);
    hash = await testPasswordHash;
  } else if (password) {
    hash = await hashPassword(password);
  }
  return db.user.create({
    data: {
      email: overrides.email ?? `${unique("user")}@example.test`,
      name: overrides.name ?? unique("User"),
      role,
      accountId,
      locale: overrides.locale ?? null,
      // Trusted unless a test is about trust: new users' posts are limited and held for review.
      trustLevel: overrides.trustLevel ?? FACTORY_TRUST_LEVEL,
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
      externalId: overrides.externalId ?? null,
      ...(hash ? { password: { create: { hash } } } : {}),
    },
  });
}

/** A signed-in session for the user, as the Cookie header a browser would send. */
export async function createSessionCookie(
  userId: string,
  overrides: Partial<{ lastUsedAt: Date; expiresAt: Date; createdAt: Date }> = {},
) {
  const token = newToken();
  const now = new Date();
  const session = await db.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      createdAt: overrides.createdAt ?? now,
      lastUsedAt: overrides.lastUsedAt ?? now,
      expiresAt: overrides.expiresAt ?? new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS),
    },
  });
  const setCookie = await serializeSessionToken(token);
  return { cookie: setCookie.split(";")[0]!, session };
}

export async function createCategory(
  overrides: Partial<{ slug: string; nameEn: string; nameJa: string; position: number }> = {},
) {
  const slug = overrides.slug ?? unique("category");
  return db.category.create({
    data: {
      slug,
      nameEn: overrides.nameEn ?? `Category ${slug}`,
      nameJa: overrides.nameJa ?? `カテゴリ ${slug}`,
      position: overrides.position ?? 0,
    },
  });
}

/** A published English FAQ article with its first revision, unless told otherwise. */
export async function createArticle(
  overrides: Partial<{
    slug: string;
    locale: string;
    translationKey: string;
    type: string;
    categoryId: string;
    title: string;
    summary: string;
    body: string;
    status: string;
    publishAt: Date | null;
    audience: string;
    audiencePlans: string[];
    audienceSegments: string[];
    authorId: string | null;
  }> = {},
) {
  const slug = overrides.slug ?? unique("article");
  const categoryId = overrides.categoryId ?? (await createCategory()).id;
  const title = overrides.title ?? `How to ${slug}`;
  const summary = overrides.summary ?? "";
  const body = overrides.body ?? `## Overview\n\nAll about ${slug}.`;
  const article = await db.article.create({
    data: {
      slug,
      locale: overrides.locale ?? "en",
      translationKey: overrides.translationKey ?? slug,
      type: overrides.type ?? "faq",
      categoryId,
      title,
      summary,
      body,
      status: overrides.status ?? "published",
      publishAt: overrides.publishAt ?? null,
      publishedAt: (overrides.status ?? "published") === "published" ? new Date() : null,
      audience: overrides.audience ?? "all",
      audiencePlans: JSON.stringify(overrides.audiencePlans ?? []),
      audienceSegments: JSON.stringify(overrides.audienceSegments ?? []),
      authorId: overrides.authorId ?? null,
      revisionNumber: 1,
      revisions: {
        create: {
          number: 1,
          title,
          summary,
          body,
          source: "editor",
          authorId: overrides.authorId ?? null,
        },
      },
    },
  });
  // As every writer does: search indexes follow the change feed.
  await markSearchChanged(db, "article", [article.id]);
  return article;
}

/** A forum category visible to everyone unless plans are given. */
export async function createForumCategory(
  overrides: Partial<{
    slug: string;
    nameEn: string;
    nameJa: string;
    audiencePlans: string[];
  }> = {},
) {
  const slug = overrides.slug ?? unique("forum");
  return db.forumCategory.create({
    data: {
      slug,
      nameEn: overrides.nameEn ?? `Forum ${slug}`,
      nameJa: overrides.nameJa ?? `フォーラム ${slug}`,
      audiencePlans: JSON.stringify(overrides.audiencePlans ?? []),
    },
  });
}

/** A visible topic with its opening post; replies are plain bodies by the given authors. */
export async function createTopic(
  overrides: Partial<{
    categoryId: string;
    authorId: string;
    kind: string;
    title: string;
    body: string;
    locale: string;
    state: string;
    locked: boolean;
    replies: Array<{ authorId: string; body: string }>;
  }> = {},
) {
  const categoryId = overrides.categoryId ?? (await createForumCategory()).id;
  const authorId = overrides.authorId ?? (await createUser()).id;
  const author = await db.user.findUniqueOrThrow({
    where: { id: authorId },
    select: { accountId: true },
  });
  const replies = overrides.replies ?? [];
  const topic = await db.topic.create({
    data: {
      categoryId,
      authorId,
      accountId: author.accountId,
      kind: overrides.kind ?? "question",
      title: overrides.title ?? `How do I ${unique("topic")}?`,
      locale: overrides.locale ?? "en",
      state: overrides.state ?? "visible",
      locked: overrides.locked ?? false,
      replyCount: replies.length,
      posts: {
        create: [
          {
            authorId,
            accountId: author.accountId,
            number: 1,
            body: overrides.body ?? "Opening post with the details.",
          },
          ...replies.map((r, i) => ({ authorId: r.authorId, number: i + 2, body: r.body })),
        ],
      },
    },
    include: { posts: { orderBy: { number: "asc" } } },
  });
  await markSearchChanged(db, "topic", [topic.id]);
  return topic;
}

type StepOverrides = Partial<{
  titleEn: string;
  titleJa: string;
  bodyEn: string;
  articleKey: string | null;
  dueDays: number | null;
  scope: "user" | "account";
  completion: "manual" | "article" | "event";
  eventType: string | null;
  propertyMatch: Record<string, string>;
  eventCount: number;
  requires: string[];
  createdAt: Date;
}>;

/** A checklist template, published unless told otherwise, with the given steps in order. */
export async function createChecklistTemplate(
  overrides: Partial<{
    titleEn: string;
    titleJa: string;
    status: string;
    segments: string[];
    plans: string[];
    successGoalEn: string;
    steps: StepOverrides[];
  }> = {},
) {
  const title = overrides.titleEn ?? unique("Checklist");
  const template = await db.checklistTemplate.create({
    data: {
      titleEn: title,
      titleJa: overrides.titleJa ?? `チェックリスト ${title}`,
      status: overrides.status ?? "published",
      publishedAt: (overrides.status ?? "published") === "published" ? new Date() : null,
      audienceSegments: JSON.stringify(overrides.segments ?? []),
      audiencePlans: JSON.stringify(overrides.plans ?? []),
      successGoalEn: overrides.successGoalEn ?? "",
    },
  });
  const steps = [];
  for (const [i, s] of (overrides.steps ?? [{}]).entries()) {
    steps.push(await createChecklistStep(template.id, { ...s }, i + 1));
  }
  return { ...template, steps };
}

export async function createChecklistStep(
  templateId: string,
  overrides: StepOverrides = {},
  position?: number,
) {
  const title = overrides.titleEn ?? unique("Step");
  const last = await db.checklistStep.aggregate({
    where: { templateId },
    _max: { position: true },
  });
  return db.checklistStep.create({
    data: {
      templateId,
      position: position ?? (last._max.position ?? 0) + 1,
      titleEn: title,
      titleJa: overrides.titleJa ?? `ステップ ${title}`,
      bodyEn: overrides.bodyEn ?? "",
      articleKey: overrides.articleKey ?? null,
      dueDays: overrides.dueDays ?? null,
      scope: overrides.scope ?? "user",
      completion: overrides.completion ?? "manual",
      eventType: overrides.eventType ?? null,
      propertyMatch: JSON.stringify(overrides.propertyMatch ?? {}),
      eventCount: overrides.eventCount ?? 1,
      requires: JSON.stringify(overrides.requires ?? []),
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    },
  });
}

/** The template assigned to the account, started at the given time (now by default). */
export async function assignChecklist(
  templateId: string,
  accountId: string,
  startedAt: Date = new Date(),
) {
  return db.checklistAssignment.create({
    data: { templateId, accountId, startedAt, progressAt: startedAt, source: "manual" },
  });
}

/** An event stored as recordEvent() stores it, returned in the shape applyOnboardingEvents takes. */
export async function createEvent(input: {
  accountId: string;
  userId?: string | null;
  type: string;
  properties?: Record<string, unknown>;
  occurredAt?: Date;
}) {
  const row = await db.event.create({
    data: {
      accountId: input.accountId,
      userId: input.userId ?? null,
      type: input.type,
      properties: JSON.stringify(input.properties ?? {}),
      occurredAt: input.occurredAt ?? new Date(),
    },
    select: { id: true, accountId: true, userId: true, type: true, occurredAt: true },
  });
  return { ...row, properties: input.properties ?? {} };
}

/** An API key as the product would hold it (the full key is returned once, as in the console). */
export async function createApiKey(
  overrides: Partial<{ name: string; scopes: ApiScope[]; createdById: string }> = {},
) {
  const creatorId = overrides.createdById ?? (await createUser({ role: "admin" })).id;
  return createApiKeyAs(
    { id: creatorId, role: "admin", accountId: null },
    { name: overrides.name ?? unique("Key"), scopes: overrides.scopes ?? ["events:write"] },
  );
}

/** Many events at once (health tests): `count` copies of each spec, all received now. */
export async function createEvents(
  accountId: string,
  specs: {
    type: string;
    userId?: string | null;
    properties?: Record<string, unknown>;
    occurredAt?: Date;
    count?: number;
  }[],
) {
  const data = specs.flatMap((s) =>
    Array.from({ length: s.count ?? 1 }, () => ({
      accountId,
      userId: s.userId ?? null,
      type: s.type,
      properties: JSON.stringify(s.properties ?? {}),
      occurredAt: s.occurredAt ?? new Date(),
    })),
  );
  await db.event.createMany({ data });
  return data.length;
}
