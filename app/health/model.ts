// The health model (DESIGN.md section 6): pure functions from plain inputs to component scores,
// a weighted score, a band, trends and drivers. No database here; app/commands/recompute-health
// gathers the inputs (from EventDaily aggregates and onboarding) and stores the results.
import type { OnboardingHealthInputs } from "~/models/onboarding-rules";
import { PORTAL_TYPE_PREFIX, ROLLUP_TYPES } from "./rollup";

/** The built-in components; CS adds "event" components of its own (custom keys). */
export const COMPONENT_KEYS = ["usage", "onboarding", "selfService", "community"] as const;
export type BuiltinComponentKey = (typeof COMPONENT_KEYS)[number];

export const DEFAULT_WEIGHTS: Record<BuiltinComponentKey, number> = {
  usage: 40,
  onboarding: 20,
  selfService: 20,
  community: 20,
};

export const BANDS = ["red", "yellow", "green"] as const;
export type Band = (typeof BANDS)[number];

/** Red below yellowFrom (50), yellow 50-75, green from greenFrom (76): "green > 75". */
export const DEFAULT_BANDS: BandThresholds = { yellowFrom: 50, greenFrom: 76 };
export type BandThresholds = { yellowFrom: number; greenFrom: number };

/** Days of activity each computation looks at (inclusive of the day computed). */
export const WINDOW_DAYS = 30;
/** Days of history the account page shows. */
export const HISTORY_DAYS = 90;
/** Trend horizons. */
export const TREND_DAYS = { d7: 7, d30: 30 } as const;

/** Usage: this share of seats active in the window counts as full adoption. */
export const ACTIVE_SEAT_TARGET = 0.7;
/** Usage: product (non-portal) events per seat in the window that count as full use. */
export const PRODUCT_EVENTS_PER_SEAT_TARGET = 20;
/** Usage: how much of the usage score is active users versus product events. */
export const USAGE_MIX = { activeUsers: 0.6, productEvents: 0.4 } as const;

/** Onboarding: on-time progress matters more than total progress. */
export const ONBOARDING_MIX = { onTime: 0.6, completion: 0.4 } as const;
/** Onboarding: a stuck checklist caps the component here. */
export const ONBOARDING_STUCK_CAP = 40;

/** Self-service: helpful-vote ratio and search success, smoothed so a handful of votes is not 0 or 100. */
export const SELF_SERVICE_MIX = { votes: 0.4, searches: 0.6 } as const;
/** Laplace smoothing: ratios start at 1/2 and move with evidence. */
export const RATIO_PRIOR = 1;
/** Self-service: points taken off for each support request sent after reading an article. */
export const SUPPORT_AFTER_READING_PENALTY = 8;
export const SUPPORT_AFTER_READING_MAX_PENALTY = 40;

/** Community: points per kind of activity in the window, and the points that count as full. */
export const COMMUNITY_POINTS = {
  topics: 3,
  replies: 2,
  acceptedAnswers: 5,
  likesReceived: 1,
} as const;
export const COMMUNITY_TARGET_POINTS = 30;

/** A driver is listed when its component moved the score by at least this many points. */
export const DRIVER_MIN_POINTS = 1;
/** A fall of this many points within 7 days raises a health_drop alert. */
export const DROP_ALERT_POINTS = 10;
/** Expansion: active users at or above this share of seats... */
export const EXPANSION_SEAT_SHARE = 0.9;
/** ...or this many active users on a small plan. */
export const EXPANSION_SMALL_PLAN_USERS = 20;
export const SMALL_PLANS: readonly string[] = ["starter", "team"];

export type ComponentKind = "builtin" | "event";
export type ComponentConfig = {
  key: string;
  weight: number;
  kind: ComponentKind;
  /** kind "event": the product event type counted, and the count in the window that scores 100. */
  eventType?: string;
  target?: number;
};
export type HealthModelConfig = { components: ComponentConfig[]; bands: BandThresholds };

export const DEFAULT_MODEL: HealthModelConfig = {
  components: COMPONENT_KEYS.map((key) => ({ key, weight: DEFAULT_WEIGHTS[key], kind: "builtin" })),
  bands: DEFAULT_BANDS,
};

/** What one account did in the window, as plain numbers. */
export type HealthInputs = {
  seats: number;
  /** Distinct members with at least one event in the window. */
  activeUsers: number;
  /** Events of the product (not portal.*) in the window. */
  productEvents: number;
  /** null: no checklist assigned (nothing can be late). */
  onboarding: OnboardingHealthInputs | null;
  helpfulVotes: number;
  unhelpfulVotes: number;
  searchesFound: number;
  searchesNone: number;
  searchClicks: number;
  supportAfterReading: number;
  topics: number;
  replies: number;
  acceptedAnswers: number;
  likesReceived: number;
  /** Window counts per event type, for custom components (only the types a model uses). */
  eventCounts: Record<string, number>;
};

export type ComponentScore = { key: string; score: number; weight: number };

export type Driver = {
  key: string;
  /** Points this component added to (+) or took from (-) the score since 7 days before. */
  delta: number;
  /** i18n key under health.drivers. */
  reason: string;
  params: Record<string, string | number>;
};

const clamp = (n: number, lo = 0, hi = 100) => Math.min(hi, Math.max(lo, n));
const share = (value: number, target: number) => (target > 0 ? Math.min(1, value / target) : 1);
const smoothed = (good: number, bad: number) =>
  (good + RATIO_PRIOR) / (good + bad + 2 * RATIO_PRIOR);

/** Builds inputs from window counts per rollup type (see app/health/rollup.ts). */
export function inputsFromCounts(input: {
  seats: number;
  activeUsers: number;
  counts: Record<string, number>;
  onboarding: OnboardingHealthInputs | null;
}): HealthInputs {
  const c = (type: string) => input.counts[type] ?? 0;
  let productEvents = 0;
  for (const [type, count] of Object.entries(input.counts)) {
    if (!type.startsWith(PORTAL_TYPE_PREFIX)) productEvents += count;
  }
  return {
    seats: input.seats,
    activeUsers: input.activeUsers,
    productEvents,
    onboarding: input.onboarding,
    helpfulVotes: c(ROLLUP_TYPES.votedHelpful),
    unhelpfulVotes: c(ROLLUP_TYPES.votedUnhelpful),
    searchesFound: c(ROLLUP_TYPES.searchFound),
    searchesNone: c(ROLLUP_TYPES.searchNone),
    searchClicks: c(ROLLUP_TYPES.searchClicked),
    supportAfterReading: c(ROLLUP_TYPES.supportAfterReading),
    topics: c(ROLLUP_TYPES.topicCreated),
    replies: c(ROLLUP_TYPES.replyPosted),
    acceptedAnswers: c(ROLLUP_TYPES.answerAccepted),
    likesReceived: c(ROLLUP_TYPES.likeReceived),
    eventCounts: Object.fromEntries(
      Object.entries(input.counts).filter(([type]) => !type.startsWith(PORTAL_TYPE_PREFIX)),
    ),
  };
}

export function usageScore(i: HealthInputs): number {
  const seats = Math.max(1, i.seats);
  const active = share(i.activeUsers / seats, ACTIVE_SEAT_TARGET);
  const events = share(i.productEvents, PRODUCT_EVENTS_PER_SEAT_TARGET * seats);
  return Math.round(100 * (USAGE_MIX.activeUsers * active + USAGE_MIX.productEvents * events));
}

export function onboardingScore(i: HealthInputs): number {
  const o = i.onboarding;
  if (!o || o.stepsTotal === 0) return 100;
  const score = Math.round(
    100 * (ONBOARDING_MIX.onTime * o.onTime + ONBOARDING_MIX.completion * o.completion),
  );
  return o.stuck ? Math.min(score, ONBOARDING_STUCK_CAP) : score;
}

/** Searches that found and were clicked count for; searches that found nothing count against. */
export function searchSuccess(i: HealthInputs): number {
  const good = Math.min(i.searchClicks, i.searchesFound);
  const bad = i.searchesNone;
  return smoothed(good, bad + (i.searchesFound - good) / 2);
}

export function selfServiceScore(i: HealthInputs): number {
  const votes = smoothed(i.helpfulVotes, i.unhelpfulVotes);
  const base =
    100 * (SELF_SERVICE_MIX.votes * votes + SELF_SERVICE_MIX.searches * searchSuccess(i));
  const penalty = Math.min(
    SUPPORT_AFTER_READING_MAX_PENALTY,
    SUPPORT_AFTER_READING_PENALTY * i.supportAfterReading,
  );
  return Math.round(clamp(base - penalty));
}

export function communityPoints(i: HealthInputs): number {
  return (
    COMMUNITY_POINTS.topics * i.topics +
    COMMUNITY_POINTS.replies * i.replies +
    COMMUNITY_POINTS.acceptedAnswers * i.acceptedAnswers +
    COMMUNITY_POINTS.likesReceived * i.likesReceived
  );
}

export function communityScore(i: HealthInputs): number {
  return Math.round(100 * share(communityPoints(i), COMMUNITY_TARGET_POINTS));
}

export function eventComponentScore(i: HealthInputs, c: ComponentConfig): number {
  const count = c.eventType ? (i.eventCounts[c.eventType] ?? 0) : 0;
  return Math.round(100 * share(count, c.target ?? 1));
}

const BUILTIN_SCORERS: Record<BuiltinComponentKey, (i: HealthInputs) => number> = {
  usage: usageScore,
  onboarding: onboardingScore,
  selfService: selfServiceScore,
  community: communityScore,
};

export function isBuiltinKey(key: string): key is BuiltinComponentKey {
  return (COMPONENT_KEYS as readonly string[]).includes(key);
}

export function componentScores(model: HealthModelConfig, inputs: HealthInputs): ComponentScore[] {
  return model.components.map((c) => ({
    key: c.key,
    weight: c.weight,
    score:
      c.kind === "builtin" && isBuiltinKey(c.key)
        ? BUILTIN_SCORERS[c.key](inputs)
        : eventComponentScore(inputs, c),
  }));
}

/** sum(weight x score) / sum(weights), rounded; 0 when no weight is set. */
export function weightedScore(components: readonly ComponentScore[]): number {
  let total = 0;
  let weights = 0;
  for (const c of components) {
    total += c.weight * c.score;
    weights += c.weight;
  }
  return weights > 0 ? Math.round(total / weights) : 0;
}

export function bandOf(score: number, bands: BandThresholds = DEFAULT_BANDS): Band {
  if (score >= bands.greenFrom) return "green";
  if (score >= bands.yellowFrom) return "yellow";
  return "red";
}

/** Score now minus the score then; null when there is no score to compare with. */
export function trendOf(score: number, before: number | null | undefined): number | null {
  return before == null ? null : score - before;
}

/** Why a component moved, in terms of the inputs that moved with it. */
function reasonFor(
  c: ComponentConfig | undefined,
  key: string,
  now: HealthInputs,
  before: HealthInputs | null,
  direction: "up" | "down",
): Pick<Driver, "reason" | "params"> {
  const b = before;
  switch (key) {
    case "usage":
      if (b && now.activeUsers !== b.activeUsers) {
        return {
          reason: "activeUsers",
          params: { from: b.activeUsers, to: now.activeUsers, seats: now.seats },
        };
      }
      return {
        reason: "productEvents",
        params: { from: b?.productEvents ?? 0, to: now.productEvents },
      };
    case "onboarding": {
      const o = now.onboarding;
      if (o && o.stepsOverdue > 0 && direction === "down") {
        return { reason: "onboardingOverdue", params: { overdue: o.stepsOverdue } };
      }
      if (o?.stuck && direction === "down") return { reason: "onboardingStuck", params: {} };
      return {
        reason: "onboardingProgress",
        params: { done: o?.stepsDone ?? 0, total: o?.stepsTotal ?? 0 },
      };
    }
    case "selfService": {
      const candidates = [
        {
          reason: "searchesFailed",
          change: now.searchesNone - (b?.searchesNone ?? 0),
          params: { from: b?.searchesNone ?? 0, to: now.searchesNone },
          against: true,
        },
        {
          reason: "unhelpfulVotes",
          change: now.unhelpfulVotes - (b?.unhelpfulVotes ?? 0),
          params: { from: b?.unhelpfulVotes ?? 0, to: now.unhelpfulVotes },
          against: true,
        },
        {
          reason: "supportAfterReading",
          change: now.supportAfterReading - (b?.supportAfterReading ?? 0),
          params: { from: b?.supportAfterReading ?? 0, to: now.supportAfterReading },
          against: true,
        },
        {
          reason: "searchesSucceeded",
          change: now.searchClicks - (b?.searchClicks ?? 0),
          params: { from: b?.searchClicks ?? 0, to: now.searchClicks },
          against: false,
        },
        {
          reason: "helpfulVotes",
          change: now.helpfulVotes - (b?.helpfulVotes ?? 0),
          params: { from: b?.helpfulVotes ?? 0, to: now.helpfulVotes },
          against: false,
        },
      ];
      // A fall is explained by more failures or fewer successes; a rise the other way round.
      const signed = candidates.map((x) => ({
        ...x,
        weight: (x.against ? -x.change : x.change) * (direction === "up" ? 1 : -1),
      }));
      signed.sort((x, y) => y.weight - x.weight);
      const best = signed[0]!;
      return { reason: best.reason, params: best.params };
    }
    case "community":
      return {
        reason: "communityActivity",
        params: {
          from: b ? b.topics + b.replies : 0,
          to: now.topics + now.replies,
          accepted: now.acceptedAnswers,
        },
      };
    default: {
      const type = c?.eventType ?? key;
      return {
        reason: "customEvents",
        params: {
          type,
          from: b?.eventCounts[type] ?? 0,
          to: now.eventCounts[type] ?? 0,
          target: c?.target ?? 0,
        },
      };
    }
  }
}

/**
 * Which components moved the score since the earlier computation, biggest first: each driver's
 * delta is the points its component added or took (its score change x its share of the weight).
 */
export function driversOf(input: {
  model: HealthModelConfig;
  now: { components: readonly ComponentScore[]; inputs: HealthInputs };
  before: { components: readonly ComponentScore[]; inputs: HealthInputs | null } | null;
}): Driver[] {
  if (!input.before) return [];
  const totalWeight = input.now.components.reduce((s, c) => s + c.weight, 0);
  if (totalWeight <= 0) return [];
  const previous = new Map(input.before.components.map((c) => [c.key, c.score]));
  const drivers: Driver[] = [];
  for (const c of input.now.components) {
    const was = previous.get(c.key);
    if (was === undefined) continue;
    const delta = Math.round(((c.score - was) * c.weight) / totalWeight);
    if (Math.abs(delta) < DRIVER_MIN_POINTS) continue;
    const config = input.model.components.find((m) => m.key === c.key);
    drivers.push({
      key: c.key,
      delta,
      ...reasonFor(config, c.key, input.now.inputs, input.before.inputs, delta > 0 ? "up" : "down"),
    });
  }
  return drivers.sort(
    (a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.key.localeCompare(b.key),
  );
}

export type HealthResult = {
  score: number;
  band: Band;
  components: ComponentScore[];
  drivers: Driver[];
};

/** The whole computation for one account on one day. */
export function computeHealth(input: {
  model: HealthModelConfig;
  inputs: HealthInputs;
  /** The snapshot of 7 days before, for drivers. */
  before?: { components: readonly ComponentScore[]; inputs: HealthInputs | null } | null;
}): HealthResult {
  const components = componentScores(input.model, input.inputs);
  const score = weightedScore(components);
  return {
    score,
    band: bandOf(score, input.model.bands),
    components,
    drivers: driversOf({
      model: input.model,
      now: { components, inputs: input.inputs },
      before: input.before ?? null,
    }),
  };
}

/** Strong usage near the seat limit, or many active users on a small plan: an upsell lead. */
export function expansionSignal(input: {
  plan: string;
  seats: number;
  activeUsers: number;
}): { reason: "seats" | "smallPlan"; activeUsers: number; seats: number } | null {
  const { plan, seats, activeUsers } = input;
  if (seats > 0 && activeUsers >= Math.ceil(EXPANSION_SEAT_SHARE * seats) && activeUsers >= 2) {
    return { reason: "seats", activeUsers, seats };
  }
  if (SMALL_PLANS.includes(plan) && activeUsers >= EXPANSION_SMALL_PLAN_USERS) {
    return { reason: "smallPlan", activeUsers, seats };
  }
  return null;
}

/** The model a segment uses: its own, else the default. */
export function pickModel(
  models: ReadonlyMap<string, HealthModelConfig>,
  segment: string,
): HealthModelConfig {
  return models.get(segment) ?? models.get("") ?? DEFAULT_MODEL;
}

/** UTC midnight of the day `d` falls in. */
export function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
