// Load: the production build served by server.js (as `npm start` does) on loopback, driven by
// autocannon with 50 concurrent clients. Three runs against the same server process, one after
// the other:
//   1. /bench/hello   the bare server: Express, the security headers, compression, request ids
//                     and logging, no Remix (DIAGNOSTIC_ROUTES=1 adds it; off in production);
//   2. article pages  /kb/:slug, random slugs, anonymous (after the first render of each, served
//                     by the anonymous page cache, docs/decisions/0019-anonymous-page-cache.md);
//   3. the mix        article views, searches (/search?q=) and topic views for 60 s.
// Zero errors are allowed (any non-2xx, socket error or timeout). The article page's throughput
// is reported as a ratio to hello's (target >= 0.6).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { writeResult } from "./lib/pages";
import { seedPages } from "./lib/seed-pages";
import { rng } from "./lib/stats";

export const CONNECTIONS = 50;
export const MIX_SECONDS = 60;
export const SINGLE_SECONDS = 20;
export const TARGET_RATIO = 0.6;
export const ARTICLES = 60;
export const TOPICS = 40;
const PORT = Number(process.env.BENCH_PORT || 3355);
const RESULT_FILE = path.resolve("bench/results/load.json");
const QUERIES = ["invoice", "export report", "webhook", "permission", "ダッシュボード", "timeline"];

const dir = mkdtempSync(path.join(tmpdir(), "bench-load-"));
const databaseUrl = `file:${path.join(dir, "bench.db")}`;
process.env.DATABASE_URL = databaseUrl;

function startServer() {
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      APP_URL: "",
      DIAGNOSTIC_ROUTES: "1",
      // Fifty clients share one IP here; the per-IP API limit is not what is measured.
      API_RATE_LIMIT_PER_MINUTE: "100000000",
      NODE_OPTIONS: "",
    },
    // The JSON request log is still written (its cost is part of the figures), then dropped.
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

type Run = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
};

function load(paths: () => string, seconds: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${PORT}`,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { "accept-language": "en", "accept-encoding": "gzip" },
        requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths() }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requestsPerSecond: Math.round(result.requests.average * 10) / 10,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          requests: result.requests.total,
          errors: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
  });
}

async function main() {
  const { slugs, topicIds } = await seedPages(databaseUrl, { articles: ARTICLES, topics: TOPICS });
  const server = startServer();
  try {
    await waitFor(`http://127.0.0.1:${PORT}/healthz`);
    // The search index builds at start; the first search waits for it.
    await waitFor(`http://127.0.0.1:${PORT}/search?q=invoice`);
    const random = rng(7);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const article = () => `/kb/${pick(slugs)}`;

    console.log(`hello: ${CONNECTIONS} clients, ${SINGLE_SECONDS} s…`);
    const hello = await load(() => "/bench/hello", SINGLE_SECONDS);
    console.log(`article pages: ${CONNECTIONS} clients, ${SINGLE_SECONDS} s…`);
    const articles = await load(article, SINGLE_SECONDS);
    console.log(`mix: ${CONNECTIONS} clients, ${MIX_SECONDS} s…`);
    const mix = await load(() => {
      const roll = random();
      if (roll < 0.5) return article();
      if (roll < 0.75) return `/search?q=${encodeURIComponent(pick(QUERIES))}`;
      return `/community/t/${pick(topicIds)}`;
    }, MIX_SECONDS);

    const ratio = Math.round((articles.requestsPerSecond / hello.requestsPerSecond) * 1000) / 1000;
    const errors = hello.errors + articles.errors + mix.errors;
    const result = {
      name: "load",
      description: `autocannon, ${CONNECTIONS} clients on loopback against the production server: a ${MIX_SECONDS} s mix (50 % articles, 25 % searches, 25 % topics; p50/p99 columns), and article pages alone (signed out, so mostly from the anonymous page cache) vs /bench/hello (${SINGLE_SECONDS} s each) for the ratio`,
      connections: CONNECTIONS,
      mix,
      articles,
      hello,
      articleToHelloRatio: ratio,
      targetRatio: TARGET_RATIO,
      errors,
      p50Ms: mix.p50Ms,
      p99Ms: mix.p99Ms,
      pass: errors === 0 && ratio >= TARGET_RATIO,
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
    writeResult(RESULT_FILE, result);
    console.log(
      `mix: ${mix.requestsPerSecond} req/s, p99 ${mix.p99Ms} ms, ${mix.errors} errors; ` +
        `articles ${articles.requestsPerSecond} req/s vs hello ${hello.requestsPerSecond} req/s ` +
        `(ratio ${ratio}, target >= ${TARGET_RATIO}); errors in all runs: ${errors}`,
    );
    if (errors > 0) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
