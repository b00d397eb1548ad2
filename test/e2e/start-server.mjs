// Playwright's web server: builds the app, creates a fresh SQLite database with the e2e fixtures,
// then serves the production build exactly as `npm start` does.
//   SKIP_BUILD=1   reuse the existing build/ (when iterating on the specs)
//   E2E_PORT=3210  the port (playwright.config.ts reads the same variable)
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.join(root, "test-results/e2e");
const dbFile = path.join(dir, "portal.db");
const bin = (name) => path.join(root, "node_modules/.bin", name);

function run(label, command, args, env = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`e2e server: ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  console.log(`e2e server: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

process.chdir(root);

if (process.env.SKIP_BUILD === "1") {
  console.log("e2e server: SKIP_BUILD=1, serving the existing build/");
} else {
  // The build's own NODE_ENV is production; an inherited "test" would leak into it.
  run("build", bin("remix"), ["vite:build", "--logLevel", "warn"], { NODE_ENV: "production" });
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const databaseUrl = `file:${dbFile}`;
run("fixtures", bin("tsx"), ["test/e2e/seed.ts"], { DATABASE_URL: databaseUrl });

Object.assign(process.env, {
  NODE_ENV: "production",
  PORT: process.env.E2E_PORT || "3210",
  DATABASE_URL: databaseUrl,
  APP_URL: "",
  // Every spec's browser shares 127.0.0.1; the per-IP API limit has its own integration test.
  API_RATE_LIMIT_PER_MINUTE: "100000",
  // The specs change content and read it back signed out within a second; the anonymous page
  // cache (which would serve the earlier page until the search feed clears it) has its own test
  // on a server of its own in reliability.spec.ts.
  PAGE_CACHE_SECONDS: "0",
});
// server.js reads its settings at import time and handles SIGTERM/SIGINT itself.
await import(pathToFileURL(path.join(root, "server.js")).href);
