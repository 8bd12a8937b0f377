import postgres from "postgres";
import { openDatabase, type Database } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { openThrowawayDatabase } from "../../db/throwaway.js";

export interface TestDatabase {
  database: Database;
  /** Its connection URL, on PostgreSQL (another client may connect to it). */
  url?: string;
  /** Closes it and, on PostgreSQL, drops the throwaway database. */
  dispose(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * false: on PostgreSQL a commit returns before its log is flushed to disk. Queries, locks and
   * isolation are the same; only a crash of the server itself could lose the latest commits, and no
   * test crashes it. For tests whose time goes mostly to commits.
   */
  durable?: boolean;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database
 * next to TEST_DATABASE_URL when the file runs in the "postgres" project.
 */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  if (process.env.OTINISH_TEST_DB !== "postgres") {
    const database = await openDatabase({});
    await migrate(database);
    return { database, dispose: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is needed for the postgres test project");
  const throwaway = await openThrowawayDatabase(base, "otinish_t", 20);
  if (options.durable === false) await commitWithoutFlush(throwaway.url);
  return throwaway;
}

/** Set on the database before its pool connects (postgres.js connects lazily), so every session has it. */
async function commitWithoutFlush(url: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`alter database "${new URL(url).pathname.slice(1)}" set synchronous_commit = off`);
  } finally {
    await admin.end();
  }
}

/** Which database this run is on, for test names. */
export const dbKind = process.env.OTINISH_TEST_DB === "postgres" ? "PostgreSQL" : "PGlite";
