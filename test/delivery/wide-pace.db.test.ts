import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WidePace } from "../../bot/delivery/wide-pace.js";
import { testCtx } from "../support/core.js";
import { openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * The bot-wide send clock: three instances' replies and one outbox, each with its own pace object
 * and nothing shared but the database, post no faster together than the bot's rate, and the
 * outbox waits while replies are queued anywhere. PostgreSQL only: the clock is used where several
 * instances can share a database; PGlite has one process and its own budget.
 */
const RATE = 20;

const postgres = process.env.OTINISH_TEST_DB === "postgres";

let db: TestDatabase;
beforeAll(async () => {
  if (postgres) db = await openTestDatabase();
});
afterAll(() => db?.dispose());

/**
 * The most sends in any one second, as this process saw them go. A send a busy machine lets through
 * late can land next to the following one, so one or two over the rate is timer lateness; instances
 * pacing alone would show three times the rate.
 */
const busiestSecond = (times: number[]) => Math.max(...times.map((t) => times.filter((s) => s >= t && s < t + 1000).length));

describe.skipIf(!postgres)("the bot-wide send clock on PostgreSQL", () => {
  it("keeps three instances' replies together under the rate, with the outbox stepping aside for them", { timeout: 30_000 }, async () => {
    const ctx = testCtx(db.database);
    const instances = [0, 1, 2].map(() => new WidePace(db.database.db, RATE, ctx.log));
    const replies: number[] = [];
    const outboxSends: number[] = [];
    let going = true;
    const outbox = (async () => {
      const pace = new WidePace(db.database.db, RATE, ctx.log);
      while (going) {
        await pace.outbox();
        outboxSends.push(performance.now());
      }
    })();
    // The outbox has the clock to itself for a moment, then each instance answers 15 people at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const began = performance.now();
    await Promise.all(instances.flatMap((pace) => Array.from({ length: 15 }, () => pace.reply().then(() => replies.push(performance.now())))));
    const ended = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    going = false;
    await outbox;

    const all = [...replies, ...outboxSends].sort((a, b) => a - b);
    expect(busiestSecond(all)).toBeLessThanOrEqual(RATE + 2);
    // 45 replies at 20 a second take over two seconds, whichever instance sent them.
    expect(ended - began).toBeGreaterThan((44 / RATE) * 1000 - 100);
    // The outbox sent before and after, but not while the replies were queued.
    expect(outboxSends.filter((t) => t < began).length).toBeGreaterThan(2);
    expect(outboxSends.filter((t) => t > ended).length).toBeGreaterThan(2);
    expect(outboxSends.filter((t) => t > began + 100 && t < ended - 100)).toEqual([]);
  });
});
