import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError, type Api } from "grammy";
import type { Logger } from "../../core/shared/context.js";
import type { Receive } from "./receive.js";

/** The kinds of update the bot handles; Telegram sends no others. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;
/** Seconds Telegram holds a getUpdates open while there is nothing new. */
const LONG_POLL_SECONDS = 25;
const MAX_BACKOFF_MS = 30_000;
/**
 * The wait after a batch Telegram gave but the database did not take: fixed and short, so updates
 * flow again within a second of the database's return (each try is one getUpdates, and each sender
 * hears of the trouble once).
 */
const STORE_RETRY_MS = 1_000;
/** grammY types its signals with a shim of its own; Node's is the same at run time. */
type ApiSignal = Parameters<Api["getUpdates"]>[1];

export interface Polling {
  /** Ends the current long poll; the updates of the last batch are stored already. */
  stop(): Promise<void>;
}

/**
 * Long polling that loses nothing: each batch is stored before the next getUpdates, whose offset
 * is what tells Telegram the batch arrived. A batch that cannot be stored is fetched again after
 * a pause; updates stored but not yet confirmed when the process stops come again and are ignored
 * as already there.
 */
export function startPolling(api: Api, receive: Receive, log: Logger): Polling {
  const abort = new AbortController();
  let offset: number | undefined;
  const loop = (async () => {
    let failures = 0;
    while (!abort.signal.aborted) {
      let fetched = false;
      try {
        const batch = await api.getUpdates({ offset, limit: 100, timeout: LONG_POLL_SECONDS, allowed_updates: [...ALLOWED_UPDATES] }, abort.signal as ApiSignal);
        fetched = true;
        if (batch.length > 0) {
          await receive(batch);
          offset = batch[batch.length - 1]!.update_id + 1;
        }
        failures = 0;
      } catch (err) {
        if (abort.signal.aborted) break;
        failures++;
        const retryAfter = err instanceof GrammyError ? err.parameters.retry_after : undefined;
        const backoff = fetched ? STORE_RETRY_MS : Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS);
        const waitMs = retryAfter !== undefined ? retryAfter * 1000 : backoff;
        log.warn({ err, waitMs }, "updates not fetched or not stored; trying again");
        await sleep(waitMs, undefined, { signal: abort.signal }).catch(() => undefined);
      }
    }
  })();
  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
