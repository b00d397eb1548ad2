// Corpora for the search benchmarks: the demo help center exactly as the app indexes it, and
// large generated corpora built by recombining its sentences and words, so that term
// frequencies, lengths and the Japanese/English mix stay close to real content.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { articleDocument, helpfulness } from "../../app/search/documents";
import type { SearchDocument, SearchLocale } from "../../app/search/types";
import { PLANS, SEGMENTS } from "../../app/models/segment";
import { markdownToText } from "../../app/utils/markdown.server";

const CONTENT_DIR = path.resolve("content");

/** The clock of generated corpora: benchmarks pass it as `now`, so every run sees the same set. */
export const GENERATED_NOW = Date.UTC(2026, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;
/** Content documents all share one date, so recency never decides a relevance result. */
const CONTENT_UPDATED_AT = new Date(GENERATED_NOW - 30 * DAY_MS);

/** Shares of the generated corpus; the rest of each draw falls to the last case. */
const GENERATED_MIX = {
  topicShare: 0.15,
  acceptedAnswerShare: 0.5,
  audienceAll: 0.85,
  audienceCustomers: 0.93, // cumulative: 8 % signed-in only, the last 7 % restricted
  scheduledShare: 0.03,
  sentenceSwapShare: 0.25,
  /** Sentences taken from the seed article rather than anywhere, for topical coherence. */
  sameArticleShare: 0.7,
  /** Restricted documents always name plans, and some also a segment. */
  segmentShare: 0.5,
  /** Body length as a share of a real article's, drawn between these bounds; posts run shorter. */
  articleLength: [0.5, 1.2],
  topicLength: [0.3, 0.7],
  minSentences: 3,
  maxTags: 4,
  maxVotes: 60,
  /** popularity = e^(u * this): a long tail up to a few thousand views. */
  popularityLogMax: 8,
  historyDays: 730,
} as const;

export type ContentArticle = {
  slug: string;
  locale: SearchLocale;
  category: string;
  title: string;
  summary: string;
  tags: string[];
  markdown: string;
};

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return markdownFiles(full);
      return entry.isFile() && entry.name.endsWith(".md") ? [full] : [];
    })
    .sort();
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

let cachedArticles: ContentArticle[] | null = null;

export function contentArticles(): ContentArticle[] {
  cachedArticles ??= markdownFiles(CONTENT_DIR).map((file) => {
    // A fresh options object: gray-matter caches results by content otherwise.
    const parsed = matter(readFileSync(file, "utf8"), {});
    const data = parsed.data as Record<string, unknown>;
    const text = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
    return {
      slug: text("slug"),
      locale: text("locale") === "ja" ? "ja" : "en",
      category: text("category"),
      title: text("title"),
      summary: text("summary"),
      tags: asStrings(data.tags),
      markdown: parsed.content.trim(),
    };
  });
  return cachedArticles;
}

/** The demo help center as SearchDocuments; ids are "article:<slug>". */
export function loadContentDocuments(): SearchDocument[] {
  return contentArticles().map((a) =>
    articleDocument({
      id: a.slug,
      slug: a.slug,
      locale: a.locale,
      title: a.title,
      summary: a.summary,
      text: markdownToText(a.markdown),
      categorySlug: a.category,
      tags: a.tags,
      audience: "all",
      audiencePlans: [],
      audienceSegments: [],
      publishAt: null,
      helpfulCount: 0,
      unhelpfulCount: 0,
      viewCount: 0,
      updatedAt: CONTENT_UPDATED_AT,
    }),
  );
}

/** The slug behind a content document id ("article:<slug>"). */
export function slugOf(documentId: string): string {
  return documentId.replace(/^article:/, "");
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const SENTENCE_END = { en: /(?<=[.!?])\s+/, ja: /(?<=[。！？])/ } as const;
/** Where a Japanese phrase can be cut and joined to another: after a particle or a mark. */
const JA_JOINT = /(?<=[のをにでとは、・：])/;

type ArticleSentences = { sentences: string[]; headings: string[] };

type LocalePool = {
  articles: ArticleSentences[];
  titles: string[];
  summaries: string[];
  /** English words long enough to carry meaning, for word swaps. */
  words: string[];
};

let cachedPools: Record<SearchLocale, LocalePool> | null = null;

function pools(): Record<SearchLocale, LocalePool> {
  if (cachedPools) return cachedPools;
  const result: Record<SearchLocale, LocalePool> = {
    en: { articles: [], titles: [], summaries: [], words: [] },
    ja: { articles: [], titles: [], summaries: [], words: [] },
  };
  for (const article of contentArticles()) {
    const pool = result[article.locale];
    const headings: string[] = [];
    const sentences: string[] = [];
    // Block by block, so headings stay apart from the paragraph below them.
    for (const block of article.markdown.split(/\n{2,}/)) {
      const text = markdownToText(block);
      if (!text) continue;
      if (/^#{1,6}\s/.test(block)) headings.push(text);
      else sentences.push(...text.split(SENTENCE_END[article.locale]).filter(Boolean));
    }
    pool.articles.push({ sentences, headings });
    pool.titles.push(article.title, ...headings);
    pool.summaries.push(article.summary);
    if (article.locale === "en") {
      pool.words.push(
        ...sentences
          .join(" ")
          .split(/\s+/)
          .filter((w) => /^[A-Za-z]{4,}$/.test(w)),
      );
    }
  }
  cachedPools = result;
  return result;
}

/** A sentence with one word swapped (English) or two phrases spliced (Japanese). */
function recombine(random: () => number, locale: SearchLocale, a: string, b: string): string {
  const pool = pools()[locale];
  if (locale === "en") {
    const words = a.split(" ");
    const at = Math.floor(random() * words.length);
    if (/^[A-Za-z]{4,}$/.test(words[at]!)) words[at] = pick(random, pool.words);
    return words.join(" ");
  }
  const head = a.split(JA_JOINT);
  const tail = b.split(JA_JOINT);
  if (head.length < 2 || tail.length < 2) return a;
  const cutA = 1 + Math.floor(random() * (head.length - 1));
  const cutB = 1 + Math.floor(random() * (tail.length - 1));
  return head.slice(0, cutA).join("") + tail.slice(cutB).join("");
}

function generatedTitle(random: () => number, locale: SearchLocale): string {
  const pool = pools()[locale];
  return recombine(random, locale, pick(random, pool.titles), pick(random, pool.titles));
}

function generatedBody(random: () => number, locale: SearchLocale, share: number): string {
  const pool = pools()[locale];
  const home = pick(random, pool.articles);
  const length = Math.max(
    GENERATED_MIX.minSentences,
    Math.round(pick(random, pool.articles).sentences.length * share),
  );
  const sentences: string[] = [];
  for (let i = 0; i < length; i++) {
    const source = random() < GENERATED_MIX.sameArticleShare ? home : pick(random, pool.articles);
    let sentence = pick(random, source.sentences);
    if (random() < GENERATED_MIX.sentenceSwapShare) {
      sentence = recombine(random, locale, sentence, pick(random, source.sentences));
    }
    sentences.push(sentence);
  }
  return sentences.join(locale === "en" ? " " : "");
}

function sample<T>(random: () => number, items: readonly T[], max: number): T[] {
  const count = 1 + Math.floor(random() * max);
  return [...new Set(Array.from({ length: count }, () => pick(random, items)))];
}

/**
 * n documents, the same for the same (n, seed): even positions English, odd ones Japanese;
 * mostly articles with some forum topics; most visible to all, some to signed-in customers or
 * chosen plans/segments, a few scheduled after GENERATED_NOW.
 */
export function generateDocuments(n: number, seed: number): SearchDocument[] {
  const random = seededRandom(seed);
  const articles = contentArticles();
  const categories = [...new Set(articles.map((a) => a.category))];
  const tags = [...new Set(articles.flatMap((a) => a.tags))];
  const docs: SearchDocument[] = [];
  for (let i = 0; i < n; i++) {
    const locale: SearchLocale = i % 2 ? "ja" : "en";
    const isTopic = random() < GENERATED_MIX.topicShare;
    const type = isTopic ? "topic" : "article";
    const [low, high] = isTopic ? GENERATED_MIX.topicLength : GENERATED_MIX.articleLength;
    const body = generatedBody(random, locale, low + random() * (high - low));
    const docTags = sample(random, tags, GENERATED_MIX.maxTags);
    const summary = pick(random, pools()[locale].summaries);
    const audienceDraw = random();
    const restricted = audienceDraw >= GENERATED_MIX.audienceCustomers;
    const helpful = Math.floor(random() * GENERATED_MIX.maxVotes);
    const unhelpful = Math.floor(random() * GENERATED_MIX.maxVotes * random());
    docs.push({
      id: `${type}:gen-${i}`,
      type,
      locale,
      title: generatedTitle(random, locale),
      body,
      extra: [summary, ...docTags].join(" · "),
      url: isTopic ? `/community/t/gen-${i}` : `/kb/gen-${i}`,
      category: pick(random, categories),
      tags: docTags,
      audience:
        audienceDraw < GENERATED_MIX.audienceAll ? "all" : restricted ? "restricted" : "customers",
      plans: restricted ? sample(random, PLANS, 2) : [],
      segments:
        restricted && random() < GENERATED_MIX.segmentShare ? sample(random, SEGMENTS, 1) : [],
      visibleFrom:
        random() < GENERATED_MIX.scheduledShare
          ? GENERATED_NOW + Math.ceil(random() * GENERATED_MIX.historyDays) * DAY_MS
          : 0,
      helpfulness: helpfulness(helpful, unhelpful),
      hasAcceptedAnswer: isTopic && random() < GENERATED_MIX.acceptedAnswerShare,
      popularity: Math.floor(Math.exp(random() * GENERATED_MIX.popularityLogMax)),
      updatedAt: GENERATED_NOW - Math.floor(random() * GENERATED_MIX.historyDays * DAY_MS),
    });
  }
  return docs;
}
