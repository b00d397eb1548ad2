// In-process search speed with 100,000 generated documents (half Japanese): index build time and
// heap, per-query latency over a fixed mix of queries with and without filters, and whether a
// single-document update is visible to the very next query. MiniSearch and Orama run the same
// corpus and queries for comparison. Missed targets read FAIL in the results; only a crash exits
// non-zero. Run with `node --expose-gc` (bench/run.ts sets it) for meaningful heap figures.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SYNONYM_GROUPS } from "../app/search/default-synonyms";
import { EmbeddedSearchEngine } from "../app/search/embedded/engine";
import {
  PUBLIC_ACCESS,
  type SearchAccess,
  type SearchDocument,
  type SearchEngine,
  type SearchOptions,
} from "../app/search/types";
import { RELEVANCE_QUERIES } from "../test/search/relevance-queries";
import { GENERATED_NOW, generateDocuments, seededRandom } from "./lib/corpus";
import { MiniSearchEngine, OramaEngine, type LibraryEngine } from "./lib/libraries";
import { percentile, SPEED_QUERIES } from "./lib/queries";

export const DOCUMENTS = 100_000;
export const TARGETS = { p50Ms: 5, p95Ms: 25 } as const;
const CORPUS_SEED = 20_260_101;
const QUERY_SEED = 42;
const TIMED_QUERIES = 600;
const WARM_UP_QUERIES = 100;
const RESULT_LIMIT = 10;
const RESULT_FILE = path.resolve("bench/results/search-speed.json");
/** A word no generated document contains, so only the updated document can match it. */
const UPDATE_MARKER = "zyxwvbenchmarker";

const STAFF: SearchAccess = { staff: true, signedIn: true, plan: null, segment: null };
const CUSTOMER: SearchAccess = {
  staff: false,
  signedIn: true,
  plan: "business",
  segment: "low_touch",
};

type Query = { text: string; options: SearchOptions };

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A plausible misspelling: one letter dropped, doubled or swapped with its neighbour. */
function misspell(random: () => number, word: string): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const edits = [
    () => word.slice(0, at) + word.slice(at + 1),
    () => word.slice(0, at) + word[at] + word.slice(at),
    () => word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2),
  ];
  return pick(random, edits)();
}

/**
 * The fixed mix: the shared header-box queries, the labelled relevance queries, and words,
 * misspellings, prefixes, Japanese phrases and synonyms drawn from the corpus; a third run as
 * staff without filters, a third as an anonymous visitor, a third as a customer with locale,
 * type or category filters on top.
 */
function queryMix(docs: SearchDocument[], count: number, seed: number): Query[] {
  const random = seededRandom(seed);
  const englishWords = docs
    .slice(0, 2_000)
    .filter((d) => d.locale === "en")
    .flatMap((d) => d.title.toLowerCase().split(/[^a-z]+/))
    .filter((w) => w.length >= 4);
  const japaneseTitles = docs.filter((d) => d.locale === "ja").slice(0, 1_000);
  const synonyms = DEFAULT_SYNONYM_GROUPS.flat();
  const categories = [...new Set(docs.map((d) => d.category))];
  const makers = [
    () => pick(random, englishWords),
    () => `${pick(random, englishWords)} ${pick(random, englishWords)}`,
    () => misspell(random, pick(random, englishWords)),
    () => pick(random, englishWords).slice(0, 3 + Math.floor(random() * 3)),
    () => {
      const title = pick(random, japaneseTitles).title.replace(/\s+/g, "");
      const start = Math.floor(random() * Math.max(1, title.length - 4));
      return title.slice(start, start + 2 + Math.floor(random() * 5));
    },
    () => pick(random, synonyms),
  ];
  const texts = [...SPEED_QUERIES, ...RELEVANCE_QUERIES.map((q) => q.query)];
  while (texts.length < count) texts.push(pick(random, makers)());
  return texts.slice(0, count).map((text, i) => {
    const base = { limit: RESULT_LIMIT, now: GENERATED_NOW };
    if (i % 3 === 0) return { text, options: { ...base, access: STAFF } };
    if (i % 3 === 1) return { text, options: { ...base, access: PUBLIC_ACCESS } };
    const filters = [
      { locale: pick(random, ["en", "ja"] as const) },
      { types: [pick(random, ["article", "topic"] as const)] },
      { category: pick(random, categories) },
    ];
    return { text, options: { ...base, access: CUSTOMER, ...pick(random, filters) } };
  });
}

const MB = 1024 * 1024;

/** JS heap and typed-array memory (outside the heap), after a collection when gc is exposed. */
function memoryMb(): { heap: number; arrayBuffers: number } {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed / MB, arrayBuffers: arrayBuffers / MB };
}

type Searcher = {
  name: string;
  description: string;
  build(docs: SearchDocument[]): Promise<void>;
  update(doc: SearchDocument): Promise<void>;
  /** Ids, best first. */
  search(query: Query): Promise<string[]>;
};

function engineSearcher(engine: SearchEngine): Searcher {
  return {
    name: engine.name,
    description: "our embedded engine (app/search/embedded), default synonym groups",
    async build(docs) {
      await engine.setSynonyms(DEFAULT_SYNONYM_GROUPS);
      await engine.index(docs);
    },
    update: (doc) => engine.index([doc]),
    async search(query) {
      return (await engine.search(query.text, query.options)).hits.map((h) => h.id);
    },
  };
}

function librarySearcher(library: LibraryEngine): Searcher {
  return {
    name: library.name,
    description: library.description,
    build: (docs) => library.build(docs),
    update: (doc) => library.update(doc),
    search: (query) => library.search(query.text, { ...query.options, limit: RESULT_LIMIT }),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function measure(searcher: Searcher, docs: SearchDocument[], queries: Query[]) {
  console.log(`${searcher.name}: building the index of ${docs.length} documents…`);
  const before = memoryMb();
  const started = performance.now();
  await searcher.build(docs);
  const buildMs = performance.now() - started;
  const after = memoryMb();
  // The documents themselves are held by the benchmark before and after, so they do not count.
  const heapMb = after.heap - before.heap;
  const arrayBuffersMb = after.arrayBuffers - before.arrayBuffers;

  for (const query of queries.slice(0, WARM_UP_QUERIES)) await searcher.search(query);
  const timings: number[] = [];
  for (const query of queries.slice(WARM_UP_QUERIES)) {
    const t0 = performance.now();
    await searcher.search(query);
    timings.push(performance.now() - t0);
  }
  timings.sort((a, b) => a - b);

  // One document changes; the very next query must find it by its new word.
  const target = docs[Math.floor(docs.length / 2)]!;
  const t0 = performance.now();
  await searcher.update({ ...target, title: `${target.title} ${UPDATE_MARKER}` });
  const t1 = performance.now();
  const found = await searcher.search({
    text: UPDATE_MARKER,
    options: { access: STAFF, limit: RESULT_LIMIT, now: GENERATED_NOW },
  });
  const t2 = performance.now();
  const result = {
    name: searcher.name,
    description: searcher.description,
    buildMs: Math.round(buildMs),
    heapUsedMb: Math.round(heapMb),
    arrayBuffersMb: Math.round(arrayBuffersMb),
    memoryMb: Math.round(heapMb + arrayBuffersMb),
    queries: timings.length,
    p50Ms: round2(percentile(timings, 50)),
    p95Ms: round2(percentile(timings, 95)),
    p99Ms: round2(percentile(timings, 99)),
    maxMs: round2(timings[timings.length - 1] ?? 0),
    update: {
      visibleToNextQuery: found[0] === target.id,
      updateMs: round2(t1 - t0),
      nextQueryMs: round2(t2 - t1),
    },
  };
  console.log(
    `${searcher.name}: build ${(result.buildMs / 1000).toFixed(1)} s, memory +${result.memoryMb} MB ` +
      `(heap ${result.heapUsedMb}, array buffers ${result.arrayBuffersMb}); ` +
      `p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms; ` +
      `update visible: ${result.update.visibleToNextQuery} (${result.update.updateMs} ms + ${result.update.nextQueryMs} ms)`,
  );
  return result;
}

async function main() {
  if (!globalThis.gc) console.warn("⚠ run with node --expose-gc: heap figures include garbage.");
  const started = performance.now();
  const docs = generateDocuments(DOCUMENTS, CORPUS_SEED);
  const generateMs = performance.now() - started;
  const queries = queryMix(docs, WARM_UP_QUERIES + TIMED_QUERIES, QUERY_SEED);
  console.log(`Generated ${docs.length} documents in ${(generateMs / 1000).toFixed(1)} s.`);

  const ours = await measure(engineSearcher(new EmbeddedSearchEngine()), docs, queries);
  // Each engine is measured alone: the previous one is garbage by the time the next builds.
  const libraries = [];
  for (const library of [
    new MiniSearchEngine(DEFAULT_SYNONYM_GROUPS),
    new OramaEngine(DEFAULT_SYNONYM_GROUPS),
  ]) {
    libraries.push(await measure(librarySearcher(library), docs, queries));
  }

  const checks = {
    p50: ours.p50Ms <= TARGETS.p50Ms,
    p95: ours.p95Ms <= TARGETS.p95Ms,
    updateVisible: ours.update.visibleToNextQuery,
    p95AtMostLibraries: libraries.every((l) => ours.p95Ms <= l.p95Ms),
  };
  const result = {
    name: "search-speed",
    description: `embedded engine in-process, ${DOCUMENTS.toLocaleString("en")} generated documents (half Japanese), ${TIMED_QUERIES} mixed queries after ${WARM_UP_QUERIES} warm-up (a third without filters), top ${RESULT_LIMIT}; targets p50 ≤ ${TARGETS.p50Ms} ms, p95 ≤ ${TARGETS.p95Ms} ms`,
    documents: DOCUMENTS,
    queries: TIMED_QUERIES,
    p50Ms: ours.p50Ms,
    p95Ms: ours.p95Ms,
    p99Ms: ours.p99Ms,
    targets: TARGETS,
    pass: Object.values(checks).every(Boolean),
    checks,
    build: {
      ms: ours.buildMs,
      memoryMb: ours.memoryMb,
      heapUsedMb: ours.heapUsedMb,
      arrayBuffersMb: ours.arrayBuffersMb,
      gcExposed: Boolean(globalThis.gc),
    },
    update: ours.update,
    engines: [ours, ...libraries],
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  writeFileSync(RESULT_FILE, JSON.stringify(result, null, 2) + "\n");
  console.log(
    `\nsearch speed: p50 ${ours.p50Ms} ms, p95 ${ours.p95Ms} ms (targets ${TARGETS.p50Ms} / ${TARGETS.p95Ms} ms): ` +
      `${result.pass ? "PASS" : "FAIL"} ${JSON.stringify(checks)}`,
  );
  console.log(`Wrote ${path.relative(process.cwd(), RESULT_FILE)}`);
}

await main();
