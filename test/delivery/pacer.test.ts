import { describe, expect, it } from "vitest";
import type { PaceTime } from "../../bot/delivery/pace-time.js";
import { Pacer } from "../../bot/delivery/pacer.js";

/** Simulated time: a sleep moves the clock by its length plus `lateMs`, as a busy event loop does. */
function simulatedTime(lateMs = 0): PaceTime & { at: number } {
  const time = {
    at: 0,
    now: () => time.at,
    sleep: (ms: number) => {
      time.at += ms + lateMs;
      return Promise.resolve();
    },
  };
  return time;
}

const most = (starts: number[], windowMs: number) => Math.max(...starts.map((t) => starts.filter((s) => s >= t && s < t + windowMs).length));

describe("pacing proactive sends", () => {
  it("lets no second hold more than the bot-wide rate, nor a few sends bunch up", async () => {
    const time = simulatedTime();
    const pacer = new Pacer({ perSecond: 25, chatPerSecond: 1, groupPerMinute: 20 }, time);
    const starts: number[] = [];
    for (let i = 0; i < 200; i++) {
      await pacer.slot();
      starts.push(time.at);
    }
    expect(most(starts, 1000)).toBeLessThanOrEqual(25);
    expect(Math.min(...starts.slice(3).map((t, i) => t - starts[i]!))).toBeGreaterThanOrEqual((3 * 40) / 1.5 - 0.001);
  });

  it("makes up for late timers, so a busy event loop keeps the rate without breaking it", async () => {
    const time = simulatedTime(3);
    const pacer = new Pacer({ perSecond: 100, chatPerSecond: 1, groupPerMinute: 20 }, time);
    const starts: number[] = [];
    for (let i = 0; i < 1000; i++) {
      await pacer.slot();
      starts.push(time.at);
    }
    // 1,000 sends at 100/s take ten seconds; timers 3 ms late every time cost little of it.
    expect(time.at).toBeLessThan(10_300);
    expect(most(starts, 1000)).toBeLessThanOrEqual(100);
  });

  it("spreads a slow rate over a longer window", async () => {
    const time = simulatedTime();
    const pacer = new Pacer({ perSecond: 0.5, chatPerSecond: 1, groupPerMinute: 20 }, time);
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pacer.slot();
      starts.push(time.at);
    }
    expect(starts).toEqual([0, 2000, 4000, 6000]);
  });

  it("waits a second after a private chat's last answer, and three seconds for a group chat", async () => {
    const time = simulatedTime();
    const pacer = new Pacer({ perSecond: 25, chatPerSecond: 1, groupPerMinute: 20 }, time);
    pacer.answered(1001);
    pacer.answered(-1002);
    time.at += 400;
    await pacer.chat(1001);
    expect(time.at).toBe(1000);
    await pacer.chat(-1002);
    expect(time.at).toBe(3000);
    // Another chat has nothing to wait for.
    await pacer.chat(1003);
    expect(time.at).toBe(3000);
  });
});
