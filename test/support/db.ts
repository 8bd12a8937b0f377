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

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database
 * next to TEST_DATABASE_URL when the file runs in the "postgres" project.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (process.env.OTINISH_TEST_DB !== "postgres") {
    const database = await openDatabase({});
    await migrate(database);
    return { database, dispose: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is needed for the postgres test project");
  return openThrowawayDatabase(base, "otinish_t", 20);
}

/** Which database this run is on, for test names. */
export const dbKind = process.env.OTINISH_TEST_DB === "postgres" ? "PostgreSQL" : "PGlite";
