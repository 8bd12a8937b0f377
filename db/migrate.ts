import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Database } from "./client.js";
import { MIGRATIONS_FOLDER } from "./migrations-key.js";

/** Any constant shared by every instance: two starting at once migrate one after the other. */
const MIGRATION_LOCK_KEY = 7_340_001;

export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  await database.withLock(MIGRATION_LOCK_KEY, () =>
    database.kind === "postgres"
      ? migratePostgres(database.db as unknown as PostgresJsDatabase, config)
      : migratePglite(database.db as unknown as PgliteDatabase, config),
  );
}
