// A page the anonymous page cache served (app/utils/page-cache.server.ts) is still a view: the
// article's or topic's view count moves as if the page had been rendered. Views are counted once
// per IP and window (VIEW_WINDOW_MS) in the database; this process remembers what it counted so
// that a reader's reloads cost no query.
import { findReadableArticle, recordArticleView, VIEW_WINDOW_MS } from "~/models/article.server";
import { recordTopicView } from "~/models/topic.server";

/** Bounds the memory; when full it starts over (the database still dedupes). */
const MAX_REMEMBERED = 10_000;
const ARTICLE_PATH = /^\/kb\/(?!c\/)([^/]+)\/?$/;
const TOPIC_PATH = /^\/community\/t\/([^/]+)\/?$/;

const counted = new Map<string, number>();

async function record(pathname: string, clientIp: string) {
  const article = ARTICLE_PATH.exec(pathname);
  if (article) {
    const found = await findReadableArticle(null, decodeURIComponent(article[1]!)).catch(
      () => null,
    );
    if (found) await recordArticleView(null, found, clientIp);
    return;
  }
  const topic = TOPIC_PATH.exec(pathname);
  if (topic) await recordTopicView(null, decodeURIComponent(topic[1]!), clientIp);
}

/** Counts a view of a cached page in the background; never fails the answer already sent. */
export function countCachedView(pathname: string, clientIp: string, now = Date.now()) {
  const key = `${clientIp} ${pathname}`;
  if ((counted.get(key) ?? 0) > now) return;
  if (counted.size >= MAX_REMEMBERED) counted.clear();
  counted.set(key, now + VIEW_WINDOW_MS);
  void record(pathname, clientIp).catch((error: unknown) =>
    console.error("Counting a cached page view failed", error),
  );
}
