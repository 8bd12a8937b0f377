import { randomBytes } from "node:crypto";
import postgres, { type Sql } from "postgres";
import { openDatabase, type Database } from "./client.js";
import { CONNECTION_OPTIONS } from "./connection-options.js";
import { migrate } from "./migrate.js";
import { migrationsKey } from "./migrations-key.js";

export interface ThrowawayDatabase {
  database: Database;
  /** Its connection URL (another client or process may connect to it). */
  url: string;
  /** Closes it and drops it. */
  dispose(): Promise<void>;
}

const TEMPLATE_PREFIX = "otinish_tpl_";
/** Held while a template is checked or made, so two test files starting together make one. */
const TEMPLATE_LOCK_KEY = 7_340_002;

/**
 * A new, migrated database beside the one `server` names, dropped on dispose: tests and benchmarks
 * each get one, so runs never see each other's rows. It is copied from a migrated template made once
 * per set of migrations, which is faster than migrating each.
 */
export async function openThrowawayDatabase(server: string, prefix: string, poolMax: number): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(server, { ...CONNECTION_OPTIONS, max: 1 });
  const template = await migratedTemplate(admin, server);
  await admin.unsafe(`create database ${name} template ${template}`);
  const url = urlOf(server, name);
  const database = await openDatabase({ url, poolMax });
  return {
    database,
    url,
    async dispose() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

function urlOf(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The template for the current migrations, made if missing; templates of older migrations are dropped. */
async function migratedTemplate(admin: Sql, server: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${migrationsKey()}`;
  await admin`select pg_advisory_lock(${TEMPLATE_LOCK_KEY})`;
  try {
    const [ready] = await admin`select 1 from pg_database where datname = ${name} and datistemplate`;
    if (ready) return name;
    const old = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${TEMPLATE_PREFIX}%`}`;
    for (const { datname } of old) {
      await admin.unsafe(`alter database ${datname} is_template false`);
      await admin.unsafe(`drop database ${datname} with (force)`);
    }
    await admin.unsafe(`create database ${name}`);
    // Two connections: the migration lock holds one while the migrations run on the other.
    const database = await openDatabase({ url: urlOf(server, name), poolMax: 2 });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    // Marked only once whole: a run that died half-way leaves a database the next one replaces.
    await admin.unsafe(`alter database ${name} is_template true`);
    return name;
  } finally {
    await admin`select pg_advisory_unlock(${TEMPLATE_LOCK_KEY})`;
  }
}
