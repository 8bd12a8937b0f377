import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError, InputFile } from "grammy";
import { storedFileForSending } from "../../core/files/stored-files.js";
import {
  beginPart,
  claimDue,
  editTarget,
  markFailed,
  markRetry,
  markSent,
  markUnreachable,
  partDone,
  release,
  type OutboxRow,
} from "../../core/outbox/delivery.js";
import type { Ctx } from "../../core/shared/context.js";
import { deliveryApi, type BotApiTarget } from "./delivery-api.js";
import { messageParts, type MessagePart } from "./message-parts.js";
import { Pacer, type Pace } from "./pacer.js";
import type { SendBudget } from "./send-budget.js";
import { classifySendFailure } from "./send-failure.js";

export interface OutboxWorkerOptions {
  pace: Pace;
  /** How long a claim is held before another worker may take the row. */
  leaseSeconds: number;
  /** How long a message may wait past its time before a failed try gives it up. */
  giveUpHours: number;
  /** How often to look for due messages when there is nothing to do. */
  idleMs?: number;
  /** The bot's send budget, shared with its replies; without it the outbox has `pace.perSecond` to itself. */
  budget?: SendBudget;
  /** Told each message's outcome, and each call Telegram answered with 429 (for metrics). */
  onSend?: (result: SendResult) => void;
}

/**
 * ok: delivered; retried: back in the queue for a later try; unreachable: the person blocked the
 * bot or is gone; failed: refused or given up; 429: one call Telegram asked to slow down.
 */
export type SendResult = "ok" | "retried" | "429" | "unreachable" | "failed";

export interface OutboxWorker {
  /** Stops claiming, finishes the calls under way and returns the rest to the queue. */
  stop(): Promise<void>;
}

const IDLE_MS = 500;
/** Fewest milliseconds between two claims while busy, so a stream of finished sends does not hammer the database. */
const CLAIM_GAP_MS = 50;
/** While stopping, how many times a database write is tried before the row is left to the lease. */
const STOPPING_STORE_TRIES = 10;

/**
 * Sends what the core wrote to the outbox (DESIGN §8): claims due rows (one per chat, in order),
 * paces them under the bot-wide and per-chat rates, records each call before making it and its
 * outcome after, and sorts failures into sent later, unreachable, or refused.
 */
export function startOutboxWorker(core: Ctx, target: BotApiTarget, options: OutboxWorkerOptions): OutboxWorker {
  // The pacer shapes the flow before a call is recorded; the gate times the calls themselves, as
  // the database's varying round trip in between would bunch them up.
  const budget = options.budget;
  const pacer = new Pacer(options.pace, undefined, budget && { budget, counts: false });
  const gate = new Pacer(options.pace, undefined, budget && { budget, counts: true });
  const observe = options.onSend ?? (() => {});
  const api = deliveryApi(target, gate, () => observe("429"));
  const batch = Math.max(1, Math.ceil(options.pace.perSecond));
  const leaseMs = options.leaseSeconds * 1000;
  const active = new Set<Promise<void>>();
  /** Rows this worker holds, which its own claims must not take back. */
  const held = new Set<number>();
  /** Claimed rows not yet given their first slot: about a second's worth keeps the rate fed. */
  let queued = 0;
  let stopping = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, ms)));

  /** A database write that must not be lost (a send already happened): tried until the database answers. */
  async function store<T>(what: string, row: OutboxRow, write: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        core.log.error({ err, outbox: row.id, attempt }, `outbox ${what} not recorded, trying again`);
        if (stopping && attempt >= STOPPING_STORE_TRIES) return undefined;
        await sleep(Math.min(100 * 2 ** attempt, 2000));
      }
    }
  }

  /** Returns the message's id when the part carried buttons, so a later notice can change it in place. */
  async function send(chatId: number, part: MessagePart): Promise<number | undefined> {
    if ("edit" in part) return void (await editInPlace(part));
    if ("text" in part) {
      const sent = await api.sendMessage(chatId, part.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: part.keyboard });
      return part.keyboard ? sent.message_id : undefined;
    }
    const file = await storedFileForSending(core, part.fileId);
    if (file) await api.sendDocument(chatId, new InputFile(file.path, file.fileName));
  }

  /** A message that never went out, or was already changed the same way, needs nothing more. */
  async function editInPlace(part: Extract<MessagePart, { edit: number }>): Promise<void> {
    const target = await editTarget(core, part.edit);
    if (!target) return;
    await api
      .editMessageText(target.chatId, target.messageId, part.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: part.keyboard })
      .catch((error: unknown) => {
        if (error instanceof GrammyError && error.error_code === 400 && /not modified|message to edit not found/i.test(error.description)) return;
        throw error;
      });
  }

  async function deliver(claimed: OutboxRow): Promise<void> {
    let inQueue = true;
    const leaveQueue = () => {
      if (!inQueue) return;
      inQueue = false;
      queued--;
      wake?.();
    };
    const parts = messageParts(claimed);
    let row = claimed;
    let messageId: number | undefined;
    try {
      for (let index = row.partsDone; index < parts.length; index++) {
        await pacer.chat(row.chatId);
        await pacer.slot();
        leaveQueue();
        if (stopping) return void (await store("release", row, () => release(core, row)));
        const firstOfTry = index === claimed.partsDone;
        const begun = await store("attempt", row, () => beginPart(core, row, firstOfTry));
        if (!begun) return; // Another worker took the row after our lease ran out.
        if (begun.unknownOutcomes > row.unknownOutcomes) core.log.warn({ outbox: row.id, part: index }, "outbox resends a part that may have arrived");
        row = begun;
        try {
          messageId = (await send(row.chatId, parts[index]!)) ?? messageId;
        } catch (error) {
          pacer.answered(row.chatId);
          return await settleFailure(row, error);
        }
        pacer.answered(row.chatId);
        const done = index + 1;
        if (done < parts.length) await store("progress", row, () => partDone(core, row, done, messageId));
      }
      await store("success", row, () => markSent(core, row, messageId));
      observe("ok");
    } finally {
      leaveQueue();
    }
  }

  async function settleFailure(row: OutboxRow, error: unknown): Promise<void> {
    const failure = classifySendFailure(error);
    core.log.warn({ outbox: row.id, attempts: row.attempts, kind: failure.kind, error: failure.error }, "outbox send failed");
    if (failure.kind === "unreachable") {
      await store("unreachable", row, () => markUnreachable(core, row, failure.reason, failure.error));
      return observe("unreachable");
    }
    if (failure.kind === "refused") {
      await store("refusal", row, () => markFailed(core, row, failure.error));
      return observe("failed");
    }
    const givenUp = await store("retry", row, () => markRetry(core, row, failure.error, { ...failure, giveUpAfterMs: options.giveUpHours * 3_600_000 }));
    observe(givenUp ? "failed" : "retried");
  }

  const loop = (async () => {
    while (!stopping) {
      const claimedAt = performance.now();
      const room = batch - queued;
      const rows = room > 0 ? await claimDue(core, room, leaseMs, [...held]).catch((err: unknown) => (core.log.error({ err }, "outbox claim failed"), [])) : [];
      for (const row of rows) {
        queued++;
        held.add(row.id);
        const task: Promise<void> = deliver(row)
          .catch((err: unknown) => core.log.error({ err, outbox: row.id }, "outbox delivery failed"))
          .finally(() => {
            held.delete(row.id);
            active.delete(task);
            wake?.();
          });
        active.add(task);
      }
      if (stopping) break;
      // Nothing due, or enough in hand: look again later, or as soon as a send starts or finishes
      // (room in the queue, or its chat's next message may now go).
      await pause(rows.length === 0 || queued >= batch ? (options.idleMs ?? IDLE_MS) : CLAIM_GAP_MS);
      const since = performance.now() - claimedAt;
      if (since < CLAIM_GAP_MS && !stopping) await sleep(CLAIM_GAP_MS - since);
    }
  })();

  return {
    async stop() {
      stopping = true;
      // The gate stays shut to hurry: calls already recorded still wait there for their slot, as a
      // burst of them would break the rate just when another instance takes over.
      pacer.close();
      wake?.();
      await loop;
      await Promise.all(active);
    },
  };
}
