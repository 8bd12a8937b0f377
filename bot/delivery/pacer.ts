import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

/** Sends per second for the bot, per private chat, and per minute for a group chat (negative ids). */
export interface Pace {
  perSecond: number;
  chatPerSecond: number;
  groupPerMinute: number;
}

/** Real time by default; the pacing rules are tested on a clock they can move. */
export interface PaceTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTime: PaceTime = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * A token bucket holding at most this many sends: a late timer is made up for, but never more
 * than this, so any second holds at most `perSecond` + this many sends.
 */
const BURST = 3;

/**
 * Keeps proactive sends under Telegram's limits. The bot-wide rate is a token bucket that callers
 * wait on in turn; a chat's next send waits for its interval after the previous one was answered,
 * so two messages never reach one chat closer than that however the network delays them.
 */
export class Pacer {
  readonly #interval: number;
  readonly #chatInterval: number;
  readonly #groupInterval: number;
  readonly #time: PaceTime;
  #tokens = 1;
  #refilledAt: number;
  #turn: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #chatFreeAt = new Map<number, number>();

  constructor(pace: Pace, time: PaceTime = realTime) {
    this.#interval = 1000 / pace.perSecond;
    this.#chatInterval = 1000 / pace.chatPerSecond;
    this.#groupInterval = 60_000 / pace.groupPerMinute;
    this.#time = time;
    this.#refilledAt = time.now();
  }

  /** Waits until this chat may be written to again. */
  async chat(chatId: number): Promise<void> {
    const wait = (this.#chatFreeAt.get(chatId) ?? 0) - this.#time.now();
    if (wait > 0 && !this.#closed) await this.#time.sleep(wait);
  }

  /** Waits for the bot-wide slot of the next send; callers are served in the order they asked. */
  slot(): Promise<void> {
    const turn = this.#turn.then(async () => {
      for (;;) {
        this.#refill();
        if (this.#tokens >= 1 || this.#closed) break;
        await this.#time.sleep((1 - this.#tokens) * this.#interval);
      }
      this.#tokens -= 1;
    });
    this.#turn = turn;
    return turn;
  }

  /** A send to the chat was answered: its next one waits a chat interval from now. */
  answered(chatId: number): void {
    const now = this.#time.now();
    this.#chatFreeAt.set(chatId, now + (chatId < 0 ? this.#groupInterval : this.#chatInterval));
    // Chats past their interval need no entry; dropping them keeps the map small.
    if (this.#chatFreeAt.size > 10_000) for (const [id, at] of this.#chatFreeAt) if (at <= now) this.#chatFreeAt.delete(id);
  }

  /** Stops waiting: whoever waits is let through at once to see the worker is stopping. */
  close(): void {
    this.#closed = true;
  }

  #refill(): void {
    const now = this.#time.now();
    this.#tokens = Math.min(BURST, this.#tokens + (now - this.#refilledAt) / this.#interval);
    this.#refilledAt = now;
  }
}
