import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { claimUpdates, markFailed, markHandled, markRetry, renewLeases } from "../../core/inbox/claims.js";
import { pruneHandledUpdates } from "../../core/inbox/prune.js";
import { storeUpdates, type IncomingUpdate } from "../../core/inbox/receive.js";
import { updates } from "../../db/schema/index.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database);
});
afterAll(() => tdb.dispose());

const update = (updateId: number, chatId: number, text = `text of ${updateId}`): IncomingUpdate => ({
  updateId,
  chatId,
  payload: { update_id: updateId, message: { message_id: updateId, chat: { id: chatId }, text } },
});
const claim = (worker: string, leaseMs = 60_000, held: number[] = []) => claimUpdates(ctx, { worker, limit: 10, leaseMs, held });
const ids = (rows: { updateId: number }[]) => rows.map((r) => r.updateId).sort((a, b) => a - b);
const stateOf = async (updateId: number) => (await ctx.db.select().from(updates).where(eq(updates.updateId, updateId)))[0];

describe(`the update inbox's table on ${dbKind}`, () => {
  it("keeps an update Telegram sends twice once, as it first came, byte for byte", async () => {
    const text = "Өтініш: «сот» <b>&amp;</b> \u0000 конец 😀";
    expect(await storeUpdates(ctx, [update(1, 501, text)])).toBe(1);
    expect(await storeUpdates(ctx, [update(1, 501, "a different text"), update(2, 502)])).toBe(1);
    const [claimed] = (await claim("w1")).filter((r) => r.updateId === 1);
    expect(claimed?.payload).toEqual(update(1, 501, text).payload);
    await markHandled(ctx, "w1", 1);
    await markHandled(ctx, "w1", 2);
  });

  it("hands out each chat's oldest unfinished update only, and the next one once it is done", async () => {
    await storeUpdates(ctx, [update(11, 601), update(12, 601), update(13, 602), update(14, 601)]);
    expect(ids(await claim("w1"))).toEqual([11, 13]);
    // Nothing more while both chats have an update in progress, for this worker or another.
    expect(await claim("w2")).toEqual([]);
    expect(await markHandled(ctx, "w1", 11)).toBe(true);
    expect(ids(await claim("w2"))).toEqual([12]);
    expect(await markFailed(ctx, "w2", 12)).toBe(true);
    // A failed update does not hold its chat up.
    expect(ids(await claim("w2"))).toEqual([14]);
    await markHandled(ctx, "w1", 13);
    await markHandled(ctx, "w2", 14);
  });

  it("holds a chat while its update waits out the pause before another try", async () => {
    await storeUpdates(ctx, [update(21, 701), update(22, 701)]);
    expect(ids(await claim("w1"))).toEqual([21]);
    expect(await markRetry(ctx, "w1", 21, 60_000)).toBe(true);
    expect(await claim("w1")).toEqual([]);
    expect(await stateOf(21)).toMatchObject({ state: "pending", attempts: 1 });
    // Its pause over, it is the chat's next update again, before the one behind it.
    await ctx.db.update(updates).set({ leaseUntil: null }).where(eq(updates.updateId, 21));
    const [again] = await claim("w1");
    expect(again).toMatchObject({ updateId: 21, attempts: 2 });
    await markHandled(ctx, "w1", 21);
    expect(ids(await claim("w1"))).toEqual([22]);
    await markHandled(ctx, "w1", 22);
  });

  it("gives a claim whose worker went quiet to another after the lease, and the first can no longer record it", async () => {
    await storeUpdates(ctx, [update(31, 801)]);
    expect(ids(await claim("dead", 50))).toEqual([31]);
    // The worker's own claim never takes back what it holds, even past the lease.
    expect(await claim("dead", 50, [31])).toEqual([]);
    const taken = await vi.waitFor(async () => {
      const rows = await claim("alive");
      expect(rows).toHaveLength(1);
      return rows[0]!;
    });
    expect(taken).toMatchObject({ updateId: 31, attempts: 2 });
    expect(await markHandled(ctx, "dead", 31)).toBe(false);
    expect(await markHandled(ctx, "alive", 31)).toBe(true);
    expect(await stateOf(31)).toMatchObject({ state: "done", claimedBy: "alive" });
  });

  it("calls a claim lost only when another worker has it, not when its own worker has just finished it", async () => {
    await storeUpdates(ctx, [update(35, 805), update(36, 806), update(37, 807)]);
    expect(ids(await claim("w1", 50))).toEqual([35, 36, 37]);
    await markHandled(ctx, "w1", 35);
    const taken = await vi.waitFor(async () => {
      const rows = await claim("w2", 60_000, []);
      expect(rows.length).toBeGreaterThan(0);
      return rows;
    });
    // w2 took both unfinished ones past their lease; w1 lost them, but finished 35 itself.
    expect(ids(taken)).toEqual([36, 37]);
    expect(await renewLeases(ctx, "w1", [35, 36, 37], 60_000)).toEqual([36, 37]);
    expect(await renewLeases(ctx, "w2", [36, 37], 60_000)).toEqual([]);
    for (const id of [36, 37]) await markHandled(ctx, "w2", id);
  });

  it("prunes handled and failed updates past the retention on the clock, and keeps the rest", async () => {
    ctx.clock.set("2026-04-01T12:00:00+05:00");
    await storeUpdates(ctx, [update(41, 901), update(42, 902), update(43, 903)]);
    for (const row of await claim("w1")) if (row.updateId !== 43) await markHandled(ctx, "w1", row.updateId);
    ctx.clock.set("2026-04-06T12:00:00+05:00");
    await storeUpdates(ctx, [update(44, 904)]);
    await markHandled(ctx, "w1", (await claim("w1"))[0]!.updateId);

    ctx.clock.set("2026-04-08T12:00:01+05:00");
    const pruned = await pruneHandledUpdates(ctx, 7);
    const left = ids(await ctx.db.select({ updateId: updates.updateId }).from(updates));
    // 41 and 42 (and every handled one from the earlier tests) are gone; 43 is still in progress, 44 is two days old.
    expect(left).toEqual([43, 44]);
    expect(pruned).toBeGreaterThanOrEqual(2);
    expect(await pruneHandledUpdates(ctx, 7)).toBe(0);
  });
});
