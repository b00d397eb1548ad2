// The answer bot over the demo help center, exactly as the app builds it (same documents, same
// passages, same synonyms), for the answer-bot benchmarks and their tests.
import { AnswerBot } from "../../app/answer-bot/bot";
import { articlePassages } from "../../app/answer-bot/passages";
import { PassageStore } from "../../app/answer-bot/store";
import { DEFAULT_SYNONYM_GROUPS } from "../../app/search/default-synonyms";
import { EmbeddedSearchEngine } from "../../app/search/embedded/engine";
import { markdownSections } from "../../app/utils/markdown.server";
import { contentArticles, loadContentDocuments } from "./corpus";

export async function buildContentBot() {
  const engine = new EmbeddedSearchEngine();
  const store = new PassageStore();
  await engine.setSynonyms(DEFAULT_SYNONYM_GROUPS);
  await engine.index(loadContentDocuments());
  for (const a of contentArticles()) {
    // Content documents use the slug as their id (loadContentDocuments).
    store.set(
      `article:${a.slug}`,
      articlePassages({
        id: a.slug,
        slug: a.slug,
        locale: a.locale,
        title: a.title,
        sections: markdownSections(a.markdown),
      }),
    );
  }
  const bot = new AnswerBot(engine, store);
  bot.setSynonyms(DEFAULT_SYNONYM_GROUPS);
  return { bot, engine, store };
}

/** "/kb/<slug>#<anchor>" → {slug, anchor}; anchors come URL-encoded. */
export function passageTarget(url: string): { slug: string; anchor: string | null } {
  const [pathPart, hash] = url.split("#");
  return {
    slug: (pathPart ?? "").replace(/^\/kb\//, ""),
    anchor: hash ? decodeURIComponent(hash) : null,
  };
}
