// One portal process's search service, driven over stdin/stdout by
// test/integration/search-feed.test.ts to prove that separate processes converge through the
// change feed. Lines in: {"cmd":"search","q":"..."} | {"cmd":"transition","articleId","actorId","action"}.
// Lines out: {"ready":true} once the index is built, then one JSON reply per command.
import { createInterface } from "node:readline";
import { transitionArticle, type WorkflowAction } from "../../app/commands/article-workflow.server";
import { getSearchEngine, stopSearch } from "../../app/search/service.server";
import { disconnectDb } from "../../app/utils/db.server";

type Command =
  | { cmd: "search"; q: string }
  | { cmd: "transition"; articleId: string; actorId: string; action: WorkflowAction };

const STAFF = { staff: true, signedIn: true, plan: null, segment: null };

const engine = await getSearchEngine();
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
reply({ ready: true });

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as Command;
  if (command.cmd === "search") {
    const result = await engine.search(command.q, { access: STAFF });
    reply({ ids: result.hits.map((h) => h.id) });
  } else {
    reply(await transitionArticle(command));
  }
}
stopSearch();
await disconnectDb();
