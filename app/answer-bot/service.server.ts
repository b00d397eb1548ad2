// The answer bot of this process: its passages built from the database on first use, then kept
// in step with the search index through the same change feed (followSearchChanges), so an
// edited article or a newly accepted answer is quoted as soon as it is searchable.
import { getSearchEngine, followSearchChanges, loadSynonymGroups } from "~/search/service.server";
import type { SearchEngine } from "~/search/types";
import { db } from "~/utils/db.server";
import { markdownSections } from "~/utils/markdown.server";
import { AnswerBot } from "./bot";
import { articlePassages, topicPassages, type Passage } from "./passages";
import { PassageStore } from "./store";

const BATCH_SIZE = 500;

type State = {
  /** The search engine the bot was built on; a new engine (tests, rebuilds) means a new bot. */
  engine: SearchEngine | null;
  store: PassageStore;
  bot: AnswerBot | null;
  ready: Promise<AnswerBot> | null;
  /** Changes that arrive while the first build runs, applied after it. */
  queued: Array<[string, string[]]> | null;
  unsubscribe: (() => void) | null;
};

// On globalThis so the dev server's module reloads do not build a second store.
const holder = globalThis as typeof globalThis & { __portalAnswerBot?: State };

function state(): State {
  holder.__portalAnswerBot ??= {
    engine: null,
    store: new PassageStore(),
    bot: null,
    ready: null,
    queued: null,
    unsubscribe: null,
  };
  return holder.__portalAnswerBot;
}

const articleSelect = { id: true, slug: true, locale: true, title: true, body: true } as const;

function passagesOfArticle(row: {
  id: string;
  slug: string;
  locale: string;
  title: string;
  body: string;
}) {
  return articlePassages({ ...row, sections: markdownSections(row.body) });
}

const topicSelect = {
  id: true,
  locale: true,
  title: true,
  state: true,
  acceptedPost: { select: { body: true, number: true, state: true } },
  posts: { where: { number: 1 }, select: { body: true } },
} as const;

type TopicRow = {
  id: string;
  locale: string;
  title: string;
  state: string;
  acceptedPost: { body: string; number: number; state: string } | null;
  posts: Array<{ body: string }>;
};

function passagesOfTopic(row: TopicRow): Passage[] {
  const answer = row.acceptedPost;
  if (row.state !== "visible" || !answer || answer.state !== "visible") return [];
  return topicPassages({
    id: row.id,
    locale: row.locale,
    title: row.title,
    questionText: markdownSections(row.posts[0]?.body ?? "")
      .flatMap((s) => s.blocks)
      .join(" "),
    answerBlocks: markdownSections(answer.body).flatMap((s) => s.blocks),
    answerNumber: answer.number,
  });
}

async function applyArticles(store: PassageStore, ids: string[]) {
  const rows = await db.article.findMany({
    where: { id: { in: ids }, status: "published" },
    select: articleSelect,
  });
  const found = new Set(rows.map((r) => r.id));
  for (const row of rows) store.set(`article:${row.id}`, passagesOfArticle(row));
  for (const id of ids) if (!found.has(id)) store.remove(`article:${id}`);
}

async function applyTopics(store: PassageStore, ids: string[]) {
  const rows = await db.topic.findMany({ where: { id: { in: ids } }, select: topicSelect });
  const found = new Set(rows.map((r) => r.id));
  for (const row of rows) store.set(`topic:${row.id}`, passagesOfTopic(row));
  for (const id of ids) if (!found.has(id)) store.remove(`topic:${id}`);
}

async function apply(s: State, type: string, ids: string[]) {
  if (s.queued) {
    s.queued.push([type, ids]);
    return;
  }
  if (!s.bot) return; // not built yet: the build reads everything fresh
  if (type === "article") await applyArticles(s.store, ids);
  else if (type === "topic") await applyTopics(s.store, ids);
  else if (type === "synonyms") s.bot.setSynonyms(await loadSynonymGroups());
}

async function build(s: State, engine: SearchEngine): Promise<AnswerBot> {
  s.engine = engine;
  s.queued = [];
  s.unsubscribe ??= followSearchChanges((type, ids) => apply(s, type, ids));
  try {
    s.store.clear();
    let cursor: string | undefined;
    for (;;) {
      const rows = await db.article.findMany({
        where: { status: "published" },
        select: articleSelect,
        orderBy: { id: "asc" },
        take: BATCH_SIZE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const row of rows) s.store.set(`article:${row.id}`, passagesOfArticle(row));
      if (rows.length < BATCH_SIZE) break;
      cursor = rows[rows.length - 1]!.id;
    }
    cursor = undefined;
    for (;;) {
      const rows: TopicRow[] = await db.topic.findMany({
        where: { state: "visible", acceptedPostId: { not: null } },
        select: topicSelect,
        orderBy: { id: "asc" },
        take: BATCH_SIZE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const row of rows) s.store.set(`topic:${row.id}`, passagesOfTopic(row));
      if (rows.length < BATCH_SIZE) break;
      cursor = rows[rows.length - 1]!.id;
    }
    const bot = new AnswerBot(engine, s.store);
    bot.setSynonyms(await loadSynonymGroups());
    s.bot = bot;
    const queued = s.queued;
    s.queued = null;
    for (const [type, ids] of queued) await apply(s, type, ids);
    return bot;
  } catch (error) {
    s.queued = null;
    throw error;
  }
}

/** The bot, with its passages built (the first call builds them). */
export async function getAnswerBot(): Promise<AnswerBot> {
  const engine = await getSearchEngine();
  if (holder.__portalAnswerBot?.engine && holder.__portalAnswerBot.engine !== engine) {
    stopAnswerBot();
  }
  const s = state();
  s.ready ??= build(s, engine).catch((error: unknown) => {
    s.ready = null; // the next question tries again
    throw error;
  });
  return s.ready;
}

/** Passage counts, for tests and the insights page. */
export function answerBotStats() {
  const s = holder.__portalAnswerBot;
  return { documents: s?.store.documents ?? 0, passages: s?.store.passages ?? 0 };
}

/** Forgets the store (tests that rebuild the database). */
export function stopAnswerBot() {
  const s = holder.__portalAnswerBot;
  s?.unsubscribe?.();
  holder.__portalAnswerBot = undefined;
}
