// `npm run content:import [dir]`: migrates the database, then imports the help-center content
// (content/ by default) and prints what changed. `npm run demo` runs it after the seed.
import { migrate } from "../prisma/migrate";
import { formatImportSummary, importContent } from "../app/commands/import-content.server";
import { DEFAULT_DATABASE_URL } from "../app/utils/env.server";
import { disconnectDb } from "../app/utils/db.server";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
process.env.DATABASE_URL = url;
const dir = process.argv[2] ?? "content";

try {
  await migrate(url);
  const started = performance.now();
  const summary = await importContent(dir);
  console.log(`Imported ${dir}/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  console.log(formatImportSummary(summary));
} catch (error) {
  console.error("Content import failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
