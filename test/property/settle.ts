import { setTimeout as sleep } from "node:timers/promises";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { updates } from "../../db/schema/index.js";
import type { Harness } from "../support/harness.js";

const CHANNEL = "property_update_finished";
/** Only a guard: each finished update is announced, so a wait ends with the announcement. */
const GUARD_MS = 50;

export interface Settle {
  /** Resolves once the emulator has nothing left to give and the bot has finished every update. */
  (): Promise<void>;
  close(): Promise<void>;
}

/**
 * Waits for the bot to be done by being told, not by asking the database every few milliseconds
 * (which takes the bot's own queries' time): a trigger added to this test's own database announces
 * each update that is finished, handled or given up on, and a wait ends when every update open at
 * its start has been announced. One given up on counts as finished: the error it logged fails the
 * run, rather than a wait.
 */
export async function watchInbox(h: Harness): Promise<Settle> {
  const { db } = h.db.database;
  await db.execute(sql.raw(`create function ${CHANNEL}() returns trigger language plpgsql as $$
    begin perform pg_notify('${CHANNEL}', new.update_id::text); return null; end $$`));
  await db.execute(sql.raw(`create trigger ${CHANNEL} after update of state on updates for each row
    when (new.state in ('done', 'failed')) execute function ${CHANNEL}()`));
  const hearers = new Set<(updateId: number) => void>();
  const close = await listen(h, (payload) => {
    for (const hear of hearers) hear(Number(payload));
  });

  const settled = async () => {
    const finished = new Set<number>();
    let heard = () => {};
    const hear = (updateId: number) => (finished.add(updateId), heard());
    hearers.add(hear);
    try {
      for (;;) {
        // Still in the emulator means not yet stored: the bot confirms a batch once it is in the inbox.
        if (h.sandbox.state.pendingUpdates().length > 0) {
          await sleep(1);
          continue;
        }
        // Spelled as the inbox's partial index on open updates spells it, so the look stays cheap as they add up.
        const open = await db.select({ id: updates.updateId }).from(updates).where(sql`${updates.state} in ('pending','in_progress')`);
        const done = () => open.every(({ id }) => finished.has(id));
        if (done()) return;
        // Nothing else sends the bot updates meanwhile: once these are announced, it is done.
        const all = await Promise.race([new Promise<true>((resolve) => (heard = () => done() && resolve(true))), sleep(GUARD_MS, false)]);
        if (all) return;
      }
    } finally {
      hearers.delete(hear);
    }
  };
  return Object.assign(settled, { close });
}

/** Hears the channel: on a connection of its own on PostgreSQL, on the one in-process client on PGlite. */
async function listen(h: Harness, hear: (payload: string) => void): Promise<() => Promise<void>> {
  if (h.db.url) {
    const listener = postgres(h.db.url, { max: 1, onnotice: () => {} });
    await listener.listen(CHANNEL, hear);
    return () => listener.end();
  }
  const client = (h.db.database.db as unknown as { $client: PGlite }).$client;
  return client.listen(CHANNEL, hear);
}
