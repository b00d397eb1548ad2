// Shared by the page benchmarks: the production build's request handler, a timed loop of
// requests through it, and the summary every result file carries.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { percentile } from "./stats";

type Handler = (
  request: Request,
  context: { clientIp: string; cspNonce: string },
) => Promise<Response>;

type ServerBuild = { entry: { module: { stopBackgroundJobs?: () => Promise<void> } } };
let loadedBuild: ServerBuild | null = null;

/** The production build's handler, as `npm start` serves it (bench/run.ts builds it first). */
export async function productionHandler(): Promise<Handler> {
  const build = (await import(
    pathToFileURL(path.resolve("build/server/index.js")).href
  )) as ServerBuild;
  loadedBuild = build;
  const { createRequestHandler } = await import("@remix-run/node");
  return createRequestHandler(build as never, "production") as Handler;
}

/**
 * Sends warmUp + requests requests (the i-th from `next(i)`) one after the other, reading each
 * body to its end; a status other than 200, or a body `check` refuses, stops the benchmark.
 * Returns the timings after the warm-up and their mean body size.
 */
export async function timeRequests(
  handler: Handler,
  options: {
    requests: number;
    warmUp: number;
    next: (i: number) => Request;
    check?: (html: string) => boolean;
  },
) {
  const timings: number[] = [];
  let bytes = 0;
  for (let i = 0; i < options.warmUp + options.requests; i++) {
    const request = options.next(i);
    const t0 = performance.now();
    const response = await handler(request, { clientIp: `10.0.${i % 250}.1`, cspNonce: "bench" });
    const html = await response.text();
    const ms = performance.now() - t0;
    if (response.status !== 200) throw new Error(`GET ${request.url} answered ${response.status}`);
    if (options.check && !options.check(html)) throw new Error(`GET ${request.url}: wrong page`);
    if (i >= options.warmUp) {
      timings.push(ms);
      bytes += html.length;
    }
  }
  return { timings, averageHtmlBytes: Math.round(bytes / Math.max(1, timings.length)) };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Percentiles, maximum and mean of the timings, in milliseconds to two decimals. */
export function summarize(timings: number[]) {
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    meanMs: round(timings.reduce((a, b) => a + b, 0) / Math.max(1, timings.length)),
  };
}

/**
 * The app built its search index, follows the change feed and runs its background jobs (health
 * recompute, webhooks, e-mail): stop them all, as server.js does on SIGTERM, before the DB goes.
 */
export async function shutDownApp(dir: string) {
  await loadedBuild?.entry.module.stopBackgroundJobs?.();
  (await import("../../app/search/service.server")).stopSearch();
  await (await import("../../app/utils/db.server")).disconnectDb();
  rmSync(dir, { recursive: true, force: true });
}

export function writeResult(file: string, result: { name: string }) {
  writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
}
