// Usage: npm run db:new-migration -- <name>
// Diffs the schema as the last migration left it (a snapshot kept beside the migrations)
// against prisma/schema.prisma and writes one SQL file per database. `prisma migrate dev`
// cannot run here (see docs/decisions/0002-prisma-6-js-engine.md).
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { prisma, writePostgresSchema } from "./prisma-generate.mjs";

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
writePostgresSchema();

const targets = [
  { dir: "prisma/migrations/sqlite", schema: "prisma/schema.prisma" },
  { dir: "prisma/migrations/postgresql", schema: "prisma/postgresql/schema.prisma" },
];
for (const { dir, schema } of targets) {
  mkdirSync(dir, { recursive: true });
  const snapshot = `${dir}/schema.snapshot.prisma`;
  const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"]);
  if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE|PRAGMA)\b/.test(sql)) {
    console.log(`${dir}: no schema change.`);
    continue;
  }
  const next = readdirSync(dir).filter((f) => f.endsWith(".sql")).length + 1;
  const file = `${dir}/${String(next).padStart(4, "0")}_${name}.sql`;
  writeFileSync(file, sql);
  copyFileSync(schema, snapshot);
  console.log(`wrote ${file}`);
}
