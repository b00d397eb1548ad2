// The documents of the index by dense number: the stored document (its text kept once, for
// snippets), and per-document columns in typed arrays for the per-query loops (filters,
// audience, field lengths, ranking signals). A replaced document gets a new number; the old one
// is dead until compaction renumbers everything.
import type { SearchAccess, SearchDocType, SearchDocument, SearchLocale } from "../types";
import { SEARCH_DOC_TYPES, SEARCH_LOCALES } from "../types";
import { normalizeText } from "../normalize";
import { ensureLength } from "./arrays";
import type { EmbeddedTuning } from "./options";

const INITIAL_DOCS = 1_024;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** Recency exponents are taken from here so that they stay small. */
const RECENCY_EPOCH = Date.UTC(2020, 0, 1);

function halfLifeMs(tuning: EmbeddedTuning): number {
  return tuning.recencyHalfLifeDays * MS_PER_DAY;
}

/** Helpfulness when a document's value is missing or not a number. */
const NEUTRAL_HELPFULNESS = 0.5;

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

function staticSignal(doc: SearchDocument, tuning: EmbeddedTuning): number {
  const helpfulness = Math.min(1, Math.max(0, finiteOr(doc.helpfulness, NEUTRAL_HELPFULNESS)));
  const views = Math.max(0, finiteOr(doc.popularity, 0));
  const popularity = Math.min(1, Math.log1p(views) / Math.log1p(tuning.popularitySaturation));
  return (
    1 +
    tuning.helpfulnessWeight * (2 * helpfulness - 1) +
    tuning.acceptedAnswerWeight * (doc.hasAcceptedAnswer ? 1 : 0) +
    tuning.popularityWeight * popularity
  );
}

/** Field lengths are stored in 16 bits; longer fields count as this long for BM25. */
const MAX_FIELD_LENGTH = 65_535;

/** Type codes per category in a facet number (DocumentStore.facet). */
export const FACET_TYPES = SEARCH_DOC_TYPES.length;

export function facetType(facet: number): number {
  return facet % FACET_TYPES;
}

export function facetCategory(facet: number): number {
  return Math.floor(facet / FACET_TYPES);
}

export const AUDIENCE_CODES = { all: 0, customers: 1, restricted: 2 } as const;
/** Added to a document's gate code when it has a publication time (see DocumentStore.gate). */
const SCHEDULED_GATE = 4;
/** Visibility.open for staff: above every gate code. */
const OPEN_TO_ALL = 0xff;

export type FieldLengths = { title: number; extra: number; body: number };

export class DocumentStore {
  /** The stored documents by number; null once removed. */
  readonly docs: (SearchDocument | null)[] = [];
  /** Titles folded by normalizeText, for the "title contains the query" check. */
  readonly foldedTitles: string[] = [];
  private numbers = new Map<string, number>();
  alive = new Uint8Array(INITIAL_DOCS);
  locale = new Uint8Array(INITIAL_DOCS);
  /**
   * Type and category in one number, category × FACET_TYPES + type code: the per-match loop
   * counts facets with one increment (see facetType() and facetCategory()).
   */
  facet = new Int32Array(INITIAL_DOCS);
  audience = new Uint8Array(INITIAL_DOCS);
  visibleFrom = new Float64Array(INITIAL_DOCS);
  /**
   * The audience code, plus SCHEDULED_GATE when the document has a publication time: the
   * per-match loops let through every document whose gate is at most Visibility.open with this
   * one byte, and ask Visibility.sees() about the others.
   */
  gate = new Uint8Array(INITIAL_DOCS);
  /** 1 + the ranking signals that do not change with time (see staticSignal()). */
  staticSignal = new Float32Array(INITIAL_DOCS);
  /** 2^(updatedAt / half-life), so that recency at `now` is one multiplication (see signal()). */
  recencyBase = new Float64Array(INITIAL_DOCS);
  titleLength = new Uint16Array(INITIAL_DOCS);
  extraLength = new Uint16Array(INITIAL_DOCS);
  bodyLength = new Uint16Array(INITIAL_DOCS);
  readonly categoryNames: string[] = [];
  private categoryIds = new Map<string, number>();
  private lengthSums: FieldLengths = { title: 0, extra: 0, body: 0 };
  liveCount = 0;

  constructor(private readonly tuning: EmbeddedTuning) {}

  /** The multiplier for recencyBase that gives recency (1 = changed at `now`) at `now`. */
  recencyScale(now: number): number {
    return 2 ** (-(now - RECENCY_EPOCH) / halfLifeMs(this.tuning));
  }

  /**
   * The factor a document's score is multiplied by: 1 plus small contributions from
   * helpfulness (centred on 0.5), an accepted answer, popularity (log of views) and recency
   * (halving every recencyHalfLifeDays). `scale` is recencyScale(now).
   */
  signal(n: number, scale: number): number {
    const recency = Math.min(1, (this.recencyBase[n] as number) * scale);
    return (this.staticSignal[n] as number) + this.tuning.recencyWeight * recency;
  }

  /** Numbers handed out so far (live and dead): the size of every per-document array. */
  get slots(): number {
    return this.docs.length;
  }

  get deadCount(): number {
    return this.docs.length - this.liveCount;
  }

  numberOf(id: string): number | undefined {
    return this.numbers.get(id);
  }

  averageLengths(): FieldLengths {
    const n = Math.max(1, this.liveCount);
    return {
      title: Math.max(1, this.lengthSums.title / n),
      extra: Math.max(1, this.lengthSums.extra / n),
      body: Math.max(1, this.lengthSums.body / n),
    };
  }

  /** The number of a category slug, or -1 when no document has ever had it. */
  findCategory(slug: string): number {
    return this.categoryIds.get(slug) ?? -1;
  }

  categoryId(slug: string): number {
    let id = this.categoryIds.get(slug);
    if (id === undefined) {
      id = this.categoryNames.length;
      this.categoryNames.push(slug);
      this.categoryIds.set(slug, id);
    }
    return id;
  }

  /** Adds a document under a fresh number (the caller removed any older version first). */
  add(doc: SearchDocument, lengths: FieldLengths): number {
    const n = this.docs.length;
    this.docs.push(doc);
    this.foldedTitles.push(normalizeText(doc.title));
    this.numbers.set(doc.id, n);
    this.grow(n + 1);
    this.alive[n] = 1;
    const type = Math.max(0, SEARCH_DOC_TYPES.indexOf(doc.type));
    this.locale[n] = Math.max(0, SEARCH_LOCALES.indexOf(doc.locale));
    this.facet[n] = this.categoryId(doc.category) * FACET_TYPES + type;
    this.audience[n] = AUDIENCE_CODES[doc.audience] ?? AUDIENCE_CODES.restricted;
    // A missing date must not make a document visible early: NaN > now is false.
    this.visibleFrom[n] = finiteOr(doc.visibleFrom, Number.POSITIVE_INFINITY);
    this.gate[n] = (this.audience[n] as number) + (this.visibleFrom[n] === 0 ? 0 : SCHEDULED_GATE);
    this.staticSignal[n] = staticSignal(doc, this.tuning);
    const updatedAt = finiteOr(doc.updatedAt, RECENCY_EPOCH);
    this.recencyBase[n] = 2 ** ((updatedAt - RECENCY_EPOCH) / halfLifeMs(this.tuning));
    this.titleLength[n] = Math.min(MAX_FIELD_LENGTH, lengths.title);
    this.extraLength[n] = Math.min(MAX_FIELD_LENGTH, lengths.extra);
    this.bodyLength[n] = Math.min(MAX_FIELD_LENGTH, lengths.body);
    this.lengthSums.title += this.titleLength[n] as number;
    this.lengthSums.extra += this.extraLength[n] as number;
    this.lengthSums.body += this.bodyLength[n] as number;
    this.liveCount++;
    return n;
  }

  remove(n: number): void {
    const doc = this.docs[n];
    if (!doc) return;
    this.numbers.delete(doc.id);
    this.docs[n] = null;
    this.foldedTitles[n] = "";
    this.alive[n] = 0;
    this.lengthSums.title -= this.titleLength[n] as number;
    this.lengthSums.extra -= this.extraLength[n] as number;
    this.lengthSums.body -= this.bodyLength[n] as number;
    this.liveCount--;
  }

  /** Renumbers the live documents densely; returns old number → new number (-1 when dead). */
  compact(): Int32Array {
    const remap = new Int32Array(this.docs.length).fill(-1);
    const columns = [
      this.alive,
      this.locale,
      this.facet,
      this.audience,
      this.visibleFrom,
      this.gate,
      this.staticSignal,
      this.recencyBase,
      this.titleLength,
      this.extraLength,
      this.bodyLength,
    ];
    let next = 0;
    for (let old = 0; old < this.docs.length; old++) {
      const doc = this.docs[old];
      if (!doc) continue;
      remap[old] = next;
      this.docs[next] = doc;
      this.foldedTitles[next] = this.foldedTitles[old] as string;
      this.numbers.set(doc.id, next);
      for (const column of columns) column[next] = column[old] as number;
      next++;
    }
    this.docs.length = next;
    this.foldedTitles.length = next;
    return remap;
  }

  private grow(needed: number): void {
    this.alive = ensureLength(this.alive, needed);
    this.locale = ensureLength(this.locale, needed);
    this.facet = ensureLength(this.facet, needed);
    this.audience = ensureLength(this.audience, needed);
    this.visibleFrom = ensureLength(this.visibleFrom, needed);
    this.gate = ensureLength(this.gate, needed);
    this.staticSignal = ensureLength(this.staticSignal, needed);
    this.recencyBase = ensureLength(this.recencyBase, needed);
    this.titleLength = ensureLength(this.titleLength, needed);
    this.extraLength = ensureLength(this.extraLength, needed);
    this.bodyLength = ensureLength(this.bodyLength, needed);
  }

  /** A restricted document's plans or segments include the caller's. */
  meantFor(n: number, access: SearchAccess): boolean {
    const doc = this.docs[n];
    if (!doc) return false;
    return (
      (access.plan !== null && doc.plans.includes(access.plan)) ||
      (access.segment !== null && doc.segments.includes(access.segment))
    );
  }

  typeCode(type: SearchDocType): number {
    return SEARCH_DOC_TYPES.indexOf(type);
  }

  localeCode(locale: SearchLocale): number {
    return SEARCH_LOCALES.indexOf(locale);
  }
}

/**
 * The audience rules of app/models/article-policy.ts on indexed fields, for one caller at one
 * time: staff see everything; others only what is published by `now` and meant for them. Built
 * once per query for the per-match loops: most documents are decided by one or two column reads,
 * and only restricted ones look at the stored document's plans and segments.
 */
export class Visibility {
  /** Documents whose gate code is at most this are visible without further checks. */
  readonly open: number;
  private readonly everything: boolean;
  private readonly mayBeMeantFor: boolean;
  private readonly audience: Uint8Array;
  private readonly visibleFrom: Float64Array;

  constructor(
    private readonly store: DocumentStore,
    private readonly access: SearchAccess,
    private readonly now: number,
  ) {
    this.everything = access.staff;
    const sharedOpen = access.signedIn ? AUDIENCE_CODES.customers : AUDIENCE_CODES.all;
    this.open = access.staff ? OPEN_TO_ALL : sharedOpen;
    this.mayBeMeantFor = access.signedIn && (access.plan !== null || access.segment !== null);
    this.audience = store.audience;
    this.visibleFrom = store.visibleFrom;
  }

  sees(n: number): boolean {
    if (this.everything) return true;
    if ((this.visibleFrom[n] as number) > this.now) return false;
    const audience = this.audience[n] as number;
    if (audience <= this.open) return true;
    return (
      this.mayBeMeantFor &&
      audience === AUDIENCE_CODES.restricted &&
      this.store.meantFor(n, this.access)
    );
  }
}
