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
// Benchmarks measure the production build with React's production runtime.
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
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

type Result = {
  name: string;
  description?: string;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  targetP99Ms?: number;
  pass?: boolean;
  measuredAt?: string;
};
const results: Result[] = existsSync(RESULTS_DIR)
  ? readdirSync(RESULTS_DIR)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), "utf8")) as Result)
  : [];
const fmt = (n: number | undefined) => (n === undefined ? "—" : n.toFixed(1));
const rows = results.map(
  (r) =>
    `| ${r.name} | ${fmt(r.p50Ms)} | ${fmt(r.p95Ms)} | ${fmt(r.p99Ms)} | ${
      r.targetP99Ms === undefined ? "—" : `< ${r.targetP99Ms}`
    } | ${r.pass === undefined ? "—" : r.pass ? "pass" : "FAIL"} | ${r.measuredAt?.slice(0, 10) ?? ""} |`,
);
writeFileSync(
  path.join(RESULTS_DIR, "README.md"),
  [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); each row comes from the JSON file of the same name.",
    "Times in milliseconds, measured on the machine that ran the command.",
    "",
    "| benchmark | p50 | p95 | p99 | target p99 | result | measured |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ...rows,
    "",
    ...results.filter((r) => r.description).map((r) => `- **${r.name}**: ${r.description}`),
    "",
  ].join("\n"),
);
console.log(`\nResults: ${path.relative(process.cwd(), path.join(RESULTS_DIR, "README.md"))}`);
if (failed) process.exitCode = 1;
