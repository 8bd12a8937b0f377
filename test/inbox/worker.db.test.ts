import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { renderOutbox } from "../../bot/delivery/render-outbox.js";
import { MAX_ATTEMPTS, startInboxWorker, type InboxWorker, type InboxWorkerOptions } from "../../bot/inbox/inbox-worker.js";
import { storeUpdates } from "../../core/inbox/receive.js";
import type { OutboxPayload } from "../../core/outbox/delivery.js";
import type { Ctx } from "../../core/shared/context.js";
import { openDatabase, type Database } from "../../db/client.js";
import { outbox, updates } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
/** A second instance's own connections on PostgreSQL; PGlite is one process, so the same database. */
let other: Database;
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database);
  other = tdb.url ? await openDatabase({ url: tdb.url, poolMax: 5 }) : tdb.database;
});
afterAll(async () => {
  if (other !== tdb.database) await other.close();
  await tdb.dispose();
});

interface Message {
  update_id: number;
  message: { chat: { id: number }; text: string };
}
const store = (list: [updateId: number, chatId: number][], text = (id: number) => `text ${id}`) =>
  storeUpdates(
    ctx,
    list.map(([updateId, chatId]) => ({ updateId, chatId, payload: { update_id: updateId, message: { chat: { id: chatId }, text: text(updateId) } } })),
  );
const idOf = (payload: unknown) => (payload as Message).update_id;
const chatOf = (payload: unknown) => (payload as Message).message.chat.id;
const rows = (ids: number[]) => ctx.db.select().from(updates).where(inArray(updates.updateId, ids));

/** Waits for what the workers do; they poll every half second for what another one left. */
const until = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 15_000, interval: 20 });

const running: InboxWorker[] = [];
function worker(core: Ctx, name: string, handle: (payload: unknown) => Promise<void>, options: Partial<InboxWorkerOptions> = {}): InboxWorker {
  const started = startInboxWorker(core, handle, { worker: name, concurrency: 4, leaseMs: 30_000, retryMs: 1, ...options });
  running.push(started);
  return started;
}
// Each test's workers stop with it, so the next test's updates are its own workers' alone.
afterEach(() => Promise.all(running.splice(0).map((w) => w.stop(0))));

describe(`the update inbox's worker on ${dbKind}`, () => {
  it("handles a chat's updates one after another in Telegram's order, and other chats meanwhile", async () => {
    await store([
      [101, 1001],
      [102, 1001],
      [103, 1002],
      [104, 1001],
      [105, 1002],
    ]);
    const seen: string[] = [];
    let releaseFirst!: () => void;
    const first = new Promise<void>((resolve) => (releaseFirst = resolve));
    const done = new Set<number>();
    worker(
      ctx,
      "order",
      async (payload) => {
        const id = idOf(payload);
        seen.push(`start ${id}`);
        // The first update of chat 1001 is slow: chat 1002 goes on without waiting for it.
        if (id === 101) await first;
        seen.push(`end ${id}`);
      },
      { onOutcome: (_, id) => void done.add(id) },
    );
    await until(() => expect(done).toEqual(new Set([103, 105])));
    expect(seen.filter((s) => / 10[124]$/.test(s))).toEqual(["start 101"]);
    releaseFirst();
    await until(() => expect(done.size).toBe(5));
    expect(seen.filter((s) => / 10[124]$/.test(s))).toEqual(["start 101", "end 101", "start 102", "end 102", "start 104", "end 104"]);
    expect(seen.filter((s) => / 10[35]$/.test(s))).toEqual(["start 103", "end 103", "start 105", "end 105"]);
  });

  it("tries a failing update again, then gives it up, logged by its id and never its text; its chat goes on", async () => {
    const admin = await staffMember(ctx, 2999, "admin");
    const secret = "Иванов, ИИН 870615400228, тел. +77011234567";
    await store(
      [
        [201, 2001],
        [202, 2001],
      ],
      (id) => (id === 201 ? secret : "after it"),
    );
    const tries: number[] = [];
    const givenUp: unknown[] = [];
    const done = new Set<number>();
    worker(
      ctx,
      "failing",
      async (payload) => {
        tries.push(idOf(payload));
        if (idOf(payload) === 201) throw new Error("the handler broke");
      },
      { onGivenUp: (payload) => givenUp.push(payload), onOutcome: (outcome, id) => void (outcome !== "retried" && done.add(id)) },
    );
    await until(() => expect(done).toEqual(new Set([201, 202])));
    expect(tries).toEqual([...Array<number>(MAX_ATTEMPTS).fill(201), 202]);
    expect(givenUp.map(idOf)).toEqual([201]);
    expect(Object.fromEntries((await rows([201, 202])).map((r) => [r.updateId, r.state]))).toEqual({ 201: "failed", 202: "done" });
    const logged = ctx.log.warnings.filter((entry) => (entry as { update?: number }).update === 201);
    expect(logged).toHaveLength(MAX_ATTEMPTS);
    expect(logged.at(-1)).toMatchObject({ update: 201, attempts: MAX_ATTEMPTS });
    expect(JSON.stringify(ctx.log.warnings)).not.toMatch(/870615400228|Иванов|77011234567/);
    // The administrator is told it happened and where to look, without what the person wrote.
    const notices = (await ctx.db.select().from(outbox)).filter((row) => row.dedupeKey.startsWith("update-failed:"));
    expect(notices.map((row) => [row.chatId, row.dedupeKey])).toEqual([[admin.telegramId, `update-failed:2026-03-02:${admin.userId}`]]);
    expect(renderOutbox(notices[0]!.payload as OutboxPayload, "ru").join("")).toBe(
      "⚠️ Не удалось обработать сообщение пользователя или нажатие им кнопки (02.03.2026 09:00, обновление 201, попыток: 5); пользователю сообщено о сбое на нашей стороне. Полный текст ошибки — в журнале бота. Сегодня о таких сбоях больше не сообщим.",
    );
    expect(JSON.stringify(notices)).not.toMatch(/870615400228|Иванов|77011234567/);
  });

  it("leaves an update it could not finish before stopping to the next worker, after the lease", async () => {
    await store([
      [301, 3001],
      [302, 3001],
    ]);
    const stuck = worker(ctx, "crashing", () => new Promise<void>(() => {}), { leaseMs: 300 });
    await until(async () => expect((await rows([301]))[0]).toMatchObject({ state: "in_progress", claimedBy: "crashing" }));
    await stuck.stop(0);
    const handled: number[] = [];
    worker(ctx, "next", async (payload) => void handled.push(idOf(payload)), { leaseMs: 300 });
    await until(() => expect(handled).toEqual([301, 302]));
    await until(async () => expect((await rows([301]))[0]).toMatchObject({ state: "done", claimedBy: "next", attempts: 2 }));
  });

  it("with two instances on one database, handles every update once and never two of one chat at a time", async () => {
    const chats = [4001, 4002, 4003, 4004, 4005, 4006];
    const list = Array.from({ length: 60 }, (_, i): [number, number] => [400 + i, chats[i % chats.length]!]);
    await store(list);
    const handled: { id: number; chat: number; by: string }[] = [];
    const busy = new Set<number>();
    const overlaps: number[] = [];
    const handle = (by: string, core: Ctx) => async (payload: unknown) => {
      const chat = chatOf(payload);
      if (busy.has(chat)) overlaps.push(chat);
      busy.add(chat);
      // A query in the middle, so the instances' claims interleave with the work.
      await core.db.select({ id: updates.updateId }).from(updates).where(eq(updates.updateId, idOf(payload)));
      busy.delete(chat);
      handled.push({ id: idOf(payload), chat, by });
    };
    const otherCtx = { ...ctx, db: other.db };
    worker(ctx, "instance-a", handle("a", ctx), { concurrency: 3 });
    worker(otherCtx, "instance-b", handle("b", otherCtx), { concurrency: 3 });
    await until(() => expect(handled).toHaveLength(60));
    expect(overlaps).toEqual([]);
    expect(new Set(handled.map((h) => h.id)).size).toBe(60);
    for (const chat of chats) {
      const order = handled.filter((h) => h.chat === chat).map((h) => h.id);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });
});
