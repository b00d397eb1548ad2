import { postgresReachable, testPostgresUrl } from "./postgres";

// Says loudly, once per run, whether the PostgreSQL half of the integration suite runs.
export default async function () {
  if (process.env.TEST_DB_POSTGRES === "skip") {
    console.warn(
      `\n*** PostgreSQL integration tests SKIPPED: no server answered at ${testPostgresUrl()} ***\n` +
        "*** Set TEST_POSTGRES_URL to run them. ***\n",
    );
  } else if (await postgresReachable()) {
    console.log(`PostgreSQL integration tests run against ${testPostgresUrl()}`);
  }
}
