import { z } from "zod";

export const DEFAULT_DATABASE_URL = "file:./data/portal.db";

const databaseUrl = z
  .string()
  .regex(
    /^(file:|postgres(ql)?:\/\/)/,
    "must start with file: (SQLite) or postgres:// (PostgreSQL)",
  );

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  DATABASE_URL: databaseUrl.default(DEFAULT_DATABASE_URL),
  /** The portal's public address, used in e-mailed links; cookies are Secure when it is https. */
  APP_URL: z.string().url().optional(),
  /** Trust X-Forwarded-For from a reverse proxy (number of hops, as Express reads it). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  MEILI_URL: z.string().url().optional(),
  MEILI_API_KEY: z.string().min(1).optional(),
  /** smtp:// or smtps:// URL of the mail relay; unset means e-mails are logged, not sent. */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), "must start with smtp:// or smtps://")
    .optional(),
  /** Sender address of every e-mail. */
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
      "must be an address or Name <address>",
    )
    .default("Acme Cloud Support <support@acme.example>"),
  /** Key that signs unsubscribe and newsletter links; generated and kept in the database if unset. */
  EMAIL_TOKEN_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Hour (UTC, 0-23) at which daily and weekly digests go out. */
  DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(8),
  /** 1: webhooks may target http and private or local addresses (tests, on-premises receivers). */
  WEBHOOKS_ALLOW_PRIVATE: z.enum(["0", "1"]).default("0"),
  /**
   * Requests per minute and IP on the cookie-authenticated JSON APIs (search, beacons); see
   * app/utils/api-rate-limit.server.ts. The load benchmark raises it: its 50 clients share one IP.
   */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /**
   * How long a page rendered for a visitor who is not signed in may be served again to the next
   * one (app/utils/page-cache.server.ts); 0 turns the anonymous page cache off.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(10),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string };

export class ConfigError extends Error {
  name = "ConfigError";
}

/** Parses a settings object; throws a ConfigError naming every bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value means "not set", as it does for most twelve-factor apps.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, APP_URL: result.data.APP_URL ?? `http://localhost:${result.data.PORT}` };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
