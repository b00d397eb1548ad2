import { describe, expect, it } from "vitest";
import {
  accountProgress,
  computeFunnel,
  DAY_MS,
  eventMatchesStep,
  findCycle,
  healthInputsFrom,
  matchesAudience,
  memberProgress,
  parsePropertyMatch,
  stepDueAt,
  stepStatus,
  stuckReason,
  STUCK_NO_PROGRESS_DAYS,
  type RuleStep,
} from "./onboarding-rules";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);

function rule(overrides: Partial<RuleStep> = {}): RuleStep {
  return {
    id: "s1",
    scope: "account",
    completion: "event",
    eventType: "product.report_sent",
    match: {},
    count: 1,
    articleSlugs: [],
    articleKey: null,
    ...overrides,
  };
}

describe("property match", () => {
  it("reads key = value lines and ignores blank lines", () => {
    expect(parsePropertyMatch("kind = weekly\n\n channel=email ")).toEqual({
      ok: true,
      value: { kind: "weekly", channel: "email" },
    });
  });

  it("names the line and the mistake", () => {
    expect(parsePropertyMatch("kind weekly")).toEqual({
      ok: false,
      error: { code: "malformed", line: 1 },
    });
    expect(parsePropertyMatch("ok = 1\n9lives = x")).toEqual({
      ok: false,
      error: { code: "badKey", line: 2, key: "9lives" },
    });
    expect(parsePropertyMatch("kind =")).toMatchObject({ error: { code: "emptyValue" } });
    expect(parsePropertyMatch("a = 1\na = 2")).toMatchObject({
      error: { code: "duplicateKey", line: 2, key: "a" },
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `k${i} = v`).join("\n");
    expect(parsePropertyMatch(eleven)).toMatchObject({ error: { code: "tooMany" } });
  });
});

describe("rule matching", () => {
  it("needs the type and every property, compared as text", () => {
    const step = rule({ match: { kind: "weekly", recipients: "3" } });
    expect(
      eventMatchesStep(step, {
        type: "product.report_sent",
        properties: { kind: "weekly", recipients: 3 },
      }),
    ).toBe(true);
    expect(
      eventMatchesStep(step, { type: "product.report_sent", properties: { kind: "weekly" } }),
    ).toBe(false);
    expect(
      eventMatchesStep(step, {
        type: "product.report_created",
        properties: { kind: "weekly", recipients: 3 },
      }),
    ).toBe(false);
  });

  it("never matches manual steps; article steps match either language version", () => {
    expect(
      eventMatchesStep(rule({ completion: "manual" }), {
        type: "product.report_sent",
        properties: {},
      }),
    ).toBe(false);
    const read = rule({
      completion: "article",
      eventType: null,
      articleKey: "first-report",
      articleSlugs: ["first-report-en", "first-report-ja"],
    });
    expect(
      eventMatchesStep(read, {
        type: "portal.article_viewed",
        properties: { slug: "first-report-ja" },
      }),
    ).toBe(true);
    expect(
      eventMatchesStep(read, { type: "portal.article_viewed", properties: { slug: "other" } }),
    ).toBe(false);
  });
});

describe("cycles", () => {
  it("finds a cycle in the comes-after links and accepts a chain", () => {
    expect(
      findCycle([
        { id: "a", requires: [] },
        { id: "b", requires: ["a"] },
        { id: "c", requires: ["b"] },
      ]),
    ).toBeNull();
    expect(
      findCycle([
        { id: "a", requires: ["c"] },
        { id: "b", requires: ["a"] },
        { id: "c", requires: ["b"] },
      ]),
    ).toEqual(["a", "c", "b"]);
    expect(findCycle([{ id: "a", requires: ["a"] }])).toEqual(["a"]);
  });
});

describe("due dates and status", () => {
  it("counts from the start, or from when a later step was added", () => {
    expect(stepDueAt({ dueDays: 14, createdAt: at(-30) }, T0)).toEqual(at(14));
    expect(stepDueAt({ dueDays: 14, createdAt: at(10) }, T0)).toEqual(at(24));
    expect(stepDueAt({ dueDays: null, createdAt: T0 }, T0)).toBeNull();
  });

  it("is done, overdue, due soon or open", () => {
    expect(stepStatus(at(1), at(0), at(5))).toBe("done");
    expect(stepStatus(null, at(4), at(5))).toBe("overdue");
    expect(stepStatus(null, at(7), at(5))).toBe("due_soon");
    expect(stepStatus(null, at(30), at(5))).toBe("open");
    expect(stepStatus(null, null, at(5))).toBe("open");
  });

  it("gives a member who joined later their own due dates for per-user steps", () => {
    const steps = [
      { id: "acct", scope: "account" as const, dueDays: 7, createdAt: T0 },
      { id: "mine", scope: "user" as const, dueDays: 7, createdAt: T0 },
    ];
    const p = memberProgress({
      steps,
      completions: [],
      member: { id: "u", createdAt: at(20) },
      startedAt: T0,
      now: at(21),
    });
    expect(p.rows.map((r) => r.status)).toEqual(["overdue", "open"]);
    expect(p.rows[1]!.dueAt).toEqual(at(27));
  });
});

describe("stuck and health inputs", () => {
  const steps = [
    { id: "a", scope: "account" as const, dueDays: 3, createdAt: T0 },
    { id: "b", scope: "user" as const, dueDays: 30, createdAt: T0 },
  ];

  it("is stuck with an overdue step, or after days without progress, never when complete", () => {
    const overdue = accountProgress({
      steps,
      completions: [],
      startedAt: T0,
      progressAt: T0,
      now: at(4),
    });
    expect(stuckReason(overdue)).toEqual({ stuck: true, overdue: 1, idleDays: 4 });

    const moving = accountProgress({
      steps,
      completions: [{ stepId: "a", subject: "account", completedAt: at(1) }],
      startedAt: T0,
      progressAt: at(1),
      now: at(1 + STUCK_NO_PROGRESS_DAYS - 1),
    });
    expect(stuckReason(moving).stuck).toBe(false);

    const idle = accountProgress({
      steps,
      completions: [{ stepId: "a", subject: "account", completedAt: at(1) }],
      startedAt: T0,
      progressAt: at(1),
      now: at(1 + STUCK_NO_PROGRESS_DAYS),
    });
    expect(stuckReason(idle).stuck).toBe(true);

    const complete = accountProgress({
      steps,
      completions: [
        { stepId: "a", subject: "account", completedAt: at(1) },
        { stepId: "b", subject: "user-1", completedAt: at(2) },
      ],
      startedAt: T0,
      progressAt: at(2),
      now: at(90),
    });
    expect(complete.complete).toBe(true);
    expect(stuckReason(complete).stuck).toBe(false);
  });

  it("sums steps done, due and overdue for the health score", () => {
    const p = accountProgress({
      steps,
      completions: [],
      startedAt: T0,
      progressAt: T0,
      now: at(4),
    });
    expect(healthInputsFrom([p])).toEqual({
      assignments: 1,
      stepsTotal: 2,
      stepsDone: 0,
      stepsDue: 1,
      stepsOverdue: 1,
      completion: 0,
      onTime: 0,
      stuck: true,
    });
    expect(healthInputsFrom([])).toMatchObject({ completion: 1, onTime: 1, stuck: false });
  });
});

describe("funnel", () => {
  it("counts reached steps, median time from the previous step, and where accounts stopped", () => {
    const reached = (entries: [string, number][]) =>
      new Map(entries.map(([id, d]) => [id, at(d)] as [string, Date]));
    const funnel = computeFunnel(
      ["a", "b", "c"],
      [
        {
          startedAt: T0,
          reached: reached([
            ["a", 1],
            ["b", 3],
            ["c", 4],
          ]),
        },
        {
          startedAt: T0,
          reached: reached([
            ["a", 3],
            ["b", 4],
          ]),
        },
        { startedAt: T0, reached: reached([["a", 5]]) },
        { startedAt: T0, reached: reached([]) },
        // Out of order: c before a; c counts as no time, not negative time.
        {
          startedAt: T0,
          reached: reached([
            ["c", 1],
            ["a", 2],
          ]),
        },
      ],
    );
    expect(funnel.started).toBe(5);
    expect(funnel.completed).toBe(1);
    expect(funnel.rows.map((r) => r.reached)).toEqual([4, 2, 2]);
    expect(funnel.rows.map((r) => r.stalled)).toEqual([1, 2, 1]);
    // a: 1, 3, 5, 2 days -> median 2.5; b: 2, 1 -> 1.5; c: 1, 0 -> 0.5
    expect(funnel.rows.map((r) => r.medianMs! / DAY_MS)).toEqual([2.5, 1.5, 0.5]);
  });
});

describe("audience", () => {
  it("is everyone when empty, otherwise any chosen segment or plan", () => {
    const account = { segment: "tech_touch", plan: "starter" };
    expect(matchesAudience({ segments: [], plans: [] }, account)).toBe(true);
    expect(matchesAudience({ segments: ["tech_touch"], plans: [] }, account)).toBe(true);
    expect(matchesAudience({ segments: ["high_touch"], plans: ["starter"] }, account)).toBe(true);
    expect(matchesAudience({ segments: ["high_touch"], plans: ["team"] }, account)).toBe(false);
  });
});
