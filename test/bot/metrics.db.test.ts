import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseGauges } from "../../bot/metrics/database-gauges.js";
import { createMetrics, type AppMetrics } from "../../bot/metrics/metrics.js";
import { startScheduler } from "../../bot/scheduler.js";
import { enqueue } from "../../core/outbox/enqueue.js";
import { outbox } from "../../db/schema/index.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let metrics: AppMetrics;

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database);
  metrics = createMetrics();
  databaseGauges(metrics, ctx, tdb.database);
});
afterAll(() => tdb.dispose());

async function value(series: string): Promise<number | undefined> {
  const line = (await metrics.scrape()).body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const minutes = (n: number) => new Date(ctx.clock.now().getTime() + n * 60_000);
const notice = (key: string, notBefore: Date) => enqueue(ctx, ctx.db, { dedupeKey: key, chatId: 973001, language: "ru", key: "hint.flood", notBefore });

describe(`metrics read at scrape time on ${dbKind}`, () => {
  it("show the outbox's waiting messages and how long the oldest due one has waited", async () => {
    expect(await value("otinish_outbox_queue_depth")).toBe(0);
    expect(await value("otinish_outbox_oldest_due_seconds")).toBe(0);
    await notice("late", minutes(-10));
    await notice("due", minutes(-1));
    await notice("later", minutes(60));
    await notice("delivered", minutes(-30));
    await ctx.db.update(outbox).set({ status: "sent" }).where(eq(outbox.dedupeKey, "delivered"));

    expect(await value("otinish_outbox_queue_depth")).toBe(3);
    expect(await value("otinish_outbox_oldest_due_seconds")).toBe(600);
  });

  it("show a database connection in use while a transaction is open, and none after", async () => {
    let finish!: () => void;
    const open = new Promise<void>((resolve) => (finish = resolve));
    let begun!: () => void;
    const inside = new Promise<void>((resolve) => (begun = resolve));
    const transaction = ctx.db.transaction(async (tx) => {
      await tx.select().from(outbox).limit(1);
      begun();
      await open;
    });
    await inside;
    expect(await value("otinish_db_pool_in_use")).toBe(1);
    finish();
    await transaction;
    // A scrape made during the transaction may have its own statement still queued behind it.
    await expect.poll(() => value("otinish_db_pool_in_use")).toBe(0);
    expect(await value("otinish_db_pool_size")).toBe(dbKind === "PGlite" ? 1 : 20);
  });

  it("count each scheduled job's runs and failures", async () => {
    const jobs = [
      { name: "works", cron: "0 9 * * *", run: async () => 0 },
      { name: "breaks", cron: "0 9 * * *", run: async () => Promise.reject(new Error("no")) },
    ];
    const scheduler = startScheduler(ctx, jobs, metrics.countJob);
    await scheduler.caughtUp;
    await scheduler.stop();
    expect(await value('otinish_scheduled_job_runs_total{job="works"}')).toBe(1);
    expect(await value('otinish_scheduled_job_failures_total{job="works"}')).toBe(0);
    expect(await value('otinish_scheduled_job_runs_total{job="breaks"}')).toBe(1);
    expect(await value('otinish_scheduled_job_failures_total{job="breaks"}')).toBe(1);
  });
});
