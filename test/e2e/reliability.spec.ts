// The production server as operations sees it, each test on a server of its own (spawned from
// the same build on the next port, on a copy of the e2e database): request ids in the JSON
// logs, a graceful shutdown that finishes the request in flight, and /healthz failing when
// PostgreSQL goes away.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { authState, E2E_DB_FILE, E2E_DIR, E2E_PORT, REPO_ROOT } from "./fixtures";
import { waitForHydration } from "./helpers";

/** Ports next to the e2e server's; each test file run uses its own. */
const PORTS = {
  logs: E2E_PORT + 1,
  shutdown: E2E_PORT + 2,
  postgres: E2E_PORT + 3,
  pageCache: E2E_PORT + 4,
};
const START_TIMEOUT_MS = 60_000;
const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";

type Server = {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
};

async function copyOfE2eDatabase(name: string): Promise<string> {
  const dir = path.join(E2E_DIR, "reliability");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const source = new Database(E2E_DB_FILE, { readonly: true });
  await source.backup(file);
  source.close();
  return `file:${file}`;
}

async function startServer(
  port: number,
  databaseUrl: string,
  settings: Record<string, string> = {},
): Promise<Server> {
  const child = spawn(process.execPath, ["server.js"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...settings,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      APP_URL: "",
      DIAGNOSTIC_ROUTES: "1",
      LOG_FORMAT: "json",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const up = await fetch(`${url}/bench/hello`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, url, output: () => output, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start on ${port}:\n${output}`);
}

function logLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test.describe.configure({ timeout: 120_000 });

test("every request has an id: the caller's when sane, a new one otherwise, in the answer and the log", async () => {
  const server = await startServer(PORTS.logs, await copyOfE2eDatabase("logs"));
  try {
    const given = await fetch(`${server.url}/kb`, { headers: { "X-Request-Id": "trace-abc.123" } });
    expect(given.headers.get("X-Request-Id")).toBe("trace-abc.123");
    const generated = await fetch(`${server.url}/healthz`);
    const id = generated.headers.get("X-Request-Id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await fetch(`${server.url}/healthz`, {
      headers: { "X-Request-Id": '"><script>alert(1)</script>' },
    });
    expect(hostile.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);

    await expect
      .poll(() => logLines(server.output()).map((l) => l.requestId))
      .toEqual(expect.arrayContaining(["trace-abc.123", id]));
    const line = logLines(server.output()).find((l) => l.requestId === "trace-abc.123")!;
    expect(line).toMatchObject({
      msg: "request",
      method: "GET",
      path: "/kb",
      status: 200,
      level: "info",
    });
    expect(typeof line.durationMs).toBe("number");
    // Nothing but JSON lines: log collectors need no rules of their own.
    const stray = server
      .output()
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("{"));
    expect(stray).toEqual([]);
  } finally {
    server.child.kill("SIGKILL");
  }
});

test("SIGTERM finishes the request in flight, refuses new ones, stops the jobs and exits 0", async () => {
  const server = await startServer(PORTS.shutdown, await copyOfE2eDatabase("shutdown"));
  const slow = fetch(`${server.url}/bench/slow?ms=2000`).then(async (r) => ({
    status: r.status,
    body: await r.text(),
  }));
  await new Promise((r) => setTimeout(r, 300));
  const signalledAt = Date.now();
  server.child.kill("SIGTERM");
  await expect
    .poll(() => logLines(server.output()).map((l) => l.msg))
    .toContain("SIGTERM received: finishing requests in flight, then stopping.");
  // New connections are refused once the server stops listening.
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

  expect(await slow).toEqual({ status: 200, body: "slept 2000 ms" });
  expect(await server.exited).toBe(0);
  expect(Date.now() - signalledAt).toBeLessThan(10_000);
  const messages = logLines(server.output()).map((l) => l.msg);
  expect(messages).toContain("SIGTERM received: finishing requests in flight, then stopping.");
  expect(messages).toContain("Requests finished and background jobs stopped.");
});

test("/healthz answers 503 when PostgreSQL goes away, and the server stays up", async () => {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  test.skip(!reachable, `PostgreSQL not reachable at ${POSTGRES_ADMIN_URL}`);
  const name = `portal_e2e_health_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const { migrate } = await import("../../prisma/migrate");
  await migrate(url.href);
  const server = await startServer(PORTS.postgres, url.href);
  try {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, error: "database unreachable" });
    // The process itself is fine: it answers, it just says the database is not.
    expect((await fetch(`${server.url}/bench/hello`)).status).toBe(200);
  } finally {
    server.child.kill("SIGKILL");
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

test("a signed-out reader gets the cached page with a nonce of its own; it hydrates, and a change empties the cache", async ({
  browser,
}) => {
  const databaseUrl = await copyOfE2eDatabase("page-cache");
  const server = await startServer(PORTS.pageCache, databaseUrl, { PAGE_CACHE_SECONDS: "60" });
  try {
    const reader = await browser.newContext({ locale: "en-US" });
    const page = await reader.newPage();
    const violations: string[] = [];
    page.on(
      "console",
      (m) => m.text().includes("Content Security Policy") && violations.push(m.text()),
    );
    await page.goto(`${server.url}/kb`);
    const href = await page
      .locator("main a[href^='/kb/']:not([href^='/kb/c/'])")
      .first()
      .getAttribute("href");
    const first = await page.goto(`${server.url}${href}`);
    expect(first!.headers()["x-page-cache"]).toBeUndefined();
    const firstNonce = await page
      .locator("script[nonce]")
      .first()
      .evaluate((s) => (s as HTMLScriptElement).nonce);

    // The next reader of the same page in the same language: no render, a new nonce, and the
    // page still comes alive (the scripts run under the new nonce; gzip spliced correctly).
    const again = await page.goto(`${server.url}${href}`);
    expect(again!.headers()["x-page-cache"]).toBe("hit");
    expect(again!.headers()["content-encoding"]).toBe("gzip");
    await waitForHydration(page);
    const secondNonce = await page
      .locator("script[nonce]")
      .first()
      .evaluate((s) => (s as HTMLScriptElement).nonce);
    expect(secondNonce).not.toBe(firstNonce);
    expect(violations).toEqual([]);

    // A signed-in member always gets a fresh render.
    const member = await browser.newContext({ storageState: authState("memberA") });
    const memberAnswer = await (await member.newPage()).goto(`${server.url}${href}`);
    expect(memberAnswer!.status()).toBe(200);
    expect(memberAnswer!.headers()["x-page-cache"]).toBeUndefined();
    await member.close();

    // Content changed (any process writes the search feed): the page is rendered afresh.
    const file = new Database(databaseUrl.replace(/^file:/, ""));
    file
      .prepare(
        `INSERT INTO "SearchChange" ("docType", "sourceId", "createdAt") VALUES ('article', 'changed', ?)`,
      )
      .run(new Date().toISOString().replace("Z", "+00:00"));
    file.close();
    await expect(async () => {
      const fresh = await page.goto(`${server.url}${href}`);
      expect(fresh!.headers()["x-page-cache"]).toBeUndefined();
    }).toPass({ timeout: 10_000 });
    await reader.close();
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
  }
});
