// npm run db:backup / db:restore on SQLite: back up, change data, restore, and the rows are
// exactly those of the backup again.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BackupError, backupSqlite, restoreSqlite } from "../../prisma/backup";
import { Prisma } from "../../app/generated/prisma/sqlite/client";
import { db, disconnectDb } from "../../app/utils/db.server";
import { createAccount, createTopic, createUser } from "../factories";

const sqlite = process.env.TEST_DB !== "postgres";

async function snapshot() {
  const tables: Record<string, unknown[]> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (
      db as unknown as Record<string, { findMany: (a: object) => Promise<unknown[]> }>
    )[model.charAt(0).toLowerCase() + model.slice(1)]!;
    tables[model] = await delegate.findMany({});
  }
  return tables;
}

describe.runIf(sqlite)("SQLite backup and restore", () => {
  it("restores exactly what was backed up", async () => {
    const url = process.env.DATABASE_URL!;
    const account = await createAccount({ name: "Before Backup" });
    const user = await createUser({ accountId: account.id, name: "Kept" });
    await createTopic({ authorId: user.id, title: "A topic from before" });
    const before = await snapshot();
    const file = path.resolve(`test-results/db/backup-${process.pid}-${Date.now()}.db`);

    // The live connection stays open: the backup is online.
    await backupSqlite(url, file);
    await expect(backupSqlite(url, file)).rejects.toBeInstanceOf(BackupError);

    await db.user.update({ where: { id: user.id }, data: { name: "Changed" } });
    await createAccount({ name: "After Backup" });
    await db.topic.deleteMany({});
    expect(await snapshot()).not.toEqual(before);

    await disconnectDb();
    await restoreSqlite(file, url);
    const after = await snapshot();
    for (const model of Object.keys(before)) {
      expect(after[model], model).toEqual(before[model]);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Kept");
    rmSync(file, { force: true });
  });

  it("the npm scripts run the same code from the command line", () => {
    const file = path.resolve(`test-results/db/cli-${process.pid}-${Date.now()}.db`);
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL! };
    const tsx = path.resolve("node_modules/.bin/tsx");
    expect(execFileSync(tsx, ["scripts/db-backup.ts", "backup", file], { env }).toString()).toMatch(
      /Backed up to/,
    );
    expect(() =>
      execFileSync(tsx, ["scripts/db-backup.ts", "restore", "/nonexistent/backup.db"], {
        env,
        stdio: "pipe",
      }),
    ).toThrow();
    rmSync(file, { force: true });
  });

  it("refuses PostgreSQL and points at pg_dump", async () => {
    await expect(backupSqlite("postgres://x@127.0.0.1/db", "x.db")).rejects.toThrow(/pg_dump/);
  });
});
