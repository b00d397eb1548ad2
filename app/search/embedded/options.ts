// Every number that shapes matching, ranking and upkeep of the embedded engine, in one place.
// The defaults were tuned on the help-center relevance set (test/search/relevance-queries.ts) and
// the 100,000-document speed benchmark; change them there, not in the code that uses them.

export type EmbeddedTuning = {
  /** Characters of a query looked at; the service refuses long queries, this keeps the engine safe. */
  maxQueryChars: number;
  /** Query words (or CJK runs) matched; more are ignored. */
  maxQueryWords: number;
  /** Bigrams of one CJK run matched (a pasted paragraph would otherwise make hundreds). */
  maxBigramsPerWord: number;

  /** A word needs this many letters to be matched with one typo, and the next for two. */
  oneTypoMinLength: number;
  twoTyposMinLength: number;
  /** Longer words are matched exactly: typos in them are rare and the lookup grows with length. */
  maxTypoWordLength: number;
  maxTypoExpansions: number;
  /** Trie nodes a typo lookup may visit before it stops. */
  maxTypoVisits: number;
  maxPrefixExpansions: number;
  maxPrefixVisits: number;
  /** Postings all prefix expansions of one word may add (a one-letter prefix matches a lot). */
  maxPrefixPostings: number;
  /** Bigrams a single CJK character or a cut-off last character expands to. */
  maxCjkExpansions: number;

  /** How much a non-exact match is worth, 0..1: by number of typos, and for prefixes. */
  typoQuality: readonly number[];
  prefixQuality: number;
  /** A single CJK character found inside a bigram, or a cut-off character completed. */
  cjkPartialQuality: number;
  /** A word found through a synonym rather than as typed. */
  synonymQuality: number;

  /** Score = coverageWeight × share of query words matched + relevanceWeight × BM25F (0..1) + phrase bonus. */
  coverageWeight: number;
  relevanceWeight: number;
  /** Added when the title contains the whole query (or a CJK run of it) as typed. */
  titlePhraseBonus: number;
  fieldWeights: { title: number; extra: number; body: number };
  bm25K1: number;
  bm25B: number;
  /** A document matches when its coverage reaches this share of the best document's coverage. */
  relativeMatchShare: number;
  /** Top candidates re-ranked with the title phrase check. */
  rerankWindow: number;

  /** Multiplicative signals: the score is multiplied by 1 + the sum of these contributions. */
  helpfulnessWeight: number;
  acceptedAnswerWeight: number;
  recencyWeight: number;
  recencyHalfLifeDays: number;
  popularityWeight: number;
  /** Views at which the popularity signal is full (log scale). */
  popularitySaturation: number;

  /** The postings are rewritten without removed documents once this many are dead ... */
  compactMinDead: number;
  /** ... and they are at least this share of the live ones. */
  compactDeadShare: number;
  defaultSuggestLimit: number;
};

export const EMBEDDED_TUNING: EmbeddedTuning = {
  maxQueryChars: 1_000,
  maxQueryWords: 32,
  maxBigramsPerWord: 24,

  oneTypoMinLength: 5,
  twoTyposMinLength: 9,
  maxTypoWordLength: 32,
  maxTypoExpansions: 8,
  maxTypoVisits: 20_000,
  maxPrefixExpansions: 30,
  maxPrefixVisits: 5_000,
  maxPrefixPostings: 150_000,
  maxCjkExpansions: 16,

  typoQuality: [1, 0.75, 0.55],
  prefixQuality: 0.85,
  cjkPartialQuality: 0.7,
  synonymQuality: 0.9,

  coverageWeight: 10,
  relevanceWeight: 4,
  titlePhraseBonus: 3,
  fieldWeights: { title: 3, extra: 1.5, body: 1 },
  bm25K1: 1.2,
  bm25B: 0.75,
  relativeMatchShare: 0.5,
  rerankWindow: 100,

  helpfulnessWeight: 0.06,
  acceptedAnswerWeight: 0.05,
  recencyWeight: 0.04,
  recencyHalfLifeDays: 180,
  popularityWeight: 0.04,
  popularitySaturation: 10_000,

  compactMinDead: 5_000,
  compactDeadShare: 0.5,
  defaultSuggestLimit: 5,
};

export type EmbeddedOptions = Partial<EmbeddedTuning>;
