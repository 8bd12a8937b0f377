import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { advisoryLock, type AdvisoryLock } from "./advisory-lock.js";
import { CONNECTION_OPTIONS } from "./connection-options.js";
import { migratedPgliteImage, unpackPgliteImage } from "./pglite-image.js";
import { countPglite, countPostgres, PoolUsage } from "./pool-usage.js";
import { postgresClient } from "./postgres-client.js";
import { countPgliteStatements } from "./pglite-statements.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** The one database type the domain sees, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: use cases accept both so they compose. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = "postgres" | "pglite";

/**
 * PGlite's own start parameters, with PostgreSQL's memory sized for the one session it has. Its
 * shared memory lives in the WebAssembly heap, which never shrinks, and PostgreSQL touches all of it
 * as it starts: the default 128 MB of shared buffers made 150 MB of the process's resident memory.
 * 16 MB still holds a sandbox's or a small office's working set; beyond it pages come from the
 * operating system's cache of the data folder, at the cost of a copy rather than a disk read.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB", "-c", "max_connections=5"];

/** The longest wait, in seconds, before connecting again after failed connects. */
const RECONNECT_MAX_S = 1;

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Runs `work` while holding a PostgreSQL advisory lock (a no-op guard on single-process PGlite). */
  withLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  /**
   * A PostgreSQL advisory lock to take when no other session holds it, on a connection of its own
   * kept until it is released or lost. PGlite has one process: it is always taken.
   */
  advisoryLock(key: number): AdvisoryLock;
  /** Connections taken now, of how many (for metrics). */
  pool(): { inUse: number; size: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; without it an embedded PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files; omitted means in memory (tests). */
  dataDir?: string;
  poolMax?: number;
  /** Prepared statements on PostgreSQL (the default); off behind PgBouncer in transaction mode, which cannot keep them. */
  prepare?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolMax ?? 10, options.prepare ?? true) : openPglite(options.dataDir);
}

function openPostgres(url: string, poolMax: number, prepare: boolean): Database {
  // postgres.js waits up to 20 s between reconnects after failed ones; a second at most gets
  // back to work soon after the server returns (a refused connect costs next to nothing).
  // Prepared statements keep their parse, not their plan: PostgreSQL's generic plan guesses a range
  // or a partial index blind (a page of the year's appeals took 1.2 s instead of 9 ms).
  const sql = postgres(url, { ...CONNECTION_OPTIONS, max: poolMax, prepare, connection: { plan_cache_mode: "force_custom_plan" }, backoff: (retries) => Math.min(0.05 * 2 ** retries, RECONNECT_MAX_S) });
  const usage = new PoolUsage(poolMax);
  countPostgres(sql, usage);
  const db = drizzlePostgres(postgresClient(sql, prepare), { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async withLock(key, work) {
      // Session-level locks belong to one connection, so hold one of its own for the whole run
      // (not one reserved from the pool: postgres.js's reserve() on a cold pool never settles
      // without its array-type lookup).
      const conn = postgres(url, { ...CONNECTION_OPTIONS, max: 1 });
      try {
        await conn`select pg_advisory_lock(${key})`;
        try {
          return await work();
        } finally {
          await conn`select pg_advisory_unlock(${key})`;
        }
      } finally {
        await conn.end();
      }
    },
    advisoryLock: (key) => advisoryLock(url, key),
    pool: () => ({ inUse: usage.inUse, size: usage.size }),
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A new database starts from the migrated image rather than from initdb; an existing one opens as it is.
  // On disk the image's files are written before PGlite opens the folder, which then finds a database.
  const fresh = !dataDir || !existsSync(path.join(dataDir, "PG_VERSION"));
  const unpacked = fresh && dataDir !== undefined && (await unpackPgliteImage(dataDir));
  const options = { ...(fresh && !unpacked ? { loadDataDir: await migratedPgliteImage() } : {}), startParams: PGLITE_START_PARAMS };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await client.waitReady;
  const usage = new PoolUsage(1);
  countPglite(client, usage);
  countPgliteStatements(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    withLock: (_key, work) => work(),
    advisoryLock: () => ({ tryTake: async () => ({ lost: new Promise<void>(() => {}), release: async () => {} }), close: async () => {} }),
    pool: () => ({ inUse: usage.inUse, size: usage.size }),
    close: () => client.close(),
  };
}
