import type { DbOrTx } from "./client.js";

/**
 * A hot query built once per database and run with `.execute(values)`: building a query's SQL in
 * drizzle costs more Node time than PostgreSQL spends running a short one. Kept per database, as a
 * prepared query is bound to the client that made it (tests open many; a transaction is its own).
 * Placeholders pass values to the driver as they are, past the columns' encoders: give a time as
 * its ISO string, not a Date.
 */
export function preparedPer<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const made = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = made.get(db);
    if (query === undefined) made.set(db, (query = build(db)));
    return query;
  };
}
