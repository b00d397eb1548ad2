import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma/postgresql/client";
import { providerOf, sqlitePath } from "../../prisma/migrate";
import { DEFAULT_DATABASE_URL } from "./env.server";
import {
  FOREGROUND_CHECKPOINT_PAGES,
  startCheckpointer,
  type Checkpointer,
} from "./sqlite-checkpointer.server";
import { serialSqlite, type SerialSqlite } from "./sqlite-serial.server";
import { runTransaction } from "./transaction-context.server";

export type Db = PrismaClient;
export type { Prisma } from "~/generated/prisma/sqlite/client";

/** How long SQLite waits for a write lock held by another connection before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** For sqliteRows(): the adapter each SQLite client connects through. */
const sqliteAdapters = new WeakMap<Db, SerialSqlite>();
/** Stopped by disconnectDb(). */
const checkpointers = new WeakMap<Db, Promise<Checkpointer | null>>();

export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === "postgresql") {
    // Both generated clients expose the same model API; see docs/decisions/0003.
    return withTransactionContext(
      new PostgresClient({
        adapter: new PrismaPg({ connectionString: databaseUrl }),
      }) as unknown as Db,
    );
  }
  const adapter = serialSqlite(
    new PrismaBetterSQLite3({ url: sqlitePath(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS }),
  );
  const client = new PrismaClient({ adapter });
  sqliteAdapters.set(client, adapter);
  // Plain queries wait while a transaction is open (see sqlite-serial.server.ts), except those
  // made from inside a transaction's own callback.
  withTransactionContext(client);
  // In WAL mode (set by the migration runner) NORMAL syncs at checkpoints instead of at every
  // commit: the database cannot be corrupted, and small writes such as view counts stop waiting
  // for the disk. A power cut may lose the last few commits.
  // Checkpoints run in a worker thread (sqlite-checkpointer.server.ts); this connection only
  // takes over past FOREGROUND_CHECKPOINT_PAGES.
  // `optimize` with 0x10002 refreshes the planner statistics that need it when a connection
  // opens; without them SQLite reads wide date ranges (insights) through an index, ~2x slower.
  const checkpointer = client
    .$executeRawUnsafe("PRAGMA synchronous = NORMAL")
    .then(() =>
      client.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${FOREGROUND_CHECKPOINT_PAGES}`),
    )
    .then(() => client.$executeRawUnsafe("PRAGMA optimize = 0x10002"))
    .then(() => startCheckpointer(sqlitePath(databaseUrl)))
    .catch((error: unknown) => {
      console.error("Could not set SQLite pragmas", error);
      return null;
    });
  checkpointers.set(client, checkpointer);
  return client;
}

const TEXT_ARG = { scalarType: "string", arity: "scalar" } as const;

/**
 * SQLite only: one statement with text parameters on Prisma's own connection, behind the same
 * transaction gate as every Prisma query, but without Prisma's query compiler, which parses and
 * copies every parameter (a 200 KB JSON batch of events cost it ~8 ms, a fifth of the batch).
 * Rows come back as arrays in column order, with values as SQLite stores them (dates as text).
 * Use it only where a benchmark shows the difference; everything else goes through Prisma.
 * Decision 0020.
 */
export async function sqliteRows(sql: string, args: (string | null)[]): Promise<unknown[][]> {
  const client = getDb();
  const adapter = sqliteAdapters.get(client);
  if (!adapter) throw new Error("sqliteRows() needs a SQLite DATABASE_URL");
  if (!adapter.connection()) await client.$connect();
  const connection = adapter.connection();
  if (!connection) throw new Error("Prisma did not open its SQLite connection");
  const result = await connection.queryRaw({ sql, args, argTypes: args.map(() => TEXT_ARG) });
  return result.rows;
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
  const client = globalForDb.portalDb;
  if (!client) return;
  globalForDb.portalDb = undefined;
  // The checkpointer's connection first: the last one to close folds the log into the file.
  await (await checkpointers.get(client))?.stop();
  await client.$disconnect();
}

export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
