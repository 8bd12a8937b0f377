import type { Sql, TransactionSql } from "postgres";
import { countStatements } from "./statement-tally.js";

type Client = Sql | TransactionSql;

/**
 * The postgres.js client drizzle is given: each statement counted (see `tallying`) and, with
 * `prepare`, prepared. drizzle's query builder asks for unnamed statements (`prepare: false`), which
 * costs a describe round trip before every execute and a parse and plan on the server each time;
 * prepared, a statement seen before on a connection is one round trip. postgres.js keeps a
 * connection's statements until the connection is recycled (`max_lifetime`, 30–60 minutes), which
 * bounds how many pile up. Transactions and savepoints hand drizzle a client of their own, so those
 * are wrapped too.
 */
export function postgresClient<T extends Client>(client: T, prepare: boolean): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "unsafe")
        return (query: string, params?: unknown[], options?: object) => {
          countStatements();
          return (value as Sql["unsafe"]).call(target, query, params as never, prepare ? { ...options, prepare: true } : options);
        };
      if (property === "begin" || property === "savepoint")
        return (...args: unknown[]) => {
          // BEGIN and COMMIT, or SAVEPOINT and RELEASE.
          countStatements(2);
          const work = args.pop() as (inner: Client) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (inner: Client) => work(postgresClient(inner, prepare)));
        };
      return value;
    },
  });
}
