import { describe, expect, it } from "vitest";
import {
  bandOf,
  computeHealth,
  DEFAULT_BANDS,
  DEFAULT_MODEL,
  expansionSignal,
  inputsFromCounts,
  trendOf,
  weightedScore,
  type HealthInputs,
} from "./model";
import { ROLLUP_TYPES } from "./rollup";
import { validateHealthModel } from "./validate";

/** An account with known inputs; the expected numbers are worked out in the comments. */
function knownInputs(overrides: Partial<HealthInputs> = {}): HealthInputs {
  return {
    ...inputsFromCounts({
      seats: 10,
      activeUsers: 7,
      counts: {
        "report.created": 60,
        "report.shared": 40,
        [ROLLUP_TYPES.votedHelpful]: 3,
        [ROLLUP_TYPES.votedUnhelpful]: 1,
        [ROLLUP_TYPES.searchFound]: 6,
        [ROLLUP_TYPES.searchClicked]: 4,
        [ROLLUP_TYPES.searchNone]: 2,
        [ROLLUP_TYPES.supportAfterReading]: 1,
        [ROLLUP_TYPES.topicCreated]: 2,
        [ROLLUP_TYPES.replyPosted]: 5,
        [ROLLUP_TYPES.answerAccepted]: 1,
        [ROLLUP_TYPES.likeReceived]: 4,
        "portal.signed_in": 30,
      },
      onboarding: {
        assignments: 1,
        stepsTotal: 10,
        stepsDone: 5,
        stepsDue: 4,
        stepsOverdue: 1,
        completion: 0.5,
        onTime: 0.75,
        stuck: false,
      },
    }),
    ...overrides,
  };
}

describe("computeHealth", () => {
  it("scores an account with known inputs exactly", () => {
    const result = computeHealth({ model: DEFAULT_MODEL, inputs: knownInputs() });
    // usage: 7/10 active = the 70 % target (1.0) x 0.6 + 100 of 200 product events (0.5) x 0.4 = 80
    // onboarding: on time 0.75 x 0.6 + done 0.5 x 0.4 = 65
    // self-service: votes (3+1)/(4+2) x 0.4 + searches (4+1)/(4+3+2) x 0.6 = 60, minus 8 for one
    //   support request after reading = 52
    // community: 2 topics x 3 + 5 replies x 2 + 1 accepted x 5 + 4 likes = 25 of 30 points = 83
    expect(result.components).toEqual([
      { key: "usage", score: 80, weight: 40 },
      { key: "onboarding", score: 65, weight: 20 },
      { key: "selfService", score: 52, weight: 20 },
      { key: "community", score: 83, weight: 20 },
    ]);
    // (40 x 80 + 20 x 65 + 20 x 52 + 20 x 83) / 100 = 72
    expect(result.score).toBe(72);
    expect(result.band).toBe("yellow");
    expect(result.drivers).toEqual([]);
  });

  it("counts self-service failures against health", () => {
    const good = computeHealth({ model: DEFAULT_MODEL, inputs: knownInputs() });
    const bad = computeHealth({
      model: DEFAULT_MODEL,
      inputs: knownInputs({ searchesNone: 20, unhelpfulVotes: 10, supportAfterReading: 5 }),
    });
    const selfService = (r: typeof good) =>
      r.components.find((c) => c.key === "selfService")!.score;
    expect(selfService(bad)).toBeLessThan(selfService(good));
    // votes 4/16 x 0.4 = 0.1, searches 5/25 x 0.6 = 0.12 -> 22, minus the 40 cap -> 0
    expect(selfService(bad)).toBe(0);
  });

  it("scores a custom event component against its target", () => {
    const model = {
      components: [
        { key: "usage", weight: 50, kind: "builtin" as const },
        {
          key: "reports",
          weight: 50,
          kind: "event" as const,
          eventType: "report.created",
          target: 120,
        },
      ],
      bands: DEFAULT_BANDS,
    };
    const result = computeHealth({ model, inputs: knownInputs() });
    // 60 of 120 reports = 50; (80 + 50) / 2 = 65
    expect(result.components[1]).toEqual({ key: "reports", score: 50, weight: 50 });
    expect(result.score).toBe(65);
  });

  it("explains what moved the score since 7 days before", () => {
    const before = knownInputs({ activeUsers: 3 });
    const beforeResult = computeHealth({ model: DEFAULT_MODEL, inputs: before });
    // usage then: 0.3/0.7 x 0.6 + 0.2 = 0.457 -> 46
    expect(beforeResult.components[0]!.score).toBe(46);
    const now = computeHealth({
      model: DEFAULT_MODEL,
      inputs: knownInputs({ searchesNone: 12 }),
      before: { components: beforeResult.components, inputs: before },
    });
    // usage +34 x 40 % = +14 points; self-service: searches 5/(4+13+2)... falls 60->42 -> -4 points
    expect(now.drivers[0]).toEqual({
      key: "usage",
      delta: 14,
      reason: "activeUsers",
      params: { from: 3, to: 7, seats: 10 },
    });
    expect(now.drivers[1]).toMatchObject({
      key: "selfService",
      reason: "searchesFailed",
      params: { from: 2, to: 12 },
    });
    expect(now.drivers[1]!.delta).toBeLessThan(0);
  });
});

describe("bands and trend", () => {
  it("puts scores in bands at the thresholds (red < 50, green > 75)", () => {
    expect(bandOf(49)).toBe("red");
    expect(bandOf(50)).toBe("yellow");
    expect(bandOf(75)).toBe("yellow");
    expect(bandOf(76)).toBe("green");
    expect(bandOf(60, { yellowFrom: 40, greenFrom: 60 })).toBe("green");
  });

  it("is the difference to the earlier score, or null without one", () => {
    expect(trendOf(62, 74)).toBe(-12);
    expect(trendOf(62, null)).toBeNull();
  });

  it("weights components and rounds", () => {
    expect(
      weightedScore([
        { key: "a", score: 33, weight: 1 },
        { key: "b", score: 34, weight: 2 },
      ]),
    ).toBe(34);
    expect(weightedScore([])).toBe(0);
  });
});

describe("expansionSignal", () => {
  it("fires near the seat limit or with many users on a small plan", () => {
    expect(expansionSignal({ plan: "business", seats: 10, activeUsers: 9 })).toEqual({
      reason: "seats",
      activeUsers: 9,
      seats: 10,
    });
    expect(expansionSignal({ plan: "business", seats: 10, activeUsers: 8 })).toBeNull();
    expect(expansionSignal({ plan: "team", seats: 50, activeUsers: 20 })?.reason).toBe("smallPlan");
    expect(expansionSignal({ plan: "enterprise", seats: 50, activeUsers: 20 })).toBeNull();
  });
});

describe("validateHealthModel", () => {
  const known = new Set(["report.created"]);
  const codes = (m: Parameters<typeof validateHealthModel>[0]) =>
    validateHealthModel(m, known).map((e) => `${e.path}:${e.code}`);

  it("accepts the default model", () => {
    expect(validateHealthModel(DEFAULT_MODEL, known)).toEqual([]);
  });

  it("requires whole weights summing to 100", () => {
    const model = {
      ...DEFAULT_MODEL,
      components: DEFAULT_MODEL.components.map((c, i) => (i === 0 ? { ...c, weight: 30 } : c)),
    };
    expect(validateHealthModel(model, known)).toEqual([
      { path: "weights", code: "weightsSum", params: { sum: 90, total: 100 } },
    ]);
    const fractional = {
      ...DEFAULT_MODEL,
      components: DEFAULT_MODEL.components.map((c, i) => (i === 0 ? { ...c, weight: 39.5 } : c)),
    };
    expect(codes(fractional)).toEqual(["components.0.weight:weightInvalid"]);
  });

  it("rejects duplicate keys, unknown event types and bad targets", () => {
    expect(
      codes({
        bands: DEFAULT_BANDS,
        components: [
          { key: "usage", weight: 50, kind: "builtin" },
          { key: "usage", weight: 20, kind: "builtin" },
          { key: "exports", weight: 30, kind: "event", eventType: "export.done", target: 0 },
        ],
      }),
    ).toEqual([
      "components.1.key:duplicateKey",
      "components.2.eventType:eventTypeUnknown",
      "components.2.target:targetInvalid",
    ]);
  });

  it("rejects overlapping or out-of-range band thresholds", () => {
    expect(codes({ ...DEFAULT_MODEL, bands: { yellowFrom: 70, greenFrom: 70 } })).toEqual([
      "bands.greenFrom:bandsOrder",
    ]);
    expect(codes({ ...DEFAULT_MODEL, bands: { yellowFrom: 0, greenFrom: 101 } })).toEqual([
      "bands.yellowFrom:bandInvalid",
      "bands.greenFrom:bandInvalid",
    ]);
  });
});
