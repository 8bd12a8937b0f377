import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "./client.js";
import { migrate } from "./migrate.js";

export interface ThrowawayDatabase {
  database: Database;
  /** Its connection URL (another client or process may connect to it). */
  url: string;
  /** Closes it and drops it. */
  dispose(): Promise<void>;
}

/**
 * A new, migrated database beside the one `server` names, dropped on dispose: tests and benchmarks
 * each get one, so runs never see each other's rows.
 */
export async function openThrowawayDatabase(server: string, prefix: string, poolMax: number): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
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
