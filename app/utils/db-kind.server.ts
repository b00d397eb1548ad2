// Which database this process talks to, for the few statements whose SQL differs.
import { providerOf } from "../../prisma/migrate";
import { DEFAULT_DATABASE_URL } from "./env.server";

export function isPostgres(): boolean {
  return providerOf(process.env.DATABASE_URL || DEFAULT_DATABASE_URL) === "postgresql";
}

/** A timestamp parameter for raw SQL: PostgreSQL columns are `timestamp` holding UTC. */
export const pgTimestamp = (d: Date) => d.toISOString();
