// `npm run seed`: migrates the database and loads the demo data (safe to run again: an already
// seeded database keeps its data and only gets its demo logins checked).
// With DEMO_SUMMARY_FILE set (scripts/demo.mjs does), the summary and the demo logins are also
// written there as JSON, so that the plain-JavaScript demo runner can print them.
import { writeFileSync } from "node:fs";
import { migrate } from "../prisma/migrate";
import { DEFAULT_DATABASE_URL } from "../app/utils/env.server";
import { disconnectDb } from "../app/utils/db.server";
import { DEMO_LOGINS, seedDemo } from "./seed/demo-data";
import { seedCommunityData } from "./seed/community-data";
import { seedSearchData } from "./seed/search-data";
import { seedOnboardingData } from "./seed/onboarding-data";
import { seedHealthHistory } from "./seed/health-data";
import { seedAccountHistory } from "./seed/history-data";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
// The Prisma client reads the same variable; set it so both always agree.
process.env.DATABASE_URL = url;

try {
  const applied = await migrate(url);
  console.log(
    applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.",
  );
  const summary = await seedDemo();
  console.log(
    summary.created
      ? `Demo data created in ${(summary.durationMs / 1000).toFixed(1)} s.`
      : "Demo data already present: nothing generated, existing data kept.",
  );
  const search = await seedSearchData();
  console.log(
    search.created
      ? `Search activity created: ${search.searches} searches, ${search.deflections} deflections, ` +
          `${search.supportRequests} support requests.`
      : "Search activity already present: nothing generated.",
  );
  const community = await seedCommunityData();
  if (community.created) {
    console.log(
      `Community created: ${community.categories} categories, ${community.topics} topics.`,
    );
  }
  const onboarding = await seedOnboardingData();
  if (onboarding.created) {
    console.log(
      `Onboarding created: ${onboarding.templates} checklists, ${onboarding.assignments} assignments, ` +
        `${onboarding.completions} steps done, ${onboarding.alerts} stuck-account alerts.`,
    );
  }
  const history = await seedAccountHistory();
  if (history.created) console.log(`Account history created: ${history.changes} changes.`);
  // Last: health reads every event the steps above recorded.
  const health = await seedHealthHistory();
  if (health.created) {
    console.log(
      `Health history computed: ${health.days} days, ${health.snapshots} snapshots, ${health.alerts} health alerts.`,
    );
  }
  if (search.synonymGroupsAdded) console.log(`Synonym groups added: ${search.synonymGroupsAdded}`);
  if (summary.demoLoginsRepaired.length) {
    console.log(`Demo logins restored: ${summary.demoLoginsRepaired.join(", ")}`);
  }
  console.log(
    `Accounts: ${summary.accounts}, customer users: ${summary.customerUsers}, ` +
      `staff: ${summary.staffUsers}, events: ${summary.events}`,
  );
  if (process.env.DEMO_SUMMARY_FILE) {
    const logins = DEMO_LOGINS.map(({ role, email, password }) => ({ role, email, password }));
    writeFileSync(process.env.DEMO_SUMMARY_FILE, JSON.stringify({ summary, logins }));
  }
} catch (error) {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
