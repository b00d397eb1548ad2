// Server render time of the latest-topics list (/community) with 50,000 topics: a fresh SQLite
// database built from the migrations, the production build's Remix handler (root loader, route
// loader, React render to the end of the stream), no network. Half the requests are anonymous
// visitors, half a signed-in customer (unread markers read TopicRead); pages 1–3 at random.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { productionHandler, shutDownApp, summarize, timeRequests, writeResult } from "./lib/pages";
import { rng } from "./lib/stats";

export const TOPIC_COUNT = 50_000;
export const REQUESTS = 600;
export const WARM_UP_REQUESTS = 50;
export const TARGET_P99_MS = 50;
const CHUNK = 1_000;
const AUTHORS = 200;
const PINNED = 3;
const PAGES = 3;
const RESULT_FILE = path.resolve("bench/results/topic-list.json");
const DAY_MS = 24 * 60 * 60 * 1000;

const dir = mkdtempSync(path.join(tmpdir(), "bench-topics-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;

const WORDS =
  "project task report dashboard member workspace export filter schedule invoice permission board timeline webhook token sprint milestone comment template calendar".split(
    " ",
  );

async function main() {
  const { migrate } = await import("../prisma/migrate");
  await migrate(process.env.DATABASE_URL!);
  const { db } = await import("../app/utils/db.server");
  const { createAccount, createSessionCookie, createUser } = await import("../test/factories");
  const random = rng(7);
  const started = performance.now();

  const categories = await Promise.all(
    ["getting-started", "integrations", "billing", "reports", "ideas", "enterprise"].map(
      (slug, i) =>
        db.forumCategory.create({
          data: {
            slug,
            nameEn: slug,
            nameJa: slug,
            descriptionEn: `All about ${slug}.`,
            descriptionJa: `${slug} について。`,
            position: i * 10,
            audiencePlans: slug === "enterprise" ? '["enterprise"]' : "[]",
          },
          select: { id: true },
        }),
    ),
  );
  const tags = await Promise.all(
    WORDS.slice(0, 12).map((slug) =>
      db.tag.create({ data: { slug, name: slug }, select: { id: true } }),
    ),
  );
  const account = await createAccount({ plan: "team" });
  const authors: string[] = [];
  for (let i = 0; i < AUTHORS; i++) {
    authors.push((await createUser({ accountId: account.id, password: null })).id);
  }
  const viewerId = authors[0]!;
  const now = Date.now();
  for (let start = 0; start < TOPIC_COUNT; start += CHUNK) {
    const topics = Array.from({ length: Math.min(CHUNK, TOPIC_COUNT - start) }, (_, j) => {
      const i = start + j;
      const replyCount = Math.floor(random() * 12);
      const kind = i % 7 === 0 ? "idea" : i % 3 === 0 ? "discussion" : "question";
      return {
        id: `topic-${i}`,
        categoryId: categories[i % categories.length]!.id,
        authorId: authors[i % AUTHORS]!,
        accountId: account.id,
        kind,
        title: `How to ${WORDS[i % WORDS.length]} the ${WORDS[(i * 7) % WORDS.length]} ${i}`,
        locale: i % 2 ? "ja" : "en",
        state: i % 97 === 0 ? "hidden" : "visible",
        pinned: i < PINNED,
        replyCount,
        viewCount: Math.floor(random() * 500),
        voteCount: kind === "idea" ? Math.floor(random() * 30) : 0,
        ideaStatus: kind === "idea" && i % 2 ? "planned" : null,
        lastPostedAt: new Date(now - random() * 365 * DAY_MS),
        createdAt: new Date(now - 400 * DAY_MS),
      };
    });
    await db.topic.createMany({ data: topics });
    await db.topicTag.createMany({
      data: topics.map((t, j) => ({ topicId: t.id, tagId: tags[(start + j) % tags.length]!.id })),
    });
    // The signed-in viewer has read a share of the topics, some of them to the end.
    await db.topicRead.createMany({
      data: topics
        .filter((_, j) => j % 4 === 0)
        .map((t) => ({ topicId: t.id, userId: viewerId, lastReadNumber: 1 + (t.replyCount % 3) })),
    });
  }
  await db.$executeRawUnsafe("ANALYZE");
  const { cookie } = await createSessionCookie(viewerId);
  console.log(
    `Seeded ${TOPIC_COUNT} topics in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );

  const handler = await productionHandler();
  // The server builds the search index at boot (entry.server.tsx), 50,000 topics included; a
  // deployed server has finished that before it takes traffic, so the timing starts after it.
  const indexStarted = performance.now();
  await (globalThis as { __portalSearch?: { ready: Promise<void> | null } }).__portalSearch?.ready;
  console.log(`Search index built in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s.`);

  const pick = rng(42);
  const { timings, averageHtmlBytes } = await timeRequests(handler, {
    requests: REQUESTS,
    warmUp: WARM_UP_REQUESTS,
    next: (i) => {
      const page = 1 + Math.floor(pick() * PAGES);
      const url = page > 1 ? `/community?page=${page}` : "/community";
      const headers: Record<string, string> = { "Accept-Language": i % 4 < 2 ? "en" : "ja" };
      if (i % 2) headers.Cookie = cookie;
      return new Request(`http://localhost${url}`, { headers });
    },
    check: (html) => html.includes("/community/t/topic-"),
  });
  await shutDownApp(dir);

  const summary = summarize(timings);
  const result = {
    name: "topic-list",
    description:
      "GET /community (latest, pages 1–3) rendered on the server with 50,000 topics, half anonymous, half signed in with unread markers, SQLite",
    topics: TOPIC_COUNT,
    requests: REQUESTS,
    warmUp: WARM_UP_REQUESTS,
    averageHtmlBytes,
    ...summary,
    targetP99Ms: TARGET_P99_MS,
    pass: summary.p99Ms <= TARGET_P99_MS,
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  writeResult(RESULT_FILE, result);
  console.log(
    `topic list: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms ` +
      `(target p99 ≤ ${TARGET_P99_MS} ms: ${result.pass ? "PASS" : "FAIL"})`,
  );
}

await main();
