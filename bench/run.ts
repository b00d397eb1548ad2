// `npm run bench`: runs every bench/*.bench.ts in its own process (each builds its own database),
// then writes bench/results/README.md from the JSON results.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const BENCH_DIR = path.resolve("bench");
const RESULTS_DIR = path.join(BENCH_DIR, "results");
const only = process.argv[2];

const benches = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort();
/** The in-process search benchmarks hold three 100,000-document indexes in turn. */
const BENCH_HEAP_MB = 8_192;
// Benchmarks measure the production build with React's production runtime; --expose-gc lets
// them measure heap after a collection.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NODE_OPTIONS: [process.env.NODE_OPTIONS, "--expose-gc", `--max-old-space-size=${BENCH_HEAP_MB}`]
    .filter(Boolean)
    .join(" "),
};
console.log("Building the app for production…");
if (
  spawnSync("npx", ["remix", "vite:build", "--logLevel", "warn"], { stdio: "inherit", env })
    .status !== 0
) {
  console.error("✖ build failed");
  process.exit(1);
}
let failed = false;
for (const file of benches) {
  console.log(`\n▶ ${file}`);
  const run = spawnSync("npx", ["tsx", path.join(BENCH_DIR, file)], {
    stdio: "inherit",
    env,
  });
  if (run.status !== 0) {
    console.error(`✖ ${file} failed (exit code ${run.status}).`);
    failed = true;
  }
}

/** One engine in the search benchmarks: relevance figures, speed figures, or both. */
type EngineFigures = {
  name: string;
  top1?: number;
  top3?: number;
  mrr?: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  buildMs?: number;
  memoryMb?: number;
  update?: { visibleToNextQuery: boolean };
};
type Result = {
  name: string;
  description?: string;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  targetP99Ms?: number;
  targetP95Ms?: number;
  targets?: { p50Ms?: number; p95Ms?: number; top3?: number };
  /** Throughput benchmarks (ingest): the target is events per second, not a latency. */
  eventsPerSecond?: number;
  targetEventsPerSecond?: number;
  pass?: boolean;
  measuredAt?: string;
  engines?: EngineFigures[];
};
const results: Result[] = existsSync(RESULTS_DIR)
  ? readdirSync(RESULTS_DIR)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), "utf8")) as Result)
  : [];
const fmt = (n: number | undefined, digits = 1) => (n === undefined ? "—" : n.toFixed(digits));
const pct = (n: number | undefined) => (n === undefined ? "—" : `${(n * 100).toFixed(1)} %`);
function target(r: Result): string {
  if (r.targetEventsPerSecond !== undefined) {
    return `≥ ${r.targetEventsPerSecond} events/s (measured ${r.eventsPerSecond ?? "—"})`;
  }
  if (r.targetP99Ms !== undefined) return `p99 < ${r.targetP99Ms}`;
  if (r.targetP95Ms !== undefined) return `p95 ≤ ${r.targetP95Ms}`;
  const { p50Ms, p95Ms, top3 } = r.targets ?? {};
  const parts = [
    p50Ms !== undefined && `p50 ≤ ${p50Ms}`,
    p95Ms !== undefined && `p95 ≤ ${p95Ms}`,
    top3 !== undefined && `top-3 ≥ ${pct(top3)}`,
  ];
  return parts.filter(Boolean).join(", ") || "—";
}
const rows = results.map(
  (r) =>
    `| ${r.name} | ${fmt(r.p50Ms)} | ${fmt(r.p95Ms)} | ${fmt(r.p99Ms)} | ${target(r)} | ${
      r.pass === undefined ? "—" : r.pass ? "pass" : "FAIL"
    } | ${r.measuredAt?.slice(0, 10) ?? ""} |`,
);
// Search benchmarks compare engines; each gets its own table below the summary.
const engineTables = results
  .filter((r) => r.engines?.length)
  .flatMap((r) => {
    const engines = r.engines!;
    const relevance = engines.some((e) => e.top3 !== undefined);
    const head = relevance
      ? ["engine", "top-1", "top-3", "MRR", "p50", "p95"]
      : ["engine", "build s", "memory MB", "p50", "p95", "p99", "update visible"];
    const cells = (e: EngineFigures) =>
      relevance
        ? [e.name, pct(e.top1), pct(e.top3), fmt(e.mrr, 3), fmt(e.p50Ms, 2), fmt(e.p95Ms, 2)]
        : [
            e.name,
            fmt(e.buildMs === undefined ? undefined : e.buildMs / 1000),
            fmt(e.memoryMb, 0),
            fmt(e.p50Ms, 2),
            fmt(e.p95Ms, 2),
            fmt(e.p99Ms, 2),
            e.update ? (e.update.visibleToNextQuery ? "yes" : "NO") : "—",
          ];
    return [
      `### ${r.name}`,
      "",
      `| ${head.join(" | ")} |`,
      `| --- | ${head
        .slice(1)
        .map(() => "---:")
        .join(" | ")} |`,
      ...engines.map((e) => `| ${cells(e).join(" | ")} |`),
      "",
    ];
  });
writeFileSync(
  path.join(RESULTS_DIR, "README.md"),
  [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); each row comes from the JSON file of the same name.",
    "Times in milliseconds, measured on the machine that ran the command.",
    "",
    "| benchmark | p50 | p95 | p99 | target | result | measured |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ...rows,
    "",
    ...results.filter((r) => r.description).map((r) => `- **${r.name}**: ${r.description}`),
    "",
    ...engineTables,
  ].join("\n"),
);
console.log(`\nResults: ${path.relative(process.cwd(), path.join(RESULTS_DIR, "README.md"))}`);
if (failed) process.exitCode = 1;
