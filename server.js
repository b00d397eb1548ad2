// The Node server: Remix app, JSON API and background jobs, in one process or, with
// WEB_CONCURRENCY > 1, in that many worker processes sharing the port (node:cluster).
// Plain JavaScript so that production needs no TypeScript tooling; the app itself is built by Vite.
import { AsyncLocalStorage } from "node:async_hooks";
import cluster from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { format } from "node:util";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const PRODUCTION = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT || 3000);
const SHUTDOWN_GRACE_MS = 10_000;
const STATIC_MAX_AGE = "1y";
/** State-changing API calls authenticate with a bearer key, not a cookie, so CSRF does not apply. */
const BEARER_API_PREFIX = "/api/v1/";
const MAX_WORKERS = 64;
/** A worker that dies later than this after its start is replaced; an earlier death stops all. */
const WORKER_RESTART_DELAY_MS = 1_000;

/** An X-Request-Id from a proxy is kept when it looks like an id; anything else is replaced. */
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;
/**
 * DIAGNOSTIC_ROUTES=1 adds /bench/hello (the bare server, for the load benchmark's baseline) and
 * /bench/slow?ms= (a request that takes its time, for the graceful-shutdown test). Off by default.
 */
const DIAGNOSTIC_ROUTES = process.env.DIAGNOSTIC_ROUTES === "1";
const MAX_SLOW_MS = 30_000;
/** LOG_FORMAT=text keeps console output as it is (handy in a terminal); the default is JSON lines. */
const JSON_LOGS = process.env.LOG_FORMAT !== "text";

const requestContext = new AsyncLocalStorage();
if (JSON_LOGS) structuredConsole();

const workers = Number(process.env.WEB_CONCURRENCY || 1);
if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
  console.error(
    `Invalid configuration:\n  WEB_CONCURRENCY: must be a whole number from 1 to ${MAX_WORKERS}`,
  );
  process.exit(1);
}

if (cluster.isPrimary && workers > 1) {
  superviseWorkers(workers);
} else {
  await serve();
}

/**
 * The primary process only forks and watches: each worker is a whole server (its own search
 * index, following the database's search feed like any other process). A worker that crashes
 * after it started listening is replaced; one that fails before (a bad setting) stops the lot.
 */
function superviseWorkers(count) {
  let stopping = false;
  const listening = new Set();
  const fork = () => cluster.fork();
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!listening.has(worker.id)) {
      console.error(`Worker ${worker.process.pid} stopped before it served (code ${code}).`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exit(1);
    }
    console.error(`Worker ${worker.process.pid} died (${signal ?? code}); starting another.`);
    setTimeout(fork, WORKER_RESTART_DELAY_MS);
  });
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping ${count} workers.`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 1_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  for (let i = 0; i < count; i++) fork();
}

async function serve() {
  const viteDevServer = PRODUCTION
    ? undefined
    : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

  const loadBuild = () =>
    viteDevServer
      ? viteDevServer.ssrLoadModule("virtual:remix/server-build")
      : import("./build/server/index.js");

  // Importing the build validates the configuration (app/utils/env.server.ts) and stops here if it is bad.
  try {
    await loadBuild();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", Number(process.env.TRUST_PROXY || 0));

  // Every request gets an id (the caller's X-Request-Id when sane), echoed in the answer, carried
  // to the app (the header) and into every log line written while the request runs.
  app.use((req, res, next) => {
    const given = req.get("X-Request-Id");
    const requestId = given && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    req.headers["x-request-id"] = requestId;
    res.set("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      writeLog(res.statusCode >= 500 ? "error" : "info", {
        msg: "request",
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        ip: req.ip,
      });
    });
    requestContext.run({ requestId }, next);
  });
  app.use(compression());

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.set({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    });
    if (PRODUCTION) {
      // Vite's dev server injects inline scripts, so the strict policy applies to built code only.
      res.set(
        "Content-Security-Policy",
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${res.locals.cspNonce}'`,
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'",
        ].join("; "),
      );
    }
    next();
  });

  // CSRF: a browser tells us where a state-changing request came from; refuse other sites.
  app.use((req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method) || req.path.startsWith(BEARER_API_PREFIX)) {
      return next();
    }
    const site = req.get("Sec-Fetch-Site");
    const origin = req.get("Origin");
    const crossSite = site ? !["same-origin", "same-site", "none"].includes(site) : false;
    const foreignOrigin =
      origin && origin !== "null" ? new URL(origin).host !== req.get("Host") : false;
    if (crossSite || foreignOrigin) {
      return res.status(403).type("text/plain").send("Cross-site request refused.");
    }
    next();
  });

  if (DIAGNOSTIC_ROUTES) {
    app.get("/bench/hello", (req, res) => res.type("text/plain").send("hello"));
    app.get("/bench/slow", (req, res) => {
      const ms = Math.min(Number(req.query.ms) || 1_000, MAX_SLOW_MS);
      setTimeout(() => res.type("text/plain").send(`slept ${ms} ms`), ms);
    });
  }

  if (viteDevServer) {
    app.use(viteDevServer.middlewares);
  } else {
    app.use(
      "/assets",
      express.static("build/client/assets", { immutable: true, maxAge: STATIC_MAX_AGE }),
    );
    // Only file names (favicon.ico, robots.txt) can be files here; skipping the file-system
    // check for every page and API path saves a stat() per request.
    const publicFiles = express.static("build/client", { maxAge: "1h" });
    app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  }

  const build = viteDevServer ? undefined : await loadBuild();
  // Visitors who are not signed in may get a page rendered a few seconds ago for the previous
  // one (app/utils/page-cache.server.ts; the dev server always renders afresh).
  const pageCache = build?.entry.module.pageCache;
  if (pageCache) app.use(pageCache.middleware);
  app.all(
    "*",
    createRequestHandler({
      build: viteDevServer ? loadBuild : build,
      getLoadContext: (req, res) => ({
        clientIp: req.ip ?? "unknown",
        cspNonce: res.locals.cspNonce,
      }),
    }),
  );

  const server = app.listen(port, () => {
    const worker = cluster.isWorker ? ` (worker ${process.pid})` : "";
    console.log(`Portal listening on http://localhost:${port}${worker}`);
  });

  let stopping = false;
  function shutdown(signal) {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then stopping.`);
    // Keep-alive connections would hold close() open: answer them "Connection: close" from now on.
    server.on("request", (req, res) => res.setHeader("Connection", "close"));
    server.close(async () => {
      // Then the background jobs: no new runs, the running ones finish, the database closes.
      try {
        const entry = (build ?? (await loadBuild())).entry.module;
        await entry.stopBackgroundJobs?.();
        console.log("Requests finished and background jobs stopped.");
        process.exit(0);
      } catch (error) {
        console.error("Background jobs did not stop cleanly", error);
        process.exit(1);
      }
    });
    server.closeIdleConnections?.();
    setTimeout(() => {
      console.error(`Still busy after ${SHUTDOWN_GRACE_MS} ms: stopping anyway.`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** One JSON object per line: what log collectors parse without rules of their own. */
function writeLog(level, fields) {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    pid: process.pid,
    ...(requestContext.getStore() ?? {}),
    ...fields,
  });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

/** console.* from anywhere (the app, Remix, libraries) becomes a JSON line with the request id. */
function structuredConsole() {
  const levels = { log: "info", info: "info", warn: "warn", error: "error", debug: "debug" };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      const error = args.find((a) => a instanceof Error);
      writeLog(level, {
        msg: format(...args),
        ...(error
          ? { error: { name: error.name, message: error.message, stack: error.stack } }
          : {}),
      });
    };
  }
}
