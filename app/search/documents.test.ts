import { describe, expect, it } from "vitest";
import { NEUTRAL_HELPFULNESS, topicDocument } from "./documents";

const topic = {
  id: "t1",
  locale: "ja",
  title: "SSO の設定",
  text: "SAML を設定したい",
  answerText: null,
  categorySlug: "security",
  audiencePlans: [],
  tags: ["sso"],
  likeCount: 0,
  viewCount: 12,
  updatedAt: new Date("2026-01-01T00:00:00Z"),
};

describe("topicDocument", () => {
  it("links to the topic page and is open to everyone in an open category", () => {
    const doc = topicDocument(topic);
    expect(doc).toMatchObject({
      id: "topic:t1",
      type: "topic",
      url: "/community/t/t1",
      audience: "all",
      hasAcceptedAnswer: false,
      helpfulness: NEUTRAL_HELPFULNESS,
      popularity: 12,
      extra: "sso",
    });
  });

  it("searches the accepted answer, ranks likes up and keeps plan-only categories restricted", () => {
    const doc = topicDocument({
      ...topic,
      answerText: "IdP のメタデータを登録します",
      likeCount: 3,
      audiencePlans: ["enterprise"],
    });
    expect(doc.extra).toContain("IdP のメタデータ");
    expect(doc.hasAcceptedAnswer).toBe(true);
    expect(doc.helpfulness).toBeGreaterThan(NEUTRAL_HELPFULNESS);
    expect(doc).toMatchObject({ audience: "restricted", plans: ["enterprise"] });
  });
});
