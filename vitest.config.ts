import { defineConfig } from "vitest/config";

/**
 * Pure rules run once; everything that touches a database runs on PGlite and, when
 * TEST_DATABASE_URL is set, again on PostgreSQL.
 */
const DB_TESTS = ["test/**/*.db.test.ts", "test/e2e/**/*.test.ts"];
const databases = ["pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];

export default defineConfig({
  test: {
    // Most of a test's time is spent waiting on the bot, the emulator or the database: with two files
    // at once the two cores were busy only 1.6 of the time, so three run at once, in threads (which
    // start faster than processes).
    pool: "threads",
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // Files share their worker's modules: importing the bot's modules anew for every file was half
      // of the pure tests' time and a fifth of the whole suite's. Each database test opens its own
      // database, and reads which one from the env as it opens it.
      { extends: true, test: { name: "unit", isolate: false, include: ["test/**/*.test.ts"], exclude: [...DB_TESTS, "test/browser/**"] } },
      ...databases.map((db) => ({
        extends: true as const,
        test: { name: db, isolate: false, include: DB_TESTS, env: { OTINISH_TEST_DB: db } },
      })),
      { extends: true, test: { name: "browser", include: ["test/browser/**/*.test.ts"], env: { OTINISH_TEST_DB: "pglite" } } },
    ],
  },
});
