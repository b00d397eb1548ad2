// The database settings and the health check the operations side relies on.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loader as healthz } from "../../app/routes/healthz";
import { db, getDb } from "../../app/utils/db.server";
import { getRequest, runLoader } from "../helpers";

const sqlite = process.env.TEST_DB !== "postgres";
const original = process.env.DATABASE_URL!;

afterEach(() => {
  process.env.DATABASE_URL = original;
  getDb();
});

async function health() {
  const res = await runLoader(healthz, getRequest("/healthz"));
  return { status: res.status, body: (await res.json()) as { ok: boolean } };
}

describe("the health check", () => {
  it("answers 200 when the database answers", async () => {
    expect(await health()).toEqual({ status: 200, body: { ok: true } });
  });

  it.runIf(sqlite)("answers 503 when the database file is not a database", async () => {
    const dir = path.resolve("test-results/db");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `broken-${process.pid}.db`);
    writeFileSync(file, "this is not an SQLite database, just some bytes ".repeat(200));
    process.env.DATABASE_URL = `file:${file}`;
    const result = await health();
    expect(result.status).toBe(503);
    expect(result.body.ok).toBe(false);
    rmSync(file, { force: true });
  });

  it.runIf(sqlite)("answers 503 when the database is empty (never migrated)", async () => {
    const dir = path.resolve("test-results/db");
    const file = path.join(dir, `empty-${process.pid}.db`);
    rmSync(file, { force: true });
    process.env.DATABASE_URL = `file:${file}`;
    expect((await health()).status).toBe(503);
    rmSync(file, { force: true });
  });

  it.runIf(!sqlite)("answers 503 when PostgreSQL does not answer", async () => {
    // A port nothing listens on: the pool cannot connect.
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/portal_nowhere";
    expect((await health()).status).toBe(503);
  });
});

describe.runIf(sqlite)("SQLite settings", () => {
  it("runs in WAL mode with a busy timeout", async () => {
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode!.journal_mode).toBe("wal");
    const [timeout] =
      await db.$queryRawUnsafe<Record<string, bigint | number>[]>("PRAGMA busy_timeout");
    expect(Number(Object.values(timeout!)[0])).toBeGreaterThanOrEqual(5_000);
  });
});
