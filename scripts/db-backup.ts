// npm run db:backup [-- <file>]    copy the SQLite database (online; the portal may keep running)
// npm run db:restore -- <file>     replace the SQLite database with a backup (stop the portal first)
// PostgreSQL: pg_dump / pg_restore, see README.md ("Backups").
import path from "node:path";
import { DEFAULT_DATABASE_URL } from "../app/utils/env.server";
import { BackupError, backupSqlite, restoreSqlite } from "../prisma/backup";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const [command, file] = process.argv.slice(2);

try {
  if (command === "backup") {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const target = file ?? path.join("data/backups", `portal-${stamp}.db`);
    await backupSqlite(url, target);
    console.log(`Backed up to ${target}`);
  } else if (command === "restore" && file) {
    await restoreSqlite(file, url);
    console.log(`Restored ${file}; start the portal again.`);
  } else {
    console.error("Usage: npm run db:backup [-- <file>]  |  npm run db:restore -- <file>");
    process.exit(2);
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
