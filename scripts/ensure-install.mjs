// Runs before `npm run demo` and `npm test`: a fresh clone gets its dependencies installed
// (from the lock file) without a separate manual step.
import { existsSync, statSync } from "node:fs";
import { execSync } from "node:child_process";

const lock = "package-lock.json";
const marker = "node_modules/.package-lock.json";
const stale =
  !existsSync(marker) ||
  (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);

if (stale) {
  console.log(
    "Installing dependencies (npm ci); the native SQLite driver compiles for about two minutes…",
  );
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
} else if (!existsSync("app/generated/prisma/sqlite/client.ts")) {
  execSync("node scripts/prisma-generate.mjs", { stdio: "inherit" });
}
