import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "./client.js";

/** The rows of a raw statement: postgres.js hands back an array, PGlite an object holding `rows`. */
export async function rowsOf<Row>(db: DbOrTx, statement: SQL): Promise<Row[]> {
  const result = (await db.execute(statement)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}
