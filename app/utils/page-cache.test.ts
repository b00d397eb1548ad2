import express from "express";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { constants, deflateRawSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { acceptsGzip, cacheKey, createPageCache, pageBody } from "./page-cache.server";
import { SESSION_COOKIE_NAME } from "./session.server";

/** A page with the render's nonce in two script tags, as Remix writes it. */
function html(nonce: string, body: string) {
  return `<!DOCTYPE html><html><head><script nonce="${nonce}">x()</script></head><body>${body}<script nonce="${nonce}" type="module">y()</script></body></html>`;
}

type Server = { url: string; renders: () => number; views: string[]; close: () => void };
const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** An Express app as server.js builds it: a nonce per request, then the cache, then "Remix". */
async function serve(options: { ttlMs?: number; setCookie?: boolean; now?: () => number } = {}) {
  let renders = 0;
  const views: string[] = [];
  const cache = createPageCache({
    ttlMs: options.ttlMs ?? 10_000,
    now: options.now,
    onCachedView: (path, ip) => views.push(`${path} ${ip}`),
  });
  const app = express();
  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(cache.middleware as express.RequestHandler);
  app.get("*", (req, res) => {
    renders++;
    if (options.setCookie) res.setHeader("Set-Cookie", "portal_locale=ja");
    if (req.path === "/kb/private") res.setHeader("Cache-Control", "private, max-age=0");
    if (req.path === "/kb/missing") return res.status(404).type("html").send("no");
    res.type("html").send(html(res.locals.cspNonce as string, `page ${req.path} #${renders}`));
  });
  const listener = app.listen(0);
  await new Promise((resolve) => listener.once("listening", resolve));
  const server: Server = {
    url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}`,
    renders: () => renders,
    views,
    close: () => listener.close(),
  };
  servers.push(server);
  return { ...server, cache };
}

const nonceOf = (text: string) => /nonce="([^"]+)"/.exec(text)![1]!;

describe("anonymous page cache", () => {
  it("serves a visitor the page rendered for the previous one, with a nonce of its own", async () => {
    const server = await serve();
    const first = await fetch(`${server.url}/kb/reset-password`);
    const firstText = await first.text();
    const second = await fetch(`${server.url}/kb/reset-password`);
    const secondText = await second.text();
    expect(server.renders()).toBe(1);
    expect(first.headers.get("x-page-cache")).toBeNull();
    expect(second.headers.get("x-page-cache")).toBe("hit");
    // fetch asked for gzip and unpacked it: the spliced stream is valid.
    expect(second.headers.get("content-encoding")).toBe("gzip");
    expect(secondText).toContain("page /kb/reset-password #1");
    expect(nonceOf(secondText)).not.toBe(nonceOf(firstText));
    expect(secondText.replaceAll(nonceOf(secondText), "N")).toBe(
      firstText.replaceAll(nonceOf(firstText), "N"),
    );
    expect(server.views).toEqual([expect.stringMatching(/^\/kb\/reset-password .*127\.0\.0\.1$/)]);
  });

  it("renders afresh for a signed-in member, other pages, failed and private answers", async () => {
    const server = await serve();
    const session = { headers: { Cookie: `${SESSION_COOKIE_NAME}=abc` } };
    for (let i = 0; i < 2; i++) {
      await fetch(`${server.url}/kb/a`, session);
      await fetch(`${server.url}/settings`);
      await fetch(`${server.url}/kb/missing`);
      await fetch(`${server.url}/kb/private`);
    }
    expect(server.renders()).toBe(8);
  });

  it("keeps languages apart and never stores an answer that sets a cookie", async () => {
    const server = await serve();
    await fetch(`${server.url}/kb`, { headers: { "Accept-Language": "ja" } });
    await fetch(`${server.url}/kb`, { headers: { "Accept-Language": "en" } });
    await fetch(`${server.url}/kb`, { headers: { Cookie: "portal_locale=ja" } });
    expect(server.renders()).toBe(3);
    await fetch(`${server.url}/kb`, { headers: { Cookie: "portal_locale=ja" } });
    expect(server.renders()).toBe(3);

    const cookies = await serve({ setCookie: true });
    await fetch(`${cookies.url}/kb`);
    await fetch(`${cookies.url}/kb`);
    expect(cookies.renders()).toBe(2);
  });

  it("forgets pages after the TTL and when content changes", async () => {
    let clock = 1_000;
    const server = await serve({ ttlMs: 5_000, now: () => clock });
    await fetch(`${server.url}/community`);
    await fetch(`${server.url}/community`);
    expect(server.renders()).toBe(1);
    clock += 5_001;
    await fetch(`${server.url}/community`);
    expect(server.renders()).toBe(2);
    server.cache.clear();
    await fetch(`${server.url}/community`);
    expect(server.renders()).toBe(3);
  });

  it("is off with a TTL of 0", async () => {
    const server = await serve({ ttlMs: 0 });
    await fetch(`${server.url}/kb`);
    await fetch(`${server.url}/kb`);
    expect(server.renders()).toBe(2);
  });
});

describe("pageBody", () => {
  it("splices a nonce anywhere into a valid gzip stream, or into the plain page", () => {
    const page = Buffer.from(`OLD<p>${"日本語のページ ".repeat(500)}</p>OLD<i>end</i>OLD`);
    const parts = [Buffer.from(""), page.subarray(3, page.length - 16), Buffer.from("<i>end</i>")];
    parts.push(Buffer.from(""));
    const deflated = parts.map((p, i) =>
      deflateRawSync(p, i < parts.length - 1 ? { finishFlush: constants.Z_FULL_FLUSH } : {}),
    );
    for (const nonce of ["N", "fresh+nonce==", "2baTAt8lcYuxFscnQgL7fQ=="]) {
      const expected = page.toString().replaceAll("OLD", nonce);
      expect(gunzipSync(pageBody({ parts, deflated }, nonce, true)).toString()).toBe(expected);
      expect(pageBody({ parts, deflated }, nonce, false).toString()).toBe(expected);
    }
  });
});

describe("cacheKey and acceptsGzip", () => {
  const get = (originalUrl: string, headers: Record<string, string> = {}) => ({
    method: "GET",
    originalUrl,
    headers,
  });
  it("caches only the public read pages", () => {
    for (const url of [
      "/",
      "/kb",
      "/kb/some-article?q=x",
      "/kb/c/billing",
      "/community",
      "/community/t/abc",
    ])
      expect(cacheKey(get(url)), url).not.toBeNull();
    for (const url of [
      "/search?q=a",
      "/settings",
      "/admin",
      "/community/new",
      "/api/v1/accounts",
      "/kb/a/b",
    ])
      expect(cacheKey(get(url)), url).toBeNull();
    expect(cacheKey(get("/kb", { cookie: "other=1" }))).toBeNull();
  });
  it("reads Accept-Encoding with its q values", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1, gzip;q=0.5")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
  });
});
