import path from "node:path";
import type { Config } from "../core/config.js";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The same database the bot uses, migrated, for the length of one command. */
export async function withCore<T>(config: Config, work: (ctx: Ctx, database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite"), prepare: config.databasePrepare, poolMax: 4 });
  try {
    await migrate(database);
    return await work({ db: database.db, clock: systemClock, log: silent, files: diskFileStore(config.filesDir) }, database);
  } finally {
    await database.close();
  }
}
