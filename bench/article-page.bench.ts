// Server render time of the article page (/kb/:slug) with 1,000 published articles: a fresh
// SQLite database built from the migrations, the real Remix app (root loader, route loader,
// React render to the end of the stream) called through createRequestHandler, no network.
// The app is compiled in memory by Vite, as `node server.js` does in development, so nothing in
// build/ is touched. That means React's development build, which is slower than production:
// the figures are an upper bound for the deployed app.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { productionHandler, shutDownApp, summarize, timeRequests, writeResult } from "./lib/pages";
import { articleBody, sentence, WORDS } from "./lib/article-body";
import { rng } from "./lib/stats";

export const ARTICLE_COUNT = 1_000;
export const REQUESTS = 600;
export const WARM_UP_REQUESTS = 50;
export const TARGET_P99_MS = 50;
const RESULT_FILE = path.resolve("bench/results/article-page.json");

const dir = mkdtempSync(path.join(tmpdir(), "bench-article-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;

async function main() {
  const { migrate } = await import("../prisma/migrate");
  await migrate(process.env.DATABASE_URL!);
  const { db } = await import("../app/utils/db.server");

  const categories = await Promise.all(
    ["getting-started", "projects", "reports", "integrations", "security", "billing"].map(
      (slug, i) =>
        db.category.create({
          data: { slug, nameEn: slug, nameJa: slug, position: i },
          select: { id: true },
        }),
    ),
  );
  const tags = await Promise.all(
    WORDS.slice(0, 12).map((slug) =>
      db.tag.create({ data: { slug, name: slug }, select: { id: true } }),
    ),
  );
  const slugs: string[] = [];
  const started = performance.now();
  for (let i = 0; i < ARTICLE_COUNT; i++) {
    const locale = i % 2 ? "ja" : "en";
    const key = `article-${Math.floor(i / 2)}`;
    const slug = locale === "en" ? key : `${key}-ja`;
    const body = articleBody(i);
    const title = `How to ${WORDS[i % WORDS.length]} ${i}`;
    slugs.push(slug);
    await db.article.create({
      data: {
        slug,
        locale,
        translationKey: key,
        type: ["faq", "tutorial", "guide"][i % 3]!,
        categoryId: categories[i % categories.length]!.id,
        title,
        summary: sentence(rng(i), 12),
        body,
        position: i,
        status: "published",
        publishedAt: new Date(),
        revisionNumber: 1,
        revisions: { create: { number: 1, title, body, source: "import" } },
        tags: {
          create: [...new Set([i % tags.length, (i * 7 + 3) % tags.length])].map((t) => ({
            tagId: tags[t]!.id,
          })),
        },
      },
    });
  }
  const bodyBytes = slugs.length ? Buffer.byteLength(articleBody(0)) : 0;
  console.log(
    `Seeded ${ARTICLE_COUNT} articles in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );

  // The production build, as `npm start` serves it (bench/run.ts builds it first).
  const handler = await productionHandler();
  const random = rng(42);
  const { timings, averageHtmlBytes } = await timeRequests(handler, {
    requests: REQUESTS,
    warmUp: WARM_UP_REQUESTS,
    next: () =>
      new Request(`http://localhost/kb/${slugs[Math.floor(random() * slugs.length)]!}`, {
        headers: { "Accept-Language": "en" },
      }),
  });
  await shutDownApp(dir);

  const summary = summarize(timings);
  const result = {
    name: "article-page",
    description:
      "GET /kb/:slug rendered on the server (loaders + React to the end of the stream), random slugs, anonymous visitor, SQLite",
    articles: ARTICLE_COUNT,
    requests: REQUESTS,
    warmUp: WARM_UP_REQUESTS,
    sampleBodyBytes: bodyBytes,
    averageHtmlBytes,
    ...summary,
    targetP99Ms: TARGET_P99_MS,
    pass: summary.p99Ms < TARGET_P99_MS,
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  writeResult(RESULT_FILE, result);
  console.log(
    `article page: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms ` +
      `(target p99 < ${TARGET_P99_MS} ms: ${result.pass ? "PASS" : "FAIL"})`,
  );
}

await main();
