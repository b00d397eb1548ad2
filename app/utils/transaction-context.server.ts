// What code running inside a `db.$transaction` callback may need to know: that it is inside one
// (app/utils/sqlite-serial.server.ts lets its plain queries through), and work to run only once
// the transaction has committed (dropped if it rolls back). db.server.ts runs every
// $transaction through runTransaction().
import { AsyncLocalStorage } from "node:async_hooks";

type Work = () => unknown;
type Context = { afterCommit: Work[] };

const context = new AsyncLocalStorage<Context>();

export function insideTransactionCallback(): boolean {
  return context.getStore() !== undefined;
}

/** Runs `start` (which opens a transaction), then the work queued by afterCommit() if it commits. */
export async function runTransaction<T>(start: () => Promise<T>): Promise<T> {
  const store: Context = { afterCommit: [] };
  const result = await context.run(store, start);
  for (const work of store.afterCommit) outsideTransaction(work);
  return result;
}

/** Queues `work` for after the surrounding transaction commits; outside one, runs it now. */
export function afterCommit(work: Work): void {
  const store = context.getStore();
  if (store) store.afterCommit.push(work);
  else work();
}

/** Runs `work` as if called from outside any transaction (its queries wait like a request's). */
export function outsideTransaction<T>(work: () => T): T {
  return context.exit(work);
}
