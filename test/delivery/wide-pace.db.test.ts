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

/** The most moments in any one second. */
const busiestSecond = (times: number[]) => Math.max(...times.map((t) => times.filter((s) => s >= t && s < t + 1000).length));

describe.skipIf(!postgres)("the bot-wide send clock on PostgreSQL", () => {
  it("keeps three instances' replies together under the rate, with the outbox stepping aside for them", { timeout: 30_000 }, async () => {
    const ctx = testCtx(db.database);
    const instances = [0, 1, 2].map(() => new WidePace(db.database.db, RATE, ctx.log));
    const outboxMoments: number[] = [];
    let going = true;
    const outbox = (async () => {
      const pace = new WidePace(db.database.db, RATE, ctx.log);
      while (going) outboxMoments.push(await pace.outbox());
    })();
    // The outbox has the clock to itself for a moment, then each instance answers 15 people at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const began = performance.now();
    const replyMoments = await Promise.all(instances.flatMap((pace) => Array.from({ length: 15 }, () => pace.reply())));
    const ended = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    going = false;
    await outbox;

    // The moments the clock gave out (the database's time, so no timer's lateness counts).
    expect(replyMoments.every(Number.isFinite)).toBe(true);
    expect(busiestSecond([...replyMoments, ...outboxMoments])).toBeLessThanOrEqual(RATE);
    // And the replies really waited for them: 45 at 20 a second take over two seconds.
    expect(ended - began).toBeGreaterThan((44 / RATE) * 1000 - 100);
    // The outbox sent before and after, but (barring a reply that reached the database late) not while replies were queued.
    const [first, last] = [Math.min(...replyMoments), Math.max(...replyMoments)];
    expect(outboxMoments.filter((t) => t < first).length).toBeGreaterThan(2);
    expect(outboxMoments.filter((t) => t > last).length).toBeGreaterThan(2);
    expect(outboxMoments.filter((t) => t > first && t < last).length).toBeLessThanOrEqual(1);
  });
});
