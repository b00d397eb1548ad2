// The better-sqlite3 driver adapter serves the whole process over ONE connection. It queues
// transactions behind each other, but a plain query from another request while a transaction is
// open runs on that same connection, inside the transaction: it sees uncommitted rows, and a
// rollback silently undoes its write. This wrapper makes plain queries wait until no
// transaction is open. Code running inside a transaction callback (for example a helper that
// uses `db` instead of the callback's `tx`) still runs at once, as before: waiting there would
// deadlock. Test: test/integration/db-transactions.test.ts.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { insideTransactionCallback } from "./transaction-context.server";

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** One open transaction at a time, and plain queries only while none is open. */
class Gate {
  private closed = false;
  private waiters: Array<() => void> = [];

  async enterTransaction(): Promise<() => void> {
    while (this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.closed = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.closed = false;
      const waiting = this.waiters;
      this.waiters = [];
      for (const wake of waiting) wake();
    };
  }

  /** Resolves when no transaction is open; the caller must query in the same tick. */
  async idle(): Promise<void> {
    if (insideTransactionCallback()) return;
    while (this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

function serialAdapter(adapter: Adapter): Adapter {
  const gate = new Gate();
  const wrapped: Adapter = Object.create(adapter) as Adapter;
  wrapped.queryRaw = async (query) => {
    await gate.idle();
    return adapter.queryRaw(query);
  };
  wrapped.executeRaw = async (query) => {
    await gate.idle();
    return adapter.executeRaw(query);
  };
  wrapped.executeScript = async (script) => {
    await gate.idle();
    return adapter.executeScript(script);
  };
  wrapped.startTransaction = async (isolationLevel) => {
    const release = await gate.enterTransaction();
    let tx: Transaction;
    try {
      tx = await adapter.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const ended: Transaction = Object.create(tx) as Transaction;
    ended.commit = async () => {
      try {
        await tx.commit();
      } finally {
        release();
      }
    };
    ended.rollback = async () => {
      try {
        await tx.rollback();
      } finally {
        release();
      }
    };
    return ended;
  };
  return wrapped;
}

export type SerialSqlite = Factory & {
  /** The connection Prisma opened last (gate included), or null before Prisma connects. */
  connection(): Adapter | null;
};

/** The factory Prisma connects through, with serialAdapter() around its connection. */
export function serialSqlite(factory: Factory): SerialSqlite {
  let current: Adapter | null = null;
  const wrapped = Object.create(factory) as SerialSqlite;
  wrapped.connect = async () => {
    current = serialAdapter(await factory.connect());
    return current;
  };
  wrapped.connectToShadowDb = async () => serialAdapter(await factory.connectToShadowDb());
  wrapped.connection = () => current;
  return wrapped;
}
