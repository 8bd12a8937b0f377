import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { count, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTBOX_LEADER_LOCK_KEY, startOutboxLeader, type OutboxLeader } from "../../bot/delivery/outbox-leader.js";
import { startOutboxWorker } from "../../bot/delivery/outbox-worker.js";
import { SendBudget } from "../../bot/delivery/send-budget.js";
import { enqueue } from "../../core/outbox/enqueue.js";
import { openDatabase, type Database } from "../../db/client.js";
import { outbox } from "../../db/schema/index.js";
import { createSandbox, type Sandbox } from "../../sandbox/emulator/index.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { NOTICE_KEY } from "./rig.js";

const TOKEN = "300000005:leader-test-token";
const CHATS = Array.from({ length: 60 }, (_, i) => 977_000 + i);
/**
 * The bot's rate, which Telegram (the emulator) enforces; the outbox takes 6 of it on whichever
 * instance sends, so two sending at once would go over it, while a busy test machine's timers
 * (the emulator shares the process) cannot bunch one sender's calls that far.
 */
const BOT_RATE = 10;
const PACE = { perSecond: 6, chatPerSecond: 1, groupPerMinute: 20 };

let db: TestDatabase;
let second: Database;
let sandbox: Sandbox;
let server: ServerType;
let instances: OutboxLeader[] = [];

/** One instance of the bot as far as the outbox goes: its own pool, budget and worker, behind the leader lock. */
function instance(database: Database, apiRoot: string): OutboxLeader {
  const ctx = testCtx(database);
  return startOutboxLeader(database, ctx.log, () =>
    startOutboxWorker(ctx, { token: TOKEN, apiRoot, timeoutSeconds: 10 }, { pace: PACE, leaseSeconds: 60, giveUpHours: 72, idleMs: 100, budget: new SendBudget(BOT_RATE) }),
  );
}

async function waitFor(ready: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sent = async () => (await db.database.db.select({ n: count() }).from(outbox).where(eq(outbox.status, "sent")))[0]!.n;

/** PGlite is one process, where the worker always runs: two instances can only share PostgreSQL. */
describe.skipIf(dbKind !== "PostgreSQL")(`two instances sending one outbox on ${dbKind}`, () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    second = await openDatabase({ url: db.url!, poolMax: 5 });
    sandbox = createSandbox({
      token: TOKEN,
      bot: { id: 300000005, username: "otinish_leader_bot", first_name: "Otinish" },
      demoUsers: CHATS.map((id) => ({ id, first_name: `Chat ${id}`, language_code: "en", demoRole: "citizen" })),
    });
    sandbox.faults.setCaps({ perSecond: BOT_RATE, chatPerSecond: 1 });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    (server as Server | undefined)?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await second?.close();
    await db?.dispose();
  });

  it("lets one of them send at a time, within the bot's rate and each message once; when the sender's connection is killed the other takes over", async () => {
    const ctx = testCtx(db.database);
    for (const chat of CHATS) await enqueue(ctx, ctx.db, { dedupeKey: `leader:${chat}`, chatId: chat, language: "en", key: NOTICE_KEY, params: { number: String(chat) } });
    const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    instances = [instance(db.database, apiRoot), instance(second, apiRoot)];
    await waitFor(() => instances.some((i) => i.leading()), "a leader");
    await waitFor(async () => (await sent()) >= 20, "a third of the messages");
    const leader = instances.find((i) => i.leading())!;
    const other = instances.find((i) => i !== leader)!;
    expect(other.leading()).toBe(false);

    // The leader's lock connection dies, as it does when its process is killed or its network cut.
    const admin = postgres(db.url!, { max: 1, onnotice: () => {} });
    try {
      const killed = await admin`select pg_terminate_backend(pid) as ok from pg_locks where locktype = 'advisory' and granted and objid = ${OUTBOX_LEADER_LOCK_KEY} and database = (select oid from pg_database where datname = current_database())`;
      expect(killed.map((row) => row.ok)).toEqual([true]);
    } finally {
      await admin.end();
    }
    await waitFor(() => other.leading(), "the other instance to take over", 15_000);
    expect(leader.leading()).toBe(false);
    await waitFor(async () => (await sent()) === CHATS.length, "every message");

    for (const chat of CHATS) expect(sandbox.state.chat(chat)!.messages.filter((m) => m.sender === "bot")).toHaveLength(1);
    expect(sandbox.faults.overCap).toEqual({ global: 0, chat: 0 });
    expect(sandbox.faults.accepted.count).toBe(CHATS.length);
  }, 120_000);
});
