// Two real processes share one database: a change committed by one shows up in the other's
// embedded index through the change feed (SearchChange) within two seconds. Runs on SQLite and,
// in the postgres project, on PostgreSQL.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticle, createUser } from "../factories";

const CONVERGENCE_MS = 2_000;
const POLL_MS = 50;
const BOOT_TIMEOUT_MS = 60_000;

type Reply = Record<string, unknown>;

class PortalProcess {
  private child: ChildProcessWithoutNullStreams;
  private lines: Interface;
  private waiting: Array<{ resolve: (reply: Reply) => void; reject: (e: Error) => void }> = [];
  private stderr = "";

  constructor() {
    this.child = spawn(process.execPath, ["--import", "tsx", "test/support/search-process.ts"], {
      env: { ...process.env },
    });
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on("line", (line) => {
      if (!line.startsWith("{")) return; // e.g. a library's own log line
      this.waiting.shift()?.resolve(JSON.parse(line) as Reply);
    });
    this.child.once("exit", (code) => {
      const error = new Error(`search process exited (${code}): ${this.stderr}`);
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    });
  }

  next(): Promise<Reply> {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async send(command: Reply): Promise<Reply> {
    const answer = this.next();
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    return answer;
  }

  async search(q: string): Promise<string[]> {
    return (await this.send({ cmd: "search", q })).ids as string[];
  }

  stop() {
    this.child.stdin.end();
    this.child.kill();
  }
}

/** Milliseconds until `check` holds, polling; fails after `limit`. */
async function timeUntil(check: () => Promise<boolean>, limit: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limit) {
    if (await check()) return performance.now() - started;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`not converged within ${limit} ms`);
}

describe("search change feed across processes", () => {
  let a: PortalProcess;
  let b: PortalProcess;

  beforeAll(async () => {
    a = new PortalProcess();
    b = new PortalProcess();
    const ready = await Promise.all([a.next(), b.next()]);
    expect(ready).toEqual([{ ready: true }, { ready: true }]);
  }, BOOT_TIMEOUT_MS);

  afterAll(() => {
    a?.stop();
    b?.stop();
  });

  it("shows an article published in one process in the other within two seconds", async () => {
    const [writer, reviewer] = [await createUser({ role: "cs" }), await createUser({ role: "cs" })];
    const article = await createArticle({
      title: "Quarantine shipments with customs holds",
      body: "How to place a zebrafish consignment on hold.",
      status: "in_review",
      authorId: writer.id,
    });
    expect(await b.search("zebrafish")).toEqual([]);

    const published = await a.send({
      cmd: "transition",
      articleId: article.id,
      actorId: reviewer.id,
      action: "approve",
    });
    expect(published).toMatchObject({ ok: true, status: "published" });

    const elapsed = await timeUntil(
      async () => (await b.search("zebrafish")).includes(`article:${article.id}`),
      CONVERGENCE_MS,
    );
    expect(elapsed).toBeLessThan(CONVERGENCE_MS);
    expect(await a.search("zebrafish")).toEqual([`article:${article.id}`]);

    // And back: archived in the other process, gone from the first.
    const archived = await b.send({
      cmd: "transition",
      articleId: article.id,
      actorId: reviewer.id,
      action: "archive",
    });
    expect(archived).toMatchObject({ ok: true, status: "archived" });
    await timeUntil(async () => (await a.search("zebrafish")).length === 0, CONVERGENCE_MS);
    expect(await b.search("zebrafish")).toEqual([]);
  }, 30_000);

  it("picks up an article written by a third process that has no index", async () => {
    // The test process writes it directly (as an import script would): only the feed tells.
    const article = await createArticle({ title: "Okapi tracking labels", body: "Okapi." });
    await timeUntil(
      async () =>
        (await a.search("okapi")).includes(`article:${article.id}`) &&
        (await b.search("okapi")).includes(`article:${article.id}`),
      CONVERGENCE_MS,
    );
  }, 30_000);
});
