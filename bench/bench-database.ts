import { openThrowawayDatabase, type ThrowawayDatabase } from "../db/throwaway.js";

export const DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

export type BenchDatabase = ThrowawayDatabase;

/** A throwaway, migrated database on the server of DATABASE_URL (or the local one). */
export function openBenchDatabase(prefix: string, poolMax: number): Promise<BenchDatabase> {
  return openThrowawayDatabase(process.env.DATABASE_URL ?? DEFAULT_SERVER, prefix, poolMax);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
