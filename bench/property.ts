import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

/**
 * The property test of test/property at bench size: `PROPERTY_RUNS` (10,000) random sequences of
 * people against the real bot, on the PostgreSQL server of `DATABASE_URL` when it is set (a
 * throwaway database there), else on PGlite. fast-check stops at the first sequence that breaks a
 * policy and shrinks it; the test's output shows it.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);

export async function run(): Promise<void> {
  const started = performance.now();
  const server = process.env.DATABASE_URL;
  const result = spawnSync("npx", ["vitest", "run", "--project", server ? "postgres" : "pglite", "test/property/bot-policies.db.test.ts"], {
    env: { ...process.env, PROPERTY_RUNS: String(RUNS), ...(server ? { TEST_DATABASE_URL: server } : {}) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ bench: "property", database: server ? "postgres" : "pglite", runs: RUNS, failures: result.status === 0 ? 0 : 1, seconds: Math.round(seconds) }));
  if (result.status !== 0) process.exitCode = 1;
}
