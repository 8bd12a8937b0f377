import type { PGlite, Transaction } from "@electric-sql/pglite";
import { countStatements } from "./statement-tally.js";

type Loose = (...args: unknown[]) => Promise<unknown>;

/** A transaction's own statements, counted as the client's are. */
function countedTransaction(tx: Transaction): Transaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== "query" && property !== "exec") return value;
      return (...args: unknown[]) => (countStatements(), (value as Loose).apply(target, args));
    },
  });
}

/** Each statement PGlite runs counts for `tallying`; a transaction adds its BEGIN and COMMIT. */
export function countPgliteStatements(client: PGlite): void {
  const patched = client as unknown as { query: Loose; exec: Loose; transaction: Loose };
  for (const method of ["query", "exec"] as const) {
    const original = patched[method].bind(client);
    patched[method] = (...args) => (countStatements(), original(...args));
  }
  const transaction = patched.transaction.bind(client);
  patched.transaction = (work) => {
    countStatements(2);
    return transaction((tx: Transaction) => (work as (tx: Transaction) => Promise<unknown>)(countedTransaction(tx)));
  };
}
