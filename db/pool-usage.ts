import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";

/**
 * How many of the database's connections are taken right now. Neither driver says, so the
 * client counts what holds one: a statement of its own from its start to its result, a
 * transaction, a reserved connection. Statements waiting for a free connection are counted
 * too, so the figure is capped at the pool's size.
 */
export class PoolUsage {
  readonly size: number;
  private held = 0;

  constructor(size: number) {
    this.size = size;
  }

  get inUse(): number {
    return Math.min(this.held, this.size);
  }

  take(): () => void {
    this.held++;
    let given = false;
    return () => {
      if (!given) this.held--;
      given = true;
    };
  }

  during<T>(work: Promise<T>): Promise<T> {
    const give = this.take();
    return work.finally(give);
  }
}

type Loose = (...args: unknown[]) => unknown;

/**
 * postgres.js statements start when first awaited (a `then`), not when made, so that is when
 * one counts; statements inside a transaction go through the transaction's own connection,
 * which `begin` already counts.
 */
export function countPostgres(sql: Sql, usage: PoolUsage): void {
  const client = sql as unknown as { unsafe: Loose; begin: (...args: unknown[]) => Promise<unknown>; reserve: () => Promise<{ release: () => void }> };
  const { unsafe, begin, reserve } = client;
  client.unsafe = (...args) => countOnStart(unsafe(...args) as PromiseLike<unknown>, usage);
  client.begin = (...args) => usage.during(begin(...args));
  client.reserve = async () => {
    const reserved = await reserve();
    const give = usage.take();
    const release = reserved.release;
    reserved.release = () => (give(), release());
    return reserved;
  };
}

function countOnStart<Q extends PromiseLike<unknown>>(query: Q, usage: PoolUsage): Q {
  const then = query.then;
  let started = false;
  query.then = function (this: Q, ...args: Parameters<Q["then"]>) {
    if (!started) {
      started = true;
      const give = usage.take();
      then.call(this, give, give);
    }
    return then.apply(this, args);
  } as Q["then"];
  return query;
}

/** PGlite has one connection: taken while any statement or transaction runs. */
export function countPglite(client: PGlite, usage: PoolUsage): void {
  const patched = client as unknown as { query: (...args: unknown[]) => Promise<unknown>; exec: (...args: unknown[]) => Promise<unknown>; transaction: (...args: unknown[]) => Promise<unknown> };
  for (const method of ["query", "exec", "transaction"] as const) {
    const original = patched[method].bind(client);
    patched[method] = (...args) => usage.during(original(...args));
  }
}
