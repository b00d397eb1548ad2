import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const isTest = process.env.VITEST === "true";

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
    include: ["app/**/*.test.{ts,tsx}", "test/**/*.test.ts", "prisma/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One SQLite file per test file; PostgreSQL databases are per file too, so files can run in parallel.
    fileParallelism: true,
  },
});
