// The Prisma CLI is used only to generate clients and to diff schemas into SQL
// (see docs/decisions/0002-prisma-6-js-engine.md). The JS schema engine needs an adapter.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

process.env.DATABASE_URL ??= "file:./data/portal.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url: ":memory:" });
  },
});
