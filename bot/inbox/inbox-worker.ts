import { claimUpdates, markFailed, markHandled, markRetry, renewLeases, type ClaimedUpdate } from "../../core/inbox/claims.js";
import type { Ctx } from "../../core/shared/context.js";

/** Tries of one update, a crash counted as one, before it is given up on. */
export const MAX_ATTEMPTS = 5;
/** How often to look for updates another instance stored, or whose pause or lease ran out. */
const IDLE_MS = 500;
/** The longest wait between claims while the database does not answer. */
const MAX_IDLE_MS = 5_000;

export interface InboxWorkerOptions {
  /** This worker's name in `claimed_by`: one per running app. */
  worker: string;
  /** Updates handled at once, each of a different chat. */
  concurrency: number;
  leaseMs: number;
  /** The pause after a failed try; doubled after each. */
  retryMs?: number;
  /** Told each update's outcome (for metrics). */
  onOutcome?: (outcome: InboxOutcome, updateId: number) => void;
  /** Told of an update given up on, so its sender hears something went wrong. */
  onGivenUp?: (payload: unknown) => void;
}

/** done: handled; retried: failed and back in the queue after a pause; failed: given up on. */
export type InboxOutcome = "done" | "retried" | "failed";

export interface InboxWorker {
  /** Something new was stored here: look now rather than at the next poll. */
  wake(): void;
  /**
   * Claims nothing more and waits up to `graceMs` for the updates in hand. Those not finished by
   * then are left as a crash would leave them: their claims run out and another worker takes them.
   */
  stop(graceMs: number): Promise<void>;
}

/**
 * Handles the inbox's updates (claimed in each chat's order, `concurrency` chats at a time), keeps
 * their leases renewed while they run, and records each outcome: done, tried again after a pause,
 * or, after MAX_ATTEMPTS, given up on and logged by id (never by its text).
 */
export function startInboxWorker(core: Ctx, handle: (payload: unknown) => Promise<void>, options: InboxWorkerOptions): InboxWorker {
  const { worker, leaseMs } = options;
  const retryMs = options.retryMs ?? 1_000;
  const inHand = new Map<number, Promise<void>>();
  let stopping = false;
  /** Set once stop gave up waiting: outcomes that come in later are not written. */
  let abandoned = false;
  let woken = false;
  let wakeUp: (() => void) | undefined;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });

  async function settle(row: ClaimedUpdate, failure: unknown): Promise<void> {
    if (failure === undefined) {
      if (await markHandled(core, worker, row.updateId)) return options.onOutcome?.("done", row.updateId);
      return core.log.warn({ update: row.updateId }, "update handled after its claim ran out; another worker has it");
    }
    if (row.attempts < MAX_ATTEMPTS) {
      await markRetry(core, worker, row.updateId, retryMs * 2 ** (row.attempts - 1));
      core.log.warn({ err: failure, update: row.updateId, attempt: row.attempts }, "update failed; trying it again");
      return options.onOutcome?.("retried", row.updateId);
    }
    await markFailed(core, worker, row.updateId);
    core.log.error({ err: failure, update: row.updateId, attempts: row.attempts }, "update failed; given up");
    options.onOutcome?.("failed", row.updateId);
    options.onGivenUp?.(row.payload);
  }

  async function run(row: ClaimedUpdate): Promise<void> {
    let failure: unknown;
    try {
      // A row claimed once too often crashed every worker that took it: it is not tried again.
      if (row.attempts > MAX_ATTEMPTS) failure = new Error("no try finished");
      else await handle(row.payload);
    } catch (err) {
      failure = err ?? new Error("update failed");
    }
    try {
      if (!abandoned) await settle(row, failure);
    } catch (err) {
      core.log.error({ err, update: row.updateId }, "update's outcome not recorded; its lease will hand it on");
    } finally {
      inHand.delete(row.updateId);
      wake();
    }
  }

  const heartbeat = setInterval(() => {
    renewLeases(core, worker, [...inHand.keys()], leaseMs)
      .then((lost) => {
        for (const id of lost) core.log.warn({ update: id }, "claim on an update lost while handling it");
      })
      .catch((err: unknown) => core.log.error({ err }, "update leases not renewed"));
  }, leaseMs / 3);

  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      const free = options.concurrency - inHand.size;
      if (free > 0) {
        try {
          const claimed = await claimUpdates(core, { worker, limit: free, leaseMs, held: [...inHand.keys()] });
          failures = 0;
          for (const row of claimed) inHand.set(row.updateId, run(row));
        } catch (err) {
          failures++;
          core.log.error({ err }, "updates not claimed");
        }
      }
      await pause(Math.min(IDLE_MS * 2 ** failures, MAX_IDLE_MS));
    }
  })();

  return {
    wake,
    async stop(graceMs) {
      stopping = true;
      wake();
      await loop;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.all(inHand.values()), grace]);
      clearTimeout(timer);
      abandoned = true;
      clearInterval(heartbeat);
    },
  };
}
