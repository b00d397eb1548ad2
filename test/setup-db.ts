// Runs before every integration test file: a fresh database built from the migrations,
// SQLite always, PostgreSQL in the "postgres" project (see vite.config.ts).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { migrate } from "../prisma/migrate";
import { settleRecordedEvents } from "../app/models/event.server";
import { settleNotifications } from "../app/commands/notify.server";
import { disconnectDb } from "../app/utils/db.server";
import { createTestDatabase, dropTestDatabase } from "./postgres";

const kind = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";
let cleanup: () => Promise<void>;

if (kind === "postgres") {
  const { url, name } = await createTestDatabase();
  process.env.DATABASE_URL = url;
  cleanup = () => dropTestDatabase(name);
} else {
  const dir = path.resolve("test-results/db");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomBytes(6).toString("hex")}.db`);
  process.env.DATABASE_URL = `file:${file}`;
  cleanup = async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  };
}
process.env.NODE_ENV = "test";
await migrate(process.env.DATABASE_URL);

afterAll(async () => {
  // Events recorded inside transactions reach onboarding just after; let them finish first.
  await settleRecordedEvents();
  await settleNotifications();
  await disconnectDb();
  await cleanup();
});
