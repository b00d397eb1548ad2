// `npm run demo` (after `predemo` has installed what was missing): migrates and seeds the
// database, imports content/, builds the app unless the build is current, serves it on PORT
// and prints the demo logins. Safe to run again: existing data is kept, and an up-to-date build is reused.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const PORT = process.env.PORT || "3000";
const BUILD_ENTRY = "build/server/index.js";
/** What the build is made from; a change to any of these means building again. */
const BUILD_INPUTS = ["app", "public", "vite.config.ts", "tsconfig.json", "package-lock.json"];
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 250;
const WINDOWS = process.platform === "win32";

/** The child running now, so that Ctrl-C or a TERM reaches it too. */
let current = null;
let stopping = false;

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    if (current && current.exitCode === null) current.kill(signal);
    else process.exit(130);
  });
}

function start(command, args, env = {}) {
  const child = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, ...env },
    // npm and npx are .cmd scripts on Windows, which spawn only runs through a shell.
    shell: WINDOWS,
  });
  current = child;
  return child;
}

/** Runs a step to completion; any failure ends the demo with the step's exit code. */
function run(title, command, args, env) {
  console.log(`\n▶ ${title}`);
  return new Promise((resolve) => {
    const child = start(command, args, env);
    child.on("error", (error) => {
      console.error(`✖ ${title}: ${error.message}`);
      process.exit(1);
    });
    child.on("exit", (code, signal) => {
      current = null;
      if (code === 0) return resolve();
      if (stopping || signal) process.exit(130);
      console.error(`✖ ${title} failed (exit code ${code}).`);
      process.exit(code ?? 1);
    });
  });
}

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function buildIsCurrent() {
  if (!existsSync(BUILD_ENTRY) || !existsSync("build/client")) return false;
  const built = statSync(BUILD_ENTRY).mtimeMs;
  return BUILD_INPUTS.every((input) => newestMtime(input) < built);
}

async function waitUntilReady(server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) return false;
    try {
      const res = await fetch(`http://localhost:${PORT}/healthz`);
      if (res.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  return false;
}

function printLogins(logins) {
  const url = `http://localhost:${PORT}`;
  const rows = [
    `Acme Cloud customer portal is running at ${url}`,
    "",
    "Demo logins (password for all: " + logins[0].password + ")",
    "",
    ...logins.map((l) => `  ${l.role.padEnd(14)} ${l.email}`),
    "",
    `Events API: sign in as admin, create a key at ${url}/admin/integrations,`,
    'then follow the curl example in README.md, section "Events API".',
    "",
    "Stop with Ctrl-C. Running `npm run demo` again keeps the data.",
  ];
  const width = Math.max(...rows.map((r) => r.length));
  const line = "─".repeat(width + 2);
  console.log(
    ["", `┌${line}┐`, ...rows.map((r) => `│ ${r.padEnd(width)} │`), `└${line}┘`, ""].join("\n"),
  );
}

// Content first (the importer migrates), so that the demo searches' clicks name real articles.
// Every run too, so that edited or new files in content/ reach the help center (unchanged files and
// articles CS has edited since are left alone; the importer prints what it did).
await run("Importing the help-center content", "npx", ["tsx", "scripts/import-content.ts"]);

const summaryFile = path.join(tmpdir(), `portal-demo-${process.pid}.json`);
await run("Migrating the database and loading the demo data", "npx", ["tsx", "scripts/seed.ts"], {
  DEMO_SUMMARY_FILE: summaryFile,
});
const { logins } = JSON.parse(readFileSync(summaryFile, "utf8"));
rmSync(summaryFile, { force: true });

if (buildIsCurrent()) {
  console.log("\n▶ Build is up to date: skipping `npm run build`.");
} else {
  await run("Building the app", "npm", ["run", "build"]);
}

console.log("\n▶ Starting the server");
const server = start(process.execPath, ["server.js"], { NODE_ENV: "production", PORT });
server.on("error", (error) => {
  console.error(`✖ Could not start the server: ${error.message}`);
  process.exit(1);
});
server.on("exit", (code, signal) => {
  process.exit(stopping || signal ? 0 : (code ?? 1));
});

if (await waitUntilReady(server)) {
  printLogins(logins);
} else if (server.exitCode === null && !stopping) {
  console.error(`✖ The server did not answer on http://localhost:${PORT}/healthz in time.`);
}
