import { defineConfig } from "vitest/config";

// TEST_DB=postgres (default) or pglite picks the database driver for tests/db; files named
// *.postgres.test.ts or *.pglite.test.ts only make sense on that driver.
const driver = process.env.TEST_DB === "pglite" ? "pglite" : "postgres";
const other = driver === "pglite" ? "postgres" : "pglite";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "tests/db/**/*.test.ts", "tests/unit/**/*.test.ts"],
    exclude: ["**/node_modules/**", `**/*.${other}.test.ts`],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only make PGlite start-ups fight.
    maxWorkers: 2,
  },
});
