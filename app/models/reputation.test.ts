import { describe, expect, it } from "vitest";
import {
  BADGE_KEYS,
  computeReputation,
  computeTrustLevel,
  countLinks,
  earnedBadges,
  postingLimits,
  retryAfterSeconds,
  TRUST_THRESHOLDS,
  trustLevelName,
  type CommunityFacts,
} from "./reputation";

const NONE: CommunityFacts = {
  postsMade: 0,
  likesReceived: 0,
  helpfulPosts: 0,
  acceptedAnswers: 0,
  ideaVotesReceived: 0,
  ideasShipped: 0,
  topicsRead: 0,
  daysSinceJoined: 0,
};
const facts = (over: Partial<CommunityFacts>): CommunityFacts => ({ ...NONE, ...over });

describe("computeReputation", () => {
  it("is zero without facts", () => {
    expect(computeReputation(NONE)).toBe(0);
  });

  it("weighs accepted answers 15, likes 2, helpful posts 10 and idea votes 1", () => {
    expect(computeReputation(facts({ acceptedAnswers: 1 }))).toBe(15);
    expect(computeReputation(facts({ likesReceived: 1 }))).toBe(2);
    expect(computeReputation(facts({ helpfulPosts: 1 }))).toBe(10);
    expect(computeReputation(facts({ ideaVotesReceived: 1 }))).toBe(1);
    // 3 * 15 + 12 * 2 + 1 * 10 + 4 * 1
    expect(
      computeReputation(
        facts({ acceptedAnswers: 3, likesReceived: 12, helpfulPosts: 1, ideaVotesReceived: 4 }),
      ),
    ).toBe(83);
  });

  it("gives nothing for posting, reading or time alone", () => {
    expect(computeReputation(facts({ postsMade: 40, topicsRead: 90, daysSinceJoined: 400 }))).toBe(
      0,
    );
  });
});

describe("earnedBadges", () => {
  it("earns nothing without facts", () => {
    expect(earnedBadges(NONE)).toEqual([]);
  });

  it("awards the first-time badges at one", () => {
    expect(
      earnedBadges(facts({ postsMade: 1, likesReceived: 1, acceptedAnswers: 1, helpfulPosts: 1 })),
    ).toEqual(["first_post", "first_like", "first_answer", "helpful_post"]);
  });

  it("awards 'helped 10 people' at ten accepted answers, not nine", () => {
    expect(earnedBadges(facts({ acceptedAnswers: 9 }))).not.toContain("helped_10");
    expect(earnedBadges(facts({ acceptedAnswers: 10 }))).toContain("helped_10");
  });

  it("awards 50 likes and a shipped idea", () => {
    expect(earnedBadges(facts({ likesReceived: 49 }))).not.toContain("liked_50");
    expect(earnedBadges(facts({ likesReceived: 50 }))).toContain("liked_50");
    expect(earnedBadges(facts({ ideasShipped: 1 }))).toEqual(["idea_shipped"]);
  });

  it("lists badges in display order, each once", () => {
    const all = earnedBadges(
      facts({
        postsMade: 99,
        likesReceived: 99,
        acceptedAnswers: 99,
        helpfulPosts: 9,
        ideasShipped: 2,
      }),
    );
    expect(all).toEqual(BADGE_KEYS);
  });
});

describe("computeTrustLevel", () => {
  const member = facts(TRUST_THRESHOLDS[1]);
  const regular = facts(TRUST_THRESHOLDS[2]);
  const leader = facts(TRUST_THRESHOLDS[3]);

  it("starts new", () => {
    expect(computeTrustLevel(NONE, 0, false)).toBe(0);
  });

  it("promotes when every figure of a level is reached", () => {
    expect(computeTrustLevel(member, 0, false)).toBe(1);
    expect(computeTrustLevel(regular, 0, false)).toBe(2);
    expect(computeTrustLevel(leader, 0, false)).toBe(3);
  });

  it("needs every figure: one short keeps the lower level", () => {
    expect(computeTrustLevel({ ...member, daysSinceJoined: 0 }, 0, false)).toBe(0);
    expect(computeTrustLevel({ ...member, topicsRead: 4 }, 0, false)).toBe(0);
    expect(computeTrustLevel({ ...member, postsMade: 1 }, 0, false)).toBe(0);
    expect(computeTrustLevel({ ...regular, likesReceived: 4 }, 0, false)).toBe(1);
    expect(computeTrustLevel({ ...leader, acceptedAnswers: 4 }, 0, false)).toBe(2);
  });

  it("never demotes", () => {
    expect(computeTrustLevel(NONE, 2, false)).toBe(2);
    expect(computeTrustLevel(member, 3, false)).toBe(3);
  });

  it("trusts staff fully", () => {
    expect(computeTrustLevel(NONE, 0, true)).toBe(3);
  });

  it("names the levels", () => {
    expect([0, 1, 2, 3].map(trustLevelName)).toEqual(["new", "member", "regular", "leader"]);
    expect(trustLevelName(7)).toBe("leader");
  });
});

describe("postingLimits", () => {
  it("limits new users and lifts the limits with trust", () => {
    expect(postingLimits(0)).toEqual({ postsPerHour: 3, linksPerPost: 2, heldUntilApproved: 2 });
    expect(postingLimits(1)).toEqual({ postsPerHour: 20, linksPerPost: 10, heldUntilApproved: 0 });
    expect(postingLimits(2).postsPerHour).toBe(Number.POSITIVE_INFINITY);
    expect(postingLimits(3).linksPerPost).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("retryAfterSeconds", () => {
  const now = new Date("2026-05-01T12:00:00Z");
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

  it("allows a post under the limit", () => {
    expect(retryAfterSeconds([minutesAgo(10), minutesAgo(5)], 3, now)).toBeNull();
  });

  it("waits until the oldest post of a full window leaves it", () => {
    // Posts 50, 20 and 5 minutes ago: the one from 50 minutes ago leaves in 10 minutes.
    expect(retryAfterSeconds([minutesAgo(5), minutesAgo(50), minutesAgo(20)], 3, now)).toBe(600);
  });

  it("counts from the post that brings the window back under the limit", () => {
    // Four posts, limit 3: after the two oldest (55 and 40 minutes ago) leave, two remain.
    const recent = [minutesAgo(55), minutesAgo(40), minutesAgo(30), minutesAgo(1)];
    expect(retryAfterSeconds(recent, 3, now)).toBe(20 * 60);
  });

  it("never answers less than a second", () => {
    expect(retryAfterSeconds([minutesAgo(60)], 1, now)).toBe(1);
  });
});

describe("countLinks", () => {
  it("counts Markdown links and images", () => {
    expect(countLinks("See [the guide](https://example.com/guide) and ![x](/img.png).")).toBe(2);
    expect(countLinks('[title](https://example.com "Title")')).toBe(1);
  });

  it("counts bare URLs and www addresses", () => {
    expect(countLinks("Go to https://example.com/a?b=c, then www.example.org.")).toBe(2);
  });

  it("counts autolinks and reference definitions", () => {
    expect(countLinks("Mail <mailto:a@example.com> or <https://example.com>")).toBe(2);
    expect(countLinks("Read [the docs][docs].\n\n[docs]: https://example.com/docs")).toBe(1);
  });

  it("does not count a Markdown link's URL twice", () => {
    expect(countLinks("[https://example.com](https://example.com)")).toBe(1);
  });

  it("ignores code and plain text", () => {
    expect(countLinks("Run `curl https://example.com` first.")).toBe(0);
    expect(countLinks("```\nhttps://example.com\nhttps://example.org\n```\nplain text")).toBe(0);
    expect(countLinks("No links here, just an e-mail like taro@example.com.")).toBe(0);
  });
});
