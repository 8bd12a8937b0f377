import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../../core/shared/context.js";
import { LOCK_HEARTBEAT_MS, LOCK_HEARTBEAT_TIMEOUT_MS } from "../../db/advisory-lock.js";
import type { Database } from "../../db/client.js";
import type { OutboxWorker } from "./outbox-worker.js";

/** Any constant shared by every instance, apart from the migrations' lock. */
export const OUTBOX_LEADER_LOCK_KEY = 7_340_002;
/** How often an instance that does not send asks for the lock again. */
const TRY_EVERY_MS = 2000;
/**
 * A new leader waits this long before its first send: the one it replaces, if its connection
 * died without a word, has noticed by its heartbeat and stopped, so two never send at once.
 */
const TAKEOVER_GRACE_MS = LOCK_HEARTBEAT_MS + LOCK_HEARTBEAT_TIMEOUT_MS + 1000;

export interface OutboxLeader {
  /** Whether this instance sends the outbox now. */
  leading(): boolean;
  /** Stops sending (finishing the calls under way) and lets the lock go. */
  stop(): Promise<void>;
}

/**
 * Exactly one instance sends the outbox, so the configured rate is the bot's, not each instance's:
 * the one holding a PostgreSQL advisory lock on a connection of its own. The others ask for it
 * every few seconds on theirs; when the leader dies its connection drops, the lock with it, and
 * another takes over within seconds. On PGlite (one process) the worker always runs.
 */
export function startOutboxLeader(database: Database, log: Logger, startWorker: () => OutboxWorker): OutboxLeader {
  let stopping = false;
  let worker: OutboxWorker | undefined;
  let wake: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const pause = (ms: number) => Promise.race([sleep(ms), stopped]);

  /** Asks until the lock is taken (null: stopping first). Stopping does not wait for a database that does not answer. */
  async function takeLock() {
    const lock = database.advisoryLock(OUTBOX_LEADER_LOCK_KEY);
    while (!stopping) {
      const asked = lock.tryTake().catch((err: unknown) => (log.warn({ err }, "outbox leadership: the lock could not be asked for"), null));
      const held = await Promise.race([asked, stopped.then(() => null)]);
      if (held) return held;
      if (!stopping) await pause(TRY_EVERY_MS);
    }
    void lock.close().catch(() => undefined);
    return null;
  }

  const loop = (async () => {
    while (!stopping) {
      const lock = await takeLock();
      if (!lock) break;
      if (database.kind === "postgres") {
        log.info({}, "this instance now sends the outbox");
        await pause(TAKEOVER_GRACE_MS);
      }
      let lost = false;
      if (!stopping) {
        worker = startWorker();
        // A lock dropped because this instance is stopping is not news for anyone.
        await Promise.race([lock.lost.then(() => (lost = !stopping)), stopped]);
        await worker.stop();
        worker = undefined;
      }
      await lock.release().catch((err: unknown) => log.warn({ err }, "outbox leadership: the lock's connection did not close cleanly"));
      if (lost) {
        log.error({}, "this instance lost the outbox lock (its database connection dropped) and stopped sending; it asks again later");
        // Another instance, asking every TRY_EVERY_MS, takes over first if there is one.
        await pause(2 * TRY_EVERY_MS);
      }
    }
  })();

  return {
    leading: () => worker !== undefined,
    async stop() {
      stopping = true;
      wake();
      await loop;
    },
  };
}
