// The migration runner for both databases: applies prisma/migrations/<provider>/*.sql in name
// order, each file in one transaction, and records it in `_migrations` so it runs only once.
import { readdirSync, readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";

const MIGRATIONS_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
// Any constant works; it keeps two processes from migrating the same PostgreSQL database at once.
const POSTGRES_MIGRATION_LOCK = 72_410_001;

export type Provider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}

export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

function migrationFiles(provider: Provider) {
  const dir = path.join(MIGRATIONS_ROOT, provider);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name), "utf8") }));
}

/** Returns the names of the migrations it applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  return providerOf(databaseUrl) === "postgresql"
    ? migratePostgres(databaseUrl)
    : migrateSqlite(sqlitePath(databaseUrl));
}

function migrateSqlite(file: string): string[] {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.exec(
      `CREATE TABLE IF NOT EXISTS "_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`,
    );
    const done = new Set(
      db
        .prepare(`SELECT "name" FROM "_migrations"`)
        .all()
        .map((r) => (r as { name: string }).name),
    );
    const applied: string[] = [];
    for (const m of migrationFiles("sqlite")) {
      if (done.has(m.name)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_migrations" ("name", "appliedAt") VALUES (?, ?)`).run(
          m.name,
          new Date().toISOString(),
        );
      })();
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL)`,
    );
    const applied: string[] = [];
    for (const m of migrationFiles("postgresql")) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [POSTGRES_MIGRATION_LOCK]);
        const seen = await client.query(`SELECT 1 FROM "_migrations" WHERE "name" = $1`, [m.name]);
        if (seen.rowCount) {
          await client.query("COMMIT");
          continue;
        }
        await client.query(m.sql);
        await client.query(`INSERT INTO "_migrations" ("name", "appliedAt") VALUES ($1, now())`, [
          m.name,
        ]);
        await client.query("COMMIT");
        applied.push(m.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
    }
    return applied;
  } finally {
    await client.end();
  }
}
