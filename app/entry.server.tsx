import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { DropNulBytes } from "./utils/html-stream.server";
import { NonceContext } from "./utils/nonce";
import { getEnv } from "./utils/env.server";
import { followSearchChanges, stopSearchFollowing, warmUpSearch } from "./search/service.server";
import { countCachedView } from "./commands/count-cached-view.server";
import { createPageCache } from "./utils/page-cache.server";
import { startStuckDetection, stopStuckDetection } from "./commands/onboarding-stuck.server";
import { startWebhookWorker, stopWebhookWorker } from "./commands/webhook-deliveries.server";
import { startHealthRecompute, stopHealthRecompute } from "./commands/recompute-health.server";
import { startEventRetention, stopEventRetention } from "./commands/event-retention.server";
import { startNotificationJobs, stopNotificationJobs } from "./commands/scheduler.server";
import { settleRecordedEvents } from "./models/event.server";
import { disconnectDb } from "./utils/db.server";

export const streamTimeout = 5_000;

// Fail at boot, not on the first request, when a setting is missing or malformed.
const env = getEnv();
// Build the search index now rather than on the first search.
warmUpSearch();
// Stuck onboarding raises alerts even when nobody opens the console (see 0010-onboarding.md).
startStuckDetection();
// Alert webhooks queued by any process are sent by whichever worker claims them first (0014).
startWebhookWorker();
// Health: roll events up and recompute changed or stale accounts (see 0013-health.md).
startHealthRecompute();
// Raw events are rolled up and purged daily (see 0015-account-data.md).
startEventRetention();
// E-mail delivery, digests, scheduled newsletters, due onboarding steps (0017-notifications.md).
startNotificationJobs();

/**
 * Pages for visitors who are not signed in, served again for PAGE_CACHE_SECONDS; server.js mounts
 * the middleware in front of Remix. Any article or topic change empties it (0019-*.md).
 */
export const pageCache = createPageCache({
  ttlMs: env.PAGE_CACHE_SECONDS * 1000,
  onCachedView: countCachedView,
});
followSearchChanges(async () => pageCache.clear());

/**
 * Called by server.js on SIGTERM once the last request has been answered: timers stop, work
 * under way (a recompute, a delivery batch, a search sync, work queued after a commit)
 * finishes, then the database connection closes.
 */
export async function stopBackgroundJobs() {
  await Promise.all([
    stopWebhookWorker(),
    stopHealthRecompute(),
    stopEventRetention(),
    stopNotificationJobs(),
    stopStuckDetection(),
    stopSearchFollowing(),
    settleRecordedEvents(),
  ]);
  await disconnectDb();
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={streamTimeout}
          nonce={nonce}
        />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          // Not a plain PassThrough: React 18 can emit stray NUL bytes (see html-stream.server.ts).
          const body = new DropNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}
