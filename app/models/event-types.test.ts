import { describe, expect, it } from "vitest";
import { parseScopes } from "./api-key.server";
import { normalizeEventTypes, parseEventTypeSettings } from "./event-types.server";

describe("event type settings", () => {
  it("reads a stored value and falls back to 'not strict, none known' when it is unreadable", () => {
    expect(parseEventTypeSettings('{"strict":true,"known":["report.created"]}')).toEqual({
      strict: true,
      known: ["report.created"],
    });
    for (const raw of [
      null,
      "not json",
      '{"strict":"yes","known":[]}',
      '{"strict":true,"known":["bad type"]}',
    ]) {
      expect(parseEventTypeSettings(raw)).toEqual({ strict: false, known: [] });
    }
  });

  it("keeps one lower-case spelling of each type, in the order given", () => {
    expect(normalizeEventTypes([" Report.Created ", "user.invited", "report.created", ""])).toEqual(
      ["report.created", "user.invited"],
    );
  });
});

describe("API key scopes", () => {
  it("keeps only known scopes from the stored JSON", () => {
    expect(parseScopes('["events:write","admin:all","health:read"]')).toEqual([
      "events:write",
      "health:read",
    ]);
    expect(parseScopes("{}")).toEqual([]);
    expect(parseScopes("oops")).toEqual([]);
  });
});
