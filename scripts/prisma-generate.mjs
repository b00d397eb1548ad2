// Generates the Prisma clients for both databases from the one schema in prisma/schema.prisma.
// The PostgreSQL schema is derived, never edited: see docs/decisions/0003-two-databases-one-schema.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

export function writePostgresSchema() {
  const source = readFileSync("prisma/schema.prisma", "utf8");
  const derived = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('"../app/generated/prisma/sqlite"', '"../../app/generated/prisma/postgresql"');
  if (derived === source)
    throw new Error("prisma/schema.prisma: provider or output line not found");
  mkdirSync("prisma/postgresql", { recursive: true });
  writeFileSync(
    "prisma/postgresql/schema.prisma",
    "// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n" +
      derived,
  );
}

export function prisma(args) {
  return execFileSync("npx", ["prisma", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/portal.db" },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writePostgresSchema();
  for (const schema of ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"]) {
    prisma(["generate", "--no-hints", "--schema", schema]);
  }
  console.log("Prisma clients generated for SQLite and PostgreSQL.");
}
