// The rules of onboarding checklists as pure functions: which event completes which step, due
// dates and statuses, the funnel, stuck detection and the health inputs. No database here, so
// every rule is unit-tested (onboarding-rules.test.ts); the *.server.ts files feed it rows.
import { PORTAL_EVENT_TYPES } from "./event-types";

export const STEP_SCOPES = ["user", "account"] as const;
export type StepScope = (typeof STEP_SCOPES)[number];
/** manual: ticked by the customer; article: opening the linked article; event: an event type. */
export const COMPLETION_KINDS = ["manual", "article", "event"] as const;
export type CompletionKind = (typeof COMPLETION_KINDS)[number];
export const TEMPLATE_STATUSES = ["draft", "published", "archived"] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/**
 * The product's event types that checklists may wait for. The events API (health issue) accepts
 * any type; a step may only name one of these or a portal event, so a typo cannot make a step
 * that never completes.
 */
export const PRODUCT_EVENT_TYPES = [
  "product.project_created",
  "product.task_created",
  "product.report_created",
  "product.report_sent",
  "product.user_invited",
  "product.integration_connected",
  "product.dashboard_created",
] as const;
export const KNOWN_EVENT_TYPES: readonly string[] = [...PRODUCT_EVENT_TYPES, ...PORTAL_EVENT_TYPES];

/** The subject of an account-level completion (per-user completions use the user's id). */
export const ACCOUNT_SUBJECT = "account";
/** A step may wait for at most this many events (each counted event id is kept, see StepProgress). */
export const MAX_EVENT_COUNT = 100;
export const MAX_PROPERTY_PAIRS = 10;
export const PROPERTY_VALUE_MAX_LENGTH = 200;
export const MAX_DUE_DAYS = 365;
/** An onboarding that has not moved for this many days is stuck (as are overdue steps). */
export const STUCK_NO_PROGRESS_DAYS = 7;
/** A step due within this many days is shown as "due soon". */
export const DUE_SOON_DAYS = 3;
export const DAY_MS = 24 * 60 * 60 * 1000;

const PROPERTY_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export type PropertyMatchError =
  | { code: "malformed"; line: number }
  | { code: "badKey"; line: number; key: string }
  | { code: "emptyValue"; line: number; key: string }
  | { code: "valueTooLong"; line: number; key: string }
  | { code: "duplicateKey"; line: number; key: string }
  | { code: "tooMany" };

/** Parses "key = value" lines (blank lines ignored) into an object, or names the first mistake. */
export function parsePropertyMatch(
  text: string,
): { ok: true; value: Record<string, string> } | { ok: false; error: PropertyMatchError } {
  const value: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  let pairs = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const line = i + 1;
    const eq = raw.indexOf("=");
    if (eq <= 0) return { ok: false, error: { code: "malformed", line } };
    const key = raw.slice(0, eq).trim();
    const val = raw.slice(eq + 1).trim();
    if (!PROPERTY_KEY.test(key)) return { ok: false, error: { code: "badKey", line, key } };
    if (!val) return { ok: false, error: { code: "emptyValue", line, key } };
    if (val.length > PROPERTY_VALUE_MAX_LENGTH) {
      return { ok: false, error: { code: "valueTooLong", line, key } };
    }
    if (Object.hasOwn(value, key)) return { ok: false, error: { code: "duplicateKey", line, key } };
    pairs += 1;
    if (pairs > MAX_PROPERTY_PAIRS) return { ok: false, error: { code: "tooMany" } };
    value[key] = val;
  }
  return { ok: true, value };
}

export function formatPropertyMatch(match: Record<string, string>): string {
  return Object.entries(match)
    .map(([k, v]) => `${k} = ${v}`)
    .join("\n");
}

/** The ids of one cycle in the "comes after" graph, in order, or null when there is none. */
export function findCycle(steps: { id: string; requires: readonly string[] }[]): string[] | null {
  const edges = new Map(steps.map((s) => [s.id, s.requires]));
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === "done") return null;
    if (state.get(id) === "visiting") return path.slice(path.indexOf(id));
    state.set(id, "visiting");
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      if (!edges.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, "done");
    return null;
  };
  for (const s of steps) {
    const cycle = visit(s.id);
    if (cycle) return cycle;
  }
  return null;
}

/** What the event matcher needs of a step. */
export type RuleStep = {
  id: string;
  scope: StepScope;
  completion: CompletionKind;
  eventType: string | null;
  match: Record<string, string>;
  count: number;
  /** Slugs of the linked article's language versions (completion "article"). */
  articleSlugs: readonly string[];
  articleKey: string | null;
};

export type RuleEvent = {
  type: string;
  properties: Record<string, unknown>;
};

export const ARTICLE_VIEWED = "portal.article_viewed";

/** The event type a step waits for, or null for manual steps. */
export function stepEventType(step: Pick<RuleStep, "completion" | "eventType">): string | null {
  if (step.completion === "article") return ARTICLE_VIEWED;
  if (step.completion === "event") return step.eventType;
  return null;
}

export function eventMatchesStep(step: RuleStep, event: RuleEvent): boolean {
  if (step.completion === "manual") return false;
  if (event.type !== stepEventType(step)) return false;
  if (step.completion === "article") {
    const p = event.properties;
    return (
      (step.articleKey !== null && p.translationKey === step.articleKey) ||
      (typeof p.slug === "string" && step.articleSlugs.includes(p.slug))
    );
  }
  for (const [key, expected] of Object.entries(step.match)) {
    const actual = event.properties[key];
    if (actual === undefined || actual === null || String(actual) !== expected) return false;
  }
  return true;
}

export type StepStatus = "done" | "overdue" | "due_soon" | "open";

/** Steps added after the start are due counted from when they were added, never in the past. */
export function stepDueAt(
  step: { dueDays: number | null; createdAt: Date },
  start: Date,
): Date | null {
  if (step.dueDays === null) return null;
  const base = Math.max(start.getTime(), step.createdAt.getTime());
  return new Date(base + step.dueDays * DAY_MS);
}

export function stepStatus(doneAt: Date | null, dueAt: Date | null, now: Date): StepStatus {
  if (doneAt) return "done";
  if (!dueAt) return "open";
  if (dueAt.getTime() < now.getTime()) return "overdue";
  if (dueAt.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS) return "due_soon";
  return "open";
}

export type ProgressStep = {
  id: string;
  scope: StepScope;
  dueDays: number | null;
  createdAt: Date;
};
export type ProgressMember = { id: string; createdAt: Date };
export type ProgressCompletion = { stepId: string; subject: string; completedAt: Date };

/**
 * When the account reached each step: account steps when done, per-user steps when the first
 * member did them. Completions of steps no longer in the list are ignored.
 */
export function accountReached(
  steps: readonly ProgressStep[],
  completions: readonly ProgressCompletion[],
): Map<string, Date> {
  const ids = new Set(steps.map((s) => s.id));
  const reached = new Map<string, Date>();
  for (const c of completions) {
    if (!ids.has(c.stepId)) continue;
    const prev = reached.get(c.stepId);
    if (!prev || c.completedAt < prev) reached.set(c.stepId, c.completedAt);
  }
  return reached;
}

/** The account-level state of one assignment: what CS, stuck detection and health read. */
export function accountProgress(input: {
  steps: readonly ProgressStep[];
  completions: readonly ProgressCompletion[];
  startedAt: Date;
  progressAt: Date;
  now: Date;
}) {
  const reached = accountReached(input.steps, input.completions);
  const rows = input.steps.map((s) => {
    const doneAt = reached.get(s.id) ?? null;
    const dueAt = stepDueAt(s, input.startedAt);
    return { stepId: s.id, doneAt, dueAt, status: stepStatus(doneAt, dueAt, input.now) };
  });
  const done = rows.filter((r) => r.doneAt).length;
  // The idle clock runs from the start (progressAt) or the latest completion, whichever is later.
  let lastProgressAt = input.progressAt.getTime();
  for (const c of input.completions) {
    const at = Math.min(c.completedAt.getTime(), input.now.getTime());
    if (at > lastProgressAt) lastProgressAt = at;
  }
  return {
    rows,
    total: rows.length,
    done,
    lastProgressAt: new Date(lastProgressAt),
    due: rows.filter((r) => r.dueAt && r.dueAt <= input.now).length,
    overdue: rows.filter((r) => r.status === "overdue").length,
    complete: rows.length > 0 && done === rows.length,
    idleDays: Math.floor((input.now.getTime() - lastProgressAt) / DAY_MS),
  };
}

/** One member's own list: the account steps plus their per-user steps, due from when they joined. */
export function memberProgress(input: {
  steps: readonly ProgressStep[];
  completions: readonly ProgressCompletion[];
  member: ProgressMember;
  startedAt: Date;
  now: Date;
}) {
  const rows = input.steps.map((s) => {
    const subject = s.scope === "account" ? ACCOUNT_SUBJECT : input.member.id;
    const completion = input.completions.find((c) => c.stepId === s.id && c.subject === subject);
    const doneAt = completion?.completedAt ?? null;
    const start =
      s.scope === "user" && input.member.createdAt > input.startedAt
        ? input.member.createdAt
        : input.startedAt;
    const dueAt = stepDueAt(s, start);
    return { stepId: s.id, doneAt, dueAt, status: stepStatus(doneAt, dueAt, input.now) };
  });
  const done = rows.filter((r) => r.doneAt).length;
  return { rows, total: rows.length, done, complete: rows.length > 0 && done === rows.length };
}

export type StuckReason = { stuck: boolean; overdue: number; idleDays: number };

/** Stuck: not complete, and a step overdue or no step done for STUCK_NO_PROGRESS_DAYS. */
export function stuckReason(progress: ReturnType<typeof accountProgress>): StuckReason {
  const idle = progress.idleDays >= STUCK_NO_PROGRESS_DAYS;
  return {
    stuck: !progress.complete && (progress.overdue > 0 || idle),
    overdue: progress.overdue,
    idleDays: progress.idleDays,
  };
}

export type FunnelAssignment = { startedAt: Date; reached: ReadonlyMap<string, Date> };
export type FunnelRow = {
  stepId: string;
  reached: number;
  /** Median time to this step from the latest earlier step reached (or the start); null if none. */
  medianMs: number | null;
  /** Accounts whose first step not reached is this one. */
  stalled: number;
};

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The funnel of one template over its ordered steps. */
export function computeFunnel(
  stepIds: readonly string[],
  assignments: readonly FunnelAssignment[],
): { started: number; completed: number; rows: FunnelRow[] } {
  const rows: FunnelRow[] = stepIds.map((stepId) => ({
    stepId,
    reached: 0,
    medianMs: null,
    stalled: 0,
  }));
  const durations: number[][] = stepIds.map(() => []);
  let completed = 0;
  for (const a of assignments) {
    let previous = a.startedAt.getTime();
    let stalledCounted = false;
    stepIds.forEach((id, i) => {
      const at = a.reached.get(id);
      if (at) {
        rows[i]!.reached += 1;
        // Out-of-order completions count as no time rather than negative time.
        durations[i]!.push(Math.max(0, at.getTime() - previous));
        previous = Math.max(previous, at.getTime());
      } else if (!stalledCounted) {
        rows[i]!.stalled += 1;
        stalledCounted = true;
      }
    });
    if (!stalledCounted && stepIds.length) completed += 1;
  }
  rows.forEach((row, i) => (row.medianMs = median(durations[i]!)));
  return { started: assignments.length, completed, rows };
}

/** What the health score (issue #7) reads of an account's onboarding. */
export type OnboardingHealthInputs = {
  assignments: number;
  stepsTotal: number;
  stepsDone: number;
  /** Steps whose due date has passed (done or not). */
  stepsDue: number;
  /** Steps whose due date has passed and that are not done. */
  stepsOverdue: number;
  /** Done share of all steps, 0..1; 1 when nothing is assigned. */
  completion: number;
  /** Done share of the steps already due, 0..1; 1 when none is due yet. */
  onTime: number;
  stuck: boolean;
};

export function healthInputsFrom(
  progresses: readonly ReturnType<typeof accountProgress>[],
): OnboardingHealthInputs {
  let stepsTotal = 0;
  let stepsDone = 0;
  let stepsDue = 0;
  let stepsOverdue = 0;
  let stuck = false;
  for (const p of progresses) {
    stepsTotal += p.total;
    stepsDone += p.done;
    stepsDue += p.due;
    stepsOverdue += p.overdue;
    stuck ||= stuckReason(p).stuck;
  }
  return {
    assignments: progresses.length,
    stepsTotal,
    stepsDone,
    stepsDue,
    stepsOverdue,
    completion: stepsTotal ? stepsDone / stepsTotal : 1,
    onTime: stepsDue ? (stepsDue - stepsOverdue) / stepsDue : 1,
    stuck,
  };
}

/** Audience: empty lists mean everyone; otherwise any chosen segment or any chosen plan. */
export function matchesAudience(
  audience: { segments: readonly string[]; plans: readonly string[] },
  account: { segment: string; plan: string },
): boolean {
  if (!audience.segments.length && !audience.plans.length) return true;
  return audience.segments.includes(account.segment) || audience.plans.includes(account.plan);
}

export function parseJsonArray(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export function parseJsonObject(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
  } catch {
    return {};
  }
}
