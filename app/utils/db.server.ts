import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma/postgresql/client";
import { providerOf, sqlitePath } from "../../prisma/migrate";
import { DEFAULT_DATABASE_URL } from "./env.server";
import { serialSqlite } from "./sqlite-serial.server";
import { runTransaction } from "./transaction-context.server";

export type Db = PrismaClient;
export type { Prisma } from "~/generated/prisma/sqlite/client";

/** How long SQLite waits for a write lock held by another connection before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === "postgresql") {
    // Both generated clients expose the same model API; see docs/decisions/0003.
    return withTransactionContext(
      new PostgresClient({
        adapter: new PrismaPg({ connectionString: databaseUrl }),
      }) as unknown as Db,
    );
  }
  const client = new PrismaClient({
    adapter: serialSqlite(
      new PrismaBetterSQLite3({ url: sqlitePath(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS }),
    ),
  });
  // Plain queries wait while a transaction is open (see sqlite-serial.server.ts), except those
  // made from inside a transaction's own callback.
  withTransactionContext(client);
  // In WAL mode (set by the migration runner) NORMAL syncs at checkpoints instead of at every
  // commit: the database cannot be corrupted, and small writes such as view counts stop waiting
  // for the disk. A power cut may lose the last few commits.
  // `optimize` with 0x10002 refreshes the planner statistics that need it when a connection
  // opens; without them SQLite reads wide date ranges (insights) through an index, ~2x slower.
  void client
    .$executeRawUnsafe("PRAGMA synchronous = NORMAL")
    .then(() => client.$executeRawUnsafe("PRAGMA optimize = 0x10002"))
    .catch((error: unknown) => {
      console.error("Could not set SQLite pragmas", error);
    });
  return client;
}

/** Every $transaction knows it is one, and runs afterCommit() work once it has committed. */
function withTransactionContext(client: Db): Db {
  const transaction = client.$transaction.bind(client);
  client.$transaction = ((...args: Parameters<typeof transaction>) =>
    runTransaction(() => transaction(...args))) as typeof client.$transaction;
  return client;
}

const globalForDb = globalThis as unknown as { portalDb?: Db; portalDbUrl?: string };

/** The process-wide client, created on first use from DATABASE_URL (tests set it per file). */
export function getDb(): Db {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (!globalForDb.portalDb || globalForDb.portalDbUrl !== url) {
    globalForDb.portalDb = createDb(url);
    globalForDb.portalDbUrl = url;
  }
  return globalForDb.portalDb;
}

export async function disconnectDb() {
  await globalForDb.portalDb?.$disconnect();
  globalForDb.portalDb = undefined;
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
