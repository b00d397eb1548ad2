import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("fills defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("file:./data/portal.db");
    expect(env.APP_URL).toBe("http://localhost:3000");
  });

  it("accepts PostgreSQL URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@h:5432/db" }).DATABASE_URL).toMatch(/^postgres/);
  });

  it("names every bad setting in one message", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", MEILI_URL: "not a url" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("PORT");
    expect(message).toContain(
      "DATABASE_URL: must start with file: (SQLite) or postgres:// (PostgreSQL)",
    );
    expect(message).toContain("MEILI_URL");
  });
});

describe("mail settings", () => {
  it("accepts smtp URLs and a sender with a name, and refuses other schemes", () => {
    const env = parseEnv({
      SMTP_URL: "smtp://mail.example:2525",
      MAIL_FROM: "Support <s@x.example>",
    });
    expect(env.SMTP_URL).toBe("smtp://mail.example:2525");
    expect(env.MAIL_FROM).toBe("Support <s@x.example>");
    expect(env.DIGEST_HOUR_UTC).toBe(8);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example" })).toThrow(
      "SMTP_URL: must start with smtp:// or smtps://",
    );
    expect(() => parseEnv({ MAIL_FROM: "not an address" })).toThrow("MAIL_FROM");
    expect(() => parseEnv({ EMAIL_TOKEN_SECRET: "short" })).toThrow("EMAIL_TOKEN_SECRET");
    expect(() => parseEnv({ DIGEST_HOUR_UTC: "24" })).toThrow("DIGEST_HOUR_UTC");
  });
});
