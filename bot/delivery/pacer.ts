import { realTime, type PaceTime } from "./pace-time.js";
import type { SendBudget } from "./send-budget.js";

/** Sends per second for the bot, per private chat, and per minute for a group chat (negative ids). */
export interface Pace {
  perSecond: number;
  chatPerSecond: number;
  groupPerMinute: number;
}

/**
 * The bot's send budget, shared with its replies: a pacer waits for room in it too, and the one
 * that times the calls themselves (`counts`) counts each of its sends in it.
 */
export interface SharedBudget {
  budget: SendBudget;
  counts: boolean;
}

/**
 * Sends let through together when behind: one timer per this many, since every timer comes a
 * little late on a busy machine, and a timer per send would lose that much on each.
 */
const CATCH_UP = 3;
/** How much faster than the rate lost time is made up: slow enough that the network's jitter cannot bunch it into a burst. */
const CATCH_UP_PACE = 1.5;

/**
 * Keeps proactive sends under Telegram's limits. Bot-wide, no window of a second (of N/rate
 * seconds for slow rates) holds more than the rate's sends, and no CATCH_UP sends come closer
 * than at CATCH_UP_PACE times the rate: time lost to late timers is made up for a little faster,
 * never in one burst.
 * Callers wait in turn. A chat's next send waits for its interval after the previous one was
 * answered, so two messages never reach one chat closer than that however the network delays them.
 * With a shared budget, sends also wait for room the bot's replies left (see SendBudget).
 */
export class Pacer {
  readonly #perWindow: number;
  readonly #windowMs: number;
  readonly #minGap: number;
  readonly #chatInterval: number;
  readonly #groupInterval: number;
  readonly #time: PaceTime;
  readonly #shared: SharedBudget | undefined;
  /** Start times of the latest sends, at most one window's worth. */
  readonly #starts: number[] = [];
  #turn: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #chatFreeAt = new Map<number, number>();

  constructor(pace: Pace, time: PaceTime = realTime, shared?: SharedBudget) {
    this.#perWindow = Math.max(1, Math.round(pace.perSecond));
    this.#windowMs = (this.#perWindow / pace.perSecond) * 1000;
    this.#minGap = 1000 / CATCH_UP_PACE / pace.perSecond;
    this.#chatInterval = 1000 / pace.chatPerSecond;
    this.#groupInterval = 60_000 / pace.groupPerMinute;
    this.#time = time;
    this.#shared = shared;
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
        const wait = this.#earliest() - this.#time.now();
        if (wait <= 0 || this.#closed) break;
        await this.#time.sleep(wait);
      }
      this.#starts.push(this.#time.now());
      if (this.#starts.length > this.#perWindow) this.#starts.shift();
      if (this.#shared?.counts) await this.#shared.budget.outbox();
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

  #earliest(): number {
    const before = this.#starts.at(-CATCH_UP);
    const spaced = before === undefined ? 0 : before + CATCH_UP * this.#minGap;
    const windowFull = this.#starts.length >= this.#perWindow ? this.#starts[0]! + this.#windowMs : 0;
    return Math.max(spaced, windowFull, this.#shared?.budget.outboxFreeAt() ?? 0);
  }
}
