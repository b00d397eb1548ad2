// Writers record what changed in the change feed (SearchChange) inside their own transaction, so
// an index never misses a committed change; every process's search service applies the feed.
import type { Db } from "~/utils/db.server";
import type { SearchDocType } from "./types";

export type SearchChangeType = SearchDocType | "synonyms";

type Listener = () => void;
const listeners = new Set<Listener>();

/** The search service of this process subscribes, so its own changes apply at once. */
export function onSearchChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function markSearchChanged(
  client: Pick<Db, "searchChange">,
  docType: SearchChangeType,
  sourceIds: string[],
) {
  if (!sourceIds.length) return;
  await client.searchChange.createMany({
    data: sourceIds.map((sourceId) => ({ docType, sourceId })),
  });
  // The caller's transaction may not have committed yet: listeners only schedule a sync, and
  // the feed is read again until the rows are visible (see service.server.ts).
  for (const listener of listeners) listener();
}
