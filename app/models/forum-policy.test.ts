import { describe, expect, it } from "vitest";
import {
  canVoteIdea,
  editNeedsReason,
  pageCount,
  pageOfPost,
  parseMentions,
  quoteBody,
  type ForumViewer,
} from "./forum-policy";

const member: ForumViewer = {
  id: "u1",
  role: "member",
  accountId: "a1",
  account: { plan: "team" },
  suspendedUntil: null,
};
const cs: ForumViewer = { ...member, id: "s1", role: "cs", accountId: null, account: null };
const everyone = { audiencePlans: "[]" };

describe("parseMentions", () => {
  it("finds each @handle once, lower-cased, in order", () => {
    expect(parseMentions("Thanks @Hanako and @taro_1! cc @hanako")).toEqual(["hanako", "taro_1"]);
  });

  it("ignores e-mail addresses and code", () => {
    const body = "Mail taro@example.com or run `npm i @scope/pkg`\n\n```\n@decorator\n```\n@real";
    expect(parseMentions(body)).toEqual(["real"]);
  });
});

describe("quoteBody", () => {
  it("quotes every line, keeping blank lines inside the quote", () => {
    expect(quoteBody("First\n\nSecond\n")).toBe("> First\n>\n> Second\n\n");
  });
});

describe("pages of a topic", () => {
  it("puts the 31st post on page 2 and never reports zero pages", () => {
    expect(pageOfPost(0, 30)).toBe(1);
    expect(pageOfPost(29, 30)).toBe(1);
    expect(pageOfPost(30, 30)).toBe(2);
    expect(pageCount(0, 30)).toBe(1);
    expect(pageCount(61, 30)).toBe(3);
  });
});

describe("idea votes", () => {
  const idea = {
    kind: "idea",
    authorId: "someone",
    state: "visible",
    locked: false,
    category: everyone,
  };

  it("lets others vote on visible ideas, but not the author, the suspended or on questions", () => {
    expect(canVoteIdea(member, idea)).toBe(true);
    expect(canVoteIdea(member, { ...idea, authorId: "u1" })).toBe(false);
    expect(canVoteIdea(member, { ...idea, kind: "question" })).toBe(false);
    expect(canVoteIdea(null, idea)).toBe(false);
    const suspended = { ...member, suspendedUntil: new Date(Date.now() + 60_000) };
    expect(canVoteIdea(suspended, idea)).toBe(false);
    expect(canVoteIdea(member, { ...idea, category: { audiencePlans: '["enterprise"]' } })).toBe(
      false,
    );
  });
});

describe("editNeedsReason", () => {
  it("asks staff for a reason on others' posts only", () => {
    expect(editNeedsReason(cs, { authorId: "u1", state: "visible" })).toBe(true);
    expect(editNeedsReason(cs, { authorId: "s1", state: "visible" })).toBe(false);
    expect(editNeedsReason(member, { authorId: "u1", state: "visible" })).toBe(false);
  });
});
