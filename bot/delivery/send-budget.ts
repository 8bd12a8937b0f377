import { realTime, type PaceTime } from "./pace-time.js";
import type { WidePace } from "./wide-pace.js";

const WINDOW_MS = 1000;
/** How soon the outbox looks again while a reply waits for room. */
const YIELD_MS = 5;

/**
 * The bot's one send budget: Telegram counts every message the bot posts, a reply to a person and
 * an outbox notice alike, so both draw on `perSecond` here. Replies come first: one waits only
 * while the last second already holds the whole budget, and it takes the next room before the
 * outbox, which steps aside while a reply waits and otherwise sends with what is left.
 * With several instances on one database, each send then also takes its moment from the bot-wide
 * clock (`WidePace`), which keeps the same order between instances.
 */
export class SendBudget {
  readonly #perSecond: number;
  readonly #time: PaceTime;
  /** Start times of the sends of the last second, in order. */
  readonly #sends: number[] = [];
  #repliesWaiting = 0;

  readonly #wide: WidePace | undefined;

  constructor(perSecond: number, time: PaceTime = realTime, wide?: WidePace) {
    this.#perSecond = Math.max(1, Math.floor(perSecond));
    this.#time = time;
    this.#wide = wide;
  }

  /** Waits for room for a reply, then counts it. */
  async reply(): Promise<void> {
    this.#repliesWaiting++;
    try {
      for (;;) {
        const wait = this.#freeAt() - this.#time.now();
        if (wait <= 0) break;
        await this.#time.sleep(wait);
      }
      this.#took();
    } finally {
      this.#repliesWaiting--;
    }
    await this.#wide?.reply();
  }

  /** When the outbox may send next: when the last second has room and no reply is waiting for it. */
  outboxFreeAt(): number {
    const at = this.#freeAt();
    return this.#repliesWaiting > 0 ? Math.max(at, this.#time.now() + YIELD_MS) : at;
  }

  /** Counts a send that is leaving now. */
  #took(): void {
    this.#sends.push(this.#time.now());
  }

  /** Counts the outbox's send whose slot came, then waits for its bot-wide moment. */
  async outbox(): Promise<void> {
    this.#took();
    await this.#wide?.outbox();
  }

  #freeAt(): number {
    const now = this.#time.now();
    while (this.#sends.length > 0 && this.#sends[0]! <= now - WINDOW_MS) this.#sends.shift();
    return this.#sends.length < this.#perSecond ? now : this.#sends[this.#sends.length - this.#perSecond]! + WINDOW_MS;
  }
}
