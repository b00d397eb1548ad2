import { migrate } from "../prisma/migrate";
import { DEFAULT_DATABASE_URL } from "../app/utils/env.server";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const applied = await migrate(url);
console.log(
  applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.",
);
