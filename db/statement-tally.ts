import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Statements sent to the database while a piece of work runs (an update's handling), whichever
 * driver sends them: what a screen costs the database, for the metrics and the statement budget.
 * A transaction counts its BEGIN and its COMMIT too.
 */
export interface Tally {
  statements: number;
}

const tally = new AsyncLocalStorage<Tally>();

/** Runs `work`, adding to `count` each statement it sends, its own and those of everything it awaits (also when it fails). */
export function tallying<T>(count: Tally, work: () => Promise<T>): Promise<T> {
  return tally.run(count, work);
}

/** Every statement this process sent, for benchmarks' figures per update. */
let sent = 0;

export function statementsSent(): number {
  return sent;
}

/** Called by the drivers' wrappers as a statement leaves. */
export function countStatements(n = 1): void {
  sent += n;
  const count = tally.getStore();
  if (count) count.statements += n;
}
