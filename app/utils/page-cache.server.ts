// The anonymous page cache (docs/decisions/0019-anonymous-page-cache.md): a visitor who is not
// signed in reading an article, the help center, the community or a topic gets the HTML the last
// visitor with the same address and language got, for at most PAGE_CACHE_SECONDS, instead of a
// new server render. Like Discourse's anonymous cache, it serves the many readers who arrive
// from a search engine at the rate of a static file; everyone signed in gets a fresh render.
//
// What keeps it safe:
// - only GETs of the read-only public pages below, with no cookie but the language switch, and
//   only answers that were 200 text/html, set no cookie and did not say no-store or private;
// - the CSP nonce of the stored render is replaced by this response's own nonce (each answer
//   still carries a fresh one, as the policy requires). So that a hit need not compress 20-60 KB
//   of HTML again, the page is kept gzipped in pieces between the nonces, and each answer is the
//   pieces with its own nonce spliced in as stored (uncompressed) blocks;
// - any change to articles or topics (the search feed every process follows) empties the cache,
//   so an unpublished article or a hidden post is gone at once; the TTL bounds everything else;
// - a page served from the cache still counts as a view (views are counted per IP and window).
import { constants, crc32, deflateRawSync } from "node:zlib";
import { SESSION_COOKIE_NAME } from "./session.server";

/** Pages a visitor may read without signing in and that look the same to all such visitors. */
const CACHEABLE_PATH = /^\/(?:kb(?:\/c)?(?:\/[^/]+)?|community(?:\/t\/[^/]+)?)?\/?$/;
/** The only cookie a cached visitor may carry: the language switch (app/utils/locale.server.ts). */
const LOCALE_COOKIE = "portal_locale";
/** Longer addresses (or language headers) are served fresh rather than filling the cache. */
const MAX_KEY_PART = 512;
/** Bounds the memory: the least recently stored pages go first (about 30 KB each). */
export const PAGE_CACHE_MAX_ENTRIES = 500;
/** Answer headers kept with the page; the rest (security, request id) are set per request. */
const KEPT_HEADERS = ["content-type", "content-language", "cache-control", "link"];

type Entry = {
  /** The page split at every occurrence of the render's nonce. */
  parts: Buffer[];
  /** Each part as raw deflate, all but the last ending byte-aligned with no back-references. */
  deflated: Buffer[];
  headers: [string, string][];
  expires: number;
};

/** gzip member header: deflate, no name or time, unknown OS (RFC 1952). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** Whether Accept-Encoding allows gzip (by name or *, with a q above 0). */
export function acceptsGzip(acceptEncoding: string): boolean {
  return acceptEncoding.split(",").some((item) => {
    const [name, ...params] = item.split(";").map((p) => p.trim().toLowerCase());
    if (name !== "gzip" && name !== "*") return false;
    const q = params.find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

function entryOf(html: Buffer, nonce: string, headers: [string, string][], expires: number): Entry {
  const parts: Buffer[] = [];
  const marker = Buffer.from(nonce);
  let from = 0;
  for (let at = html.indexOf(marker); at >= 0; at = html.indexOf(marker, from)) {
    parts.push(html.subarray(from, at));
    from = at + marker.length;
  }
  parts.push(html.subarray(from));
  // Each piece is compressed on its own, so nothing refers across a nonce (which will be
  // another one); a full flush instead of the end leaves all but the last open and byte-aligned.
  const deflated = parts.map((part, i) =>
    deflateRawSync(part, i < parts.length - 1 ? { finishFlush: constants.Z_FULL_FLUSH } : {}),
  );
  return { parts, deflated, headers, expires };
}

/** The page with this nonce: plain, or as one gzip member built from the stored pieces. */
export function pageBody(entry: Pick<Entry, "parts" | "deflated">, nonce: string, gzip: boolean) {
  const fresh = Buffer.from(nonce);
  if (!gzip) return Buffer.concat(entry.parts.flatMap((p, i) => (i ? [fresh, p] : [p])));
  // A stored block: BFINAL 0 and BTYPE 00 in a byte of its own, then LEN and its complement.
  const stored = Buffer.alloc(5);
  stored.writeUInt16LE(fresh.length, 1);
  stored.writeUInt16LE(~fresh.length & 0xffff, 3);
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  entry.parts.forEach((part, i) => {
    if (i > 0) {
      pieces.push(stored, fresh);
      crc = crc32(fresh, crc);
      size += fresh.length;
    }
    pieces.push(entry.deflated[i]!);
    // Node 20's crc32 answers 0 for no data after a value above 2^31: skip empty pieces.
    if (part.length) crc = crc32(part, crc);
    size += part.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  pieces.push(trailer);
  return Buffer.concat(pieces);
}

/** The slice of Express's request and response the cache uses (server.js is plain JavaScript). */
export type CacheRequest = {
  method: string;
  ip?: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
};
export type CacheResponse = {
  statusCode: number;
  locals: Record<string, unknown>;
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: string): unknown;
  write(chunk: unknown, ...rest: unknown[]): boolean;
  end(...args: unknown[]): unknown;
};
export type Middleware = (req: CacheRequest, res: CacheResponse, next: () => void) => void;

/** A view of a page served from the cache, counted as the render would have (per IP, window). */
export type CachedView = (pathname: string, clientIp: string) => void;

function header(req: CacheRequest, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/** Only the language cookie may be present; its value is part of the key. */
function localeCookieOnly(cookie: string): string | null {
  if (!cookie) return "";
  const pairs = cookie
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);
  if (pairs.length !== 1 || !pairs[0]!.startsWith(`${LOCALE_COOKIE}=`)) return null;
  return pairs[0]!;
}

/** The cache key of a request, or null when it must be rendered fresh. */
export function cacheKey(req: CacheRequest): string | null {
  if (req.method !== "GET") return null;
  const url = req.originalUrl;
  const pathname = url.split("?")[0]!;
  if (url.length > MAX_KEY_PART || !CACHEABLE_PATH.test(pathname)) return null;
  const cookie = header(req, "cookie");
  if (cookie.includes(SESSION_COOKIE_NAME)) return null;
  const locale = localeCookieOnly(cookie);
  const language = header(req, "accept-language");
  if (locale === null || language.length > MAX_KEY_PART) return null;
  return `${url}\n${language}\n${locale}`;
}

export function createPageCache(options: {
  ttlMs: number;
  maxEntries?: number;
  onCachedView?: CachedView;
  now?: () => number;
}) {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? PAGE_CACHE_MAX_ENTRIES;
  const now = options.now ?? Date.now;

  function store(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  function serve(req: CacheRequest, res: CacheResponse, entry: Entry) {
    const gzip = acceptsGzip(header(req, "accept-encoding"));
    const body = pageBody(entry, String(res.locals.cspNonce), gzip);
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("X-Page-Cache", "hit");
    res.setHeader("Vary", "Accept-Encoding");
    // Already encoded: the compression middleware passes it through as it is.
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", String(body.length));
    res.statusCode = 200;
    res.end(body);
  }

  /** Collects what the render writes; keeps it if it is a page every visitor may get. */
  function capture(key: string, res: CacheResponse) {
    const nonce = String(res.locals.cspNonce ?? "");
    const chunks: Buffer[] = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      else if (typeof chunk === "string") {
        chunks.push(
          Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding),
        );
      }
    };
    res.write = (chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    };
    res.end = (...args: unknown[]) => {
      keep(args[0], args[1]);
      const type = String(res.getHeader("content-type") ?? "");
      const cacheControl = String(res.getHeader("cache-control") ?? "");
      if (
        nonce &&
        res.statusCode === 200 &&
        type.startsWith("text/html") &&
        res.getHeader("set-cookie") === undefined &&
        !/\b(no-store|private)\b/i.test(cacheControl)
      ) {
        const headers: [string, string][] = [];
        for (const name of KEPT_HEADERS) {
          const value = res.getHeader(name);
          if (value !== undefined) headers.push([name, String(value)]);
        }
        store(key, entryOf(Buffer.concat(chunks), nonce, headers, now() + options.ttlMs));
      }
      return end(...args);
    };
  }

  const middleware: Middleware = (req, res, next) => {
    const key = options.ttlMs > 0 ? cacheKey(req) : null;
    if (!key) return next();
    const entry = entries.get(key);
    if (entry && entry.expires > now() && res.locals.cspNonce) {
      serve(req, res, entry);
      options.onCachedView?.(req.originalUrl.split("?")[0]!, req.ip ?? "unknown");
      return;
    }
    if (entry) entries.delete(key);
    capture(key, res);
    next();
  };

  return {
    middleware,
    /** Content changed: every stored page may be out of date. */
    clear: () => entries.clear(),
    size: () => entries.size,
  };
}
