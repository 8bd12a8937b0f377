import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";

export const DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  database: Database;
  url: string;
  dispose(): Promise<void>;
}

/** A throwaway, migrated database on the server of DATABASE_URL (or the local one). */
export async function openBenchDatabase(prefix: string, poolMax: number): Promise<BenchDatabase> {
  const server = process.env.DATABASE_URL ?? DEFAULT_SERVER;
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax });
  await migrate(database);
  return {
    database,
    url: url.toString(),
    async dispose() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
