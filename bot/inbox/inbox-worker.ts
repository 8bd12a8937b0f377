import { setTimeout as sleep } from "node:timers/promises";
import { claimUpdates, markFailed, markHandled, markRetry, renewLeases, type ClaimedUpdate } from "../../core/inbox/claims.js";
import type { Ctx } from "../../core/shared/context.js";
import { tellOfGivenUpUpdate } from "../../core/staff/failure-notices.js";
import { Turns } from "./turns.js";

/** Tries of one update, a crash counted as one, before it is given up on. */
export const MAX_ATTEMPTS = 5;
/** How often an idle pool looks for updates another instance stored, or whose pause or lease ran out. */
const IDLE_MS = 500;
/** The longest wait between claims while the database does not answer: work resumes within a second of its return. */
const MAX_IDLE_MS = 1_000;

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
 * Handles the inbox's updates, claimed in each chat's order, `concurrency` chats at a time (each
 * slot claims its next as it comes free); keeps their leases renewed while they run, and records
 * each outcome: done, tried again after a pause, or, after MAX_ATTEMPTS, given up on and logged
 * by id (never by its text).
 */
export function startInboxWorker(core: Ctx, handle: (payload: unknown) => Promise<void>, options: InboxWorkerOptions): InboxWorker {
  const { worker, leaseMs } = options;
  const retryMs = options.retryMs ?? 1_000;
  const inHand = new Map<number, Promise<void>>();
  const claiming = new Set<Promise<number | undefined>>();
  const turns = new Turns();
  let stopping = false;
  /** Set once stop gave up waiting: outcomes that come in later are not written. */
  let abandoned = false;

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
    // The sender hears something went wrong; the administrators hear it happened, to look in the log.
    await tellOfGivenUpUpdate(core, row.updateId, row.attempts).catch((err: unknown) => core.log.error({ err, update: row.updateId }, "administrators not told of a given-up update"));
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
    // The database may be away: the outcome is written once it is back (the lease kept renewed
    // meanwhile), rather than left for the lease to run out and the chat to wait that long.
    for (let tries = 1; !abandoned; tries++) {
      try {
        return await settle(row, failure);
      } catch (err) {
        if (stopping) return core.log.error({ err, update: row.updateId }, "update's outcome not recorded; its lease will hand it on");
        if (tries === 1) core.log.warn({ err, update: row.updateId }, "update's outcome not recorded yet; trying again");
        await sleep(IDLE_MS);
      }
    }
  }

  /** Claims an update and starts it; by the time the claim settles, the update is in hand. */
  function claimOne(): Promise<number | undefined> {
    const claim = claimUpdates(core, { worker, limit: 1, leaseMs, held: [...inHand.keys()] }).then(([row]) => {
      if (row) inHand.set(row.updateId, run(row));
      return row?.updateId;
    });
    claiming.add(claim);
    const settled = () => void claiming.delete(claim);
    claim.then(settled, settled);
    return claim;
  }

  /** One of `concurrency` slots: claims an update, handles it, and again; idle, it waits for a turn. */
  async function slot(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      let updateId: number | undefined;
      try {
        updateId = await claimOne();
        failures = 0;
      } catch (err) {
        core.log.error({ err }, "updates not claimed");
        await sleep(Math.min(IDLE_MS * 2 ** failures++, MAX_IDLE_MS));
        continue;
      }
      if (updateId === undefined) {
        await turns.wait();
        continue;
      }
      // There may be more: another slot looks too.
      turns.give();
      await inHand.get(updateId);
      inHand.delete(updateId);
    }
  }

  const heartbeat = setInterval(() => {
    renewLeases(core, worker, [...inHand.keys()], leaseMs)
      .then((lost) => {
        for (const id of lost) core.log.warn({ update: id }, "claim on an update lost while handling it");
      })
      .catch((err: unknown) => core.log.error({ err }, "update leases not renewed"));
  }, leaseMs / 3);
  // Updates stored by another instance, and pauses and leases run out, are found at the next tick.
  const ticker = setInterval(() => turns.give(), IDLE_MS);
  for (let i = 0; i < options.concurrency; i++) void slot();

  return {
    wake: () => turns.give(),
    async stop(graceMs) {
      stopping = true;
      clearInterval(ticker);
      turns.giveAll();
      // A claim under way becomes an update in hand, which the grace covers.
      await Promise.allSettled([...claiming]);
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.all(inHand.values()), grace]);
      clearTimeout(timer);
      abandoned = true;
      clearInterval(heartbeat);
    },
  };
}
