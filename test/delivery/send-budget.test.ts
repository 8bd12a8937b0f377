import { describe, expect, it } from "vitest";
import type { PaceTime } from "../../bot/delivery/pace-time.js";
import { Pacer } from "../../bot/delivery/pacer.js";
import { SendBudget } from "../../bot/delivery/send-budget.js";

/** Simulated time for several waiters at once: each sleep ends at its moment, the earliest first. */
class EventTime implements PaceTime {
  at = 0;
  readonly #sleepers: { until: number; wake: () => void }[] = [];

  now(): number {
    return this.at;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.#sleepers.push({ until: this.at + ms, wake }));
  }

  /** Runs every waiter until the clock reaches `end`. */
  async runUntil(end: number): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      this.#sleepers.sort((a, b) => a.until - b.until);
      const next = this.#sleepers[0];
      if (!next || next.until > end) break;
      this.#sleepers.shift();
      this.at = Math.max(this.at, next.until);
      next.wake();
    }
    this.at = end;
  }
}

const most = (times: number[]) => Math.max(0, ...times.map((t) => times.filter((s) => s >= t && s < t + 1000).length));
const PACE = { perSecond: 8, chatPerSecond: 1, groupPerMinute: 20 };

/** The outbox as the worker paces it: one slot after another at its gate, counted in the bot's budget. */
function outboxSends(time: EventTime, budget: SendBudget, sends: number[]): { stop(): void } {
  const gate = new Pacer(PACE, time, { budget, counts: true });
  let going = true;
  void (async () => {
    while (going) {
      await gate.slot();
      if (going) sends.push(time.at);
    }
  })();
  return { stop: () => ((going = false), gate.close()) };
}

describe("one send budget for the bot's replies and its outbox", () => {
  it("keeps every second within the bot's rate, the outbox within its share, and lets a reply go before the outbox", async () => {
    const time = new EventTime();
    const budget = new SendBudget(10, time);
    const outbox: number[] = [];
    const replies: { asked: number; sent: number }[] = [];
    const sender = outboxSends(time, budget, outbox);
    const reply = async () => {
      const asked = time.at;
      await budget.reply();
      replies.push({ asked, sent: time.at });
    };
    // A quiet reply now and then, and two bursts that want more than the outbox leaves.
    for (const at of [300, 2_100, 2_900, 6_500]) void time.sleep(at).then(reply);
    for (const at of [4_000, 8_000]) void time.sleep(at).then(() => Array.from({ length: 12 }, reply));
    await time.runUntil(12_000);
    sender.stop();

    const all = [...outbox, ...replies.map((r) => r.sent)].sort((a, b) => a - b);
    expect(replies).toHaveLength(28);
    expect(most(all)).toBeLessThanOrEqual(10);
    expect(most(outbox)).toBeLessThanOrEqual(8);
    // A reply that had to wait was first in line: no outbox send went while it waited.
    for (const r of replies.filter((r) => r.sent > r.asked)) expect(outbox.filter((t) => t > r.asked && t < r.sent)).toEqual([]);
    // With room in the second, a reply goes at once.
    expect(replies.filter((r) => [300, 2_100, 2_900, 6_500].includes(r.asked)).every((r) => r.sent === r.asked)).toBe(true);
    // Outside the bursts the outbox keeps its own pace: about 8 a second over twelve seconds, less what the replies took.
    expect(outbox.length).toBeGreaterThan(12 * 8 - 28);
  });

  it("holds a reply only while the last second already has the bot's whole rate", async () => {
    const time = new EventTime();
    const budget = new SendBudget(3, time);
    const sent: number[] = [];
    for (let i = 0; i < 7; i++) void budget.reply().then(() => sent.push(time.at));
    await time.runUntil(5_000);
    expect(sent).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });
});
