import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "./sqlite-checkpointer.server";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function walDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "checkpointer-"));
  dirs.push(dir);
  const file = path.join(dir, "portal.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // Only the checkpointer may move the log into the file in these tests.
  db.pragma("wal_autocheckpoint = 0");
  db.exec("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)");
  return { db, file };
}

async function until(condition: () => boolean, timeoutMs = 5_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the SQLite checkpointer", () => {
  it("copies committed pages into the database file without the writer doing it", async () => {
    const { db, file } = walDatabase();
    const insert = db.prepare("INSERT INTO note (body) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run("x".repeat(4_000));
    })();
    const before = statSync(file).size;
    expect(before).toBeLessThan(100_000); // two megabytes of rows are still only in the log

    const checkpointer = startCheckpointer(file, 20);
    try {
      await until(() => statSync(file).size > 2_000_000);
    } finally {
      await checkpointer.stop();
    }
    expect(db.prepare("SELECT count(*) AS n FROM note").get()).toEqual({ n: 500 });
    db.close();
  });

  it("creates no database where there is none, and stops cleanly", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "checkpointer-"));
    dirs.push(dir);
    const file = path.join(dir, "missing.db");
    await startCheckpointer(file, 20).stop();
    expect(existsSync(file)).toBe(false);
  });

  // Two copies of SQLite in one process ignore each other's file locks: a checkpoint through the
  // other copy corrupted the database. npm must keep one better-sqlite3 for us and for Prisma.
  it("loads the same better-sqlite3 as Prisma's adapter", () => {
    const require = createRequire(import.meta.url);
    const adapter = require.resolve("@prisma/adapter-better-sqlite3");
    expect(createRequire(adapter).resolve("better-sqlite3")).toBe(
      require.resolve("better-sqlite3"),
    );
  });
});
