import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import { postgresReachable } from "./test/postgres";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const isTest = process.env.VITEST === "true";

// The integration suite runs once per database; PostgreSQL only where a server answers.
const postgresAvailable = isTest && (await postgresReachable());
if (isTest && !postgresAvailable) process.env.TEST_DB_POSTGRES = "skip";

function integrationProject(db: "sqlite" | "postgres") {
  return {
    extends: true as const,
    test: {
      name: `integration-${db}`,
      include: ["test/integration/**/*.test.ts"],
      setupFiles: ["test/setup-db.ts"],
      // Tests that poll the search API all come from one "IP"; api-rate-limit.test.ts sets its own.
      env: { TEST_DB: db, API_RATE_LIMIT_PER_MINUTE: "1000000" },
    },
  };
}

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000) },
  // Remix's plugin takes over the whole build, so unit tests run without it.
  plugins: [
    !isTest &&
      remix({
        ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx", "**/*.css"],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
  ],
  build: { target: "es2022" },
  test: {
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["app/**/*.test.{ts,tsx}", "prisma/**/*.test.ts"] },
      },
      integrationProject("sqlite"),
      ...(postgresAvailable ? [integrationProject("postgres")] : []),
    ],
  },
});
