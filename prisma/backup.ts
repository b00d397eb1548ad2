// Backup and restore of the SQLite database with SQLite's online backup API (better-sqlite3's
// db.backup): a consistent copy page by page while the portal keeps serving and writing, WAL
// included. PostgreSQL has its own tools (pg_dump / pg_restore, see README.md).
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { providerOf, sqlitePath } from "./migrate";

export class BackupError extends Error {}

function assertSqlite(databaseUrl: string) {
  if (providerOf(databaseUrl) !== "sqlite") {
    throw new BackupError(
      "DATABASE_URL is PostgreSQL: use pg_dump / pg_restore (README.md, 'Backups').",
    );
  }
}

/** A fresh, readable SQLite file: refuses anything that fails SQLite's integrity check. */
function checkIntegrity(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const [row] = db.pragma("integrity_check") as { integrity_check: string }[];
    if (row?.integrity_check !== "ok") {
      throw new BackupError(`${file} failed SQLite's integrity check: ${row?.integrity_check}`);
    }
    db.prepare('SELECT 1 FROM "_migrations" LIMIT 1').get();
  } finally {
    db.close();
  }
}

/** Copies the live database to `file` (a new file; refuses to overwrite one). */
export async function backupSqlite(databaseUrl: string, file: string): Promise<string> {
  assertSqlite(databaseUrl);
  const source = sqlitePath(databaseUrl);
  if (!existsSync(source)) throw new BackupError(`No database at ${source}`);
  if (existsSync(file)) throw new BackupError(`${file} exists already; choose another name`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  checkIntegrity(file);
  return file;
}

/**
 * Replaces the database's contents with the backup's, through the same API (so a WAL file
 * beside the target is handled by SQLite, not by copying files around). Stop the portal first:
 * a running server keeps its search index and caches of the data it replaced.
 */
export async function restoreSqlite(file: string, databaseUrl: string): Promise<void> {
  assertSqlite(databaseUrl);
  checkIntegrity(file);
  const target = sqlitePath(databaseUrl);
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const backup = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(target);
  } finally {
    backup.close();
  }
  // The restored pages came through SQLite; a stale -shm index would only be rebuilt anyway.
  rmSync(`${target}-shm`, { force: true });
  checkIntegrity(target);
}
