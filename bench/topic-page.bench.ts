// Server render time of the topic page (/community/t/:id) for a topic with 500 posts: a fresh
// SQLite database built from the migrations, the production build called through
// createRequestHandler (root loader, route loader, React to the end of the stream), no network.
// A signed-in customer reads random pages, so likes, watch and read position are all queried.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { productionHandler, shutDownApp, summarize, timeRequests, writeResult } from "./lib/pages";
import { rng } from "./lib/stats";

export const POST_COUNT = 500;
export const REQUESTS = 600;
export const WARM_UP_REQUESTS = 50;
export const TARGET_P99_MS = 80;
/** Authors taking part, one of them CS, so badges and account names are rendered too. */
const AUTHORS = 20;
const RESULT_FILE = path.resolve("bench/results/topic-page.json");

const dir = mkdtempSync(path.join(tmpdir(), "bench-topic-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;

const WORDS =
  "project task report dashboard member export filter schedule invoice permission board timeline webhook token".split(
    " ",
  );

/** A forum reply: a few sentences, sometimes a list, a quote or code (~300–900 bytes). */
function postBody(index: number): string {
  const random = rng(index + 7);
  const sentence = () =>
    Array.from({ length: 12 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ") + ".";
  const parts = [sentence(), sentence()];
  if (index % 3 === 0) parts.unshift(`> ${sentence()}`);
  if (index % 4 === 0) parts.push(`- ${sentence()}\n- **${sentence()}**`);
  if (index % 7 === 0) parts.push("```\ncurl -H 'Authorization: Bearer $TOKEN' /v1/reports\n```");
  return parts.join("\n\n");
}

async function main() {
  const { migrate } = await import("../prisma/migrate");
  await migrate(process.env.DATABASE_URL!);
  const { db } = await import("../app/utils/db.server");
  const { createSessionCookie } = await import("../test/factories");
  const { FORUM_LIMITS } = await import("../app/models/forum-policy");

  const account = await db.account.create({
    data: {
      name: "Bench Co",
      externalId: "bench",
      plan: "team",
      arr: 1_000_000,
      seats: 50,
      segment: "low_touch",
    },
  });
  const authors: { id: string }[] = [];
  for (let i = 0; i < AUTHORS; i++) {
    authors.push(
      await db.user.create({
        data: {
          email: `author${i}@bench.test`,
          name: `Author ${i}`,
          handle: `author${i}`,
          role: i === 0 ? "cs" : "member",
          accountId: i === 0 ? null : account.id,
          showAccountName: i % 2 === 0,
        },
      }),
    );
  }
  const reader = await db.user.create({
    data: { email: "reader@bench.test", name: "Reader", role: "member", accountId: account.id },
  });
  const category = await db.forumCategory.create({
    data: { slug: "bench", nameEn: "Bench", nameJa: "ベンチ" },
  });
  const topic = await db.topic.create({
    data: {
      categoryId: category.id,
      authorId: authors[1]!.id,
      accountId: account.id,
      kind: "question",
      title: "How do I export every report at once?",
      replyCount: POST_COUNT - 1,
    },
  });
  await db.post.createMany({
    data: Array.from({ length: POST_COUNT }, (_, i) => ({
      topicId: topic.id,
      authorId: authors[i % AUTHORS]!.id,
      accountId: i % AUTHORS === 0 ? null : account.id,
      number: i + 1,
      body: postBody(i),
      likeCount: i % 5,
    })),
  });
  const liked = await db.post.findMany({
    where: { topicId: topic.id, number: { lte: POST_COUNT, gte: 2 } },
    select: { id: true, number: true },
  });
  await db.postLike.createMany({
    data: liked.filter((p) => p.number % 3 === 0).map((p) => ({ postId: p.id, userId: reader.id })),
  });
  const { cookie } = await createSessionCookie(reader.id);

  const handler = await productionHandler();
  const pages = Math.ceil(POST_COUNT / FORUM_LIMITS.pageSize);
  const random = rng(42);
  const { timings, averageHtmlBytes } = await timeRequests(handler, {
    requests: REQUESTS,
    warmUp: WARM_UP_REQUESTS,
    next: () => {
      const page = 1 + Math.floor(random() * pages);
      return new Request(`http://localhost/community/t/${topic.id}?page=${page}`, {
        headers: { "Accept-Language": "en", Cookie: cookie },
      });
    },
  });
  await shutDownApp(dir);

  const summary = summarize(timings);
  const result = {
    name: "topic-page",
    description:
      "GET /community/t/:id?page=N rendered on the server (loaders + React to the end of the stream), random pages of a 500-post topic, signed-in customer, SQLite",
    posts: POST_COUNT,
    pageSize: FORUM_LIMITS.pageSize,
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
    `topic page: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms ` +
      `(target p99 <= ${TARGET_P99_MS} ms: ${result.pass ? "PASS" : "FAIL"})`,
  );
}

await main();
