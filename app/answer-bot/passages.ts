// Passages: the pieces of content the bot quotes. Articles are split at their h2/h3 headings
// (a tutorial's steps are its h2 sections, so a step is a passage), long sections again at
// paragraph boundaries; the accepted answer of a solved topic is a passage of its own. Each
// passage links to its place: /kb/:slug#heading-id or /community/t/:id#post-n.
import type { MarkdownSection } from "~/utils/markdown.server";
import type { SearchDocType, SearchLocale } from "~/search/types";

export const PASSAGE_LIMITS = {
  /** A passage longer than this is split at paragraph (then sentence) boundaries. */
  maxChars: 700,
  /** Sentences are cut from a single block longer than maxChars. */
  sentenceEnd: /(?<=[。．！？!?.])\s*/u,
} as const;

export type Passage = {
  /** "<docId>#<n>", stable while the document does not change. */
  id: string;
  /** The search document it belongs to: "article:<id>" or "topic:<id>". */
  docId: string;
  type: SearchDocType;
  locale: SearchLocale;
  url: string;
  /** The article or topic title. */
  title: string;
  /** The section heading (articles), or null for an article's opening and for answers. */
  heading: string | null;
  /** Plain text quoted to the customer. */
  text: string;
  /** Text scored with a low weight and never shown: for answers, the question they answer. */
  context: string;
};

function localeOf(value: string): SearchLocale {
  return value === "ja" ? "ja" : "en";
}

/** Splits one over-long block at sentence ends into pieces of at most maxChars. */
function splitBlock(block: string, maxChars: number): string[] {
  if (block.length <= maxChars) return [block];
  const pieces: string[] = [];
  let current = "";
  for (const sentence of block.split(PASSAGE_LIMITS.sentenceEnd)) {
    if (!sentence) continue;
    if (current && current.length + sentence.length + 1 > maxChars) {
      pieces.push(current);
      current = "";
    }
    // A single sentence longer than the limit is cut hard rather than dropped.
    for (let from = 0; from < sentence.length; from += maxChars) {
      const part = sentence.slice(from, from + maxChars);
      if (current && current.length + part.length + 1 > maxChars) {
        pieces.push(current);
        current = "";
      }
      current = current ? `${current} ${part}` : part;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Groups consecutive blocks into chunks of at most maxChars. */
export function chunkBlocks(blocks: string[], maxChars: number = PASSAGE_LIMITS.maxChars) {
  const chunks: string[] = [];
  let current = "";
  for (const block of blocks.flatMap((b) => splitBlock(b, maxChars))) {
    if (current && current.length + block.length + 1 > maxChars) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n${block}` : block;
  }
  if (current) chunks.push(current);
  return chunks;
}

export type ArticleForPassages = {
  id: string;
  slug: string;
  locale: string;
  title: string;
  /** The sections of the body (markdownSections(body)). */
  sections: MarkdownSection[];
};

export function articlePassages(article: ArticleForPassages): Passage[] {
  const docId = `article:${article.id}`;
  const passages: Passage[] = [];
  for (const section of article.sections) {
    const url = section.heading
      ? `/kb/${article.slug}#${encodeURIComponent(section.heading.id)}`
      : `/kb/${article.slug}`;
    for (const text of chunkBlocks(section.blocks)) {
      passages.push({
        id: `${docId}#${passages.length}`,
        docId,
        type: "article",
        locale: localeOf(article.locale),
        url,
        title: article.title,
        heading: section.heading?.text ?? null,
        text,
        context: "",
      });
    }
  }
  return passages;
}

export type TopicForPassages = {
  id: string;
  locale: string;
  title: string;
  /** Plain text of the opening post (the question). */
  questionText: string;
  /** Plain-text blocks of the accepted answer (markdownSections), and its post number. */
  answerBlocks: string[];
  answerNumber: number;
};

/** Only solved topics give passages: an accepted answer is what the community vouched for. */
export function topicPassages(topic: TopicForPassages): Passage[] {
  const docId = `topic:${topic.id}`;
  return chunkBlocks(topic.answerBlocks).map((text, n) => ({
    id: `${docId}#${n}`,
    docId,
    type: "topic" as const,
    locale: localeOf(topic.locale),
    url: `/community/t/${topic.id}#post-${topic.answerNumber}`,
    title: topic.title,
    heading: null,
    text,
    context: topic.questionText.slice(0, PASSAGE_LIMITS.maxChars),
  }));
}
