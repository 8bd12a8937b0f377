import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { eq } from "drizzle-orm";
import { startOutboxWorker, type OutboxWorker, type SendResult } from "../../bot/delivery/outbox-worker.js";
import type { Pace } from "../../bot/delivery/pacer.js";
import { createSandbox, type Sandbox } from "../../sandbox/emulator/index.js";
import { enqueue, type OutboxMessage } from "../../core/outbox/enqueue.js";
import { outbox } from "../../db/schema/index.js";
import { testCtx } from "../support/core.js";
import { openTestDatabase, type TestDatabase } from "../support/db.js";

const TOKEN = "300000003:delivery-test-token";
/** The notice the tests send: its number is how a test tells messages apart. */
export const NOTICE_KEY = "staff.notice.draft_submitted";
export const LEASE_SECONDS = 60;
export const GIVE_UP_HOURS = 72;

export interface DeliveryRig {
  ctx: ReturnType<typeof testCtx>;
  sandbox: Sandbox;
  db: TestDatabase;
  /** Writes a notice with `marker` as its number, as the core would. */
  notice(chatId: number, marker: string, extra?: Partial<OutboxMessage>): Promise<void>;
  /** The markers of the notices a chat received, in the order it received them. */
  received(chatId: number): string[];
  /** Waits until `ready` holds (looked at every few milliseconds); fails after `timeoutMs`. */
  waitFor(ready: () => boolean | Promise<boolean>, what: string, timeoutMs?: number): Promise<void>;
  /** Waits until the message's row has this status. */
  settled(marker: string, status: string): Promise<void>;
  row(marker: string): Promise<typeof outbox.$inferSelect>;
  /** What the worker reported for metrics, in order. */
  results: SendResult[];
  startWorker(): void;
  stopWorker(): Promise<void>;
  dispose(): Promise<void>;
}

const POLL_MS = 20;

async function waitFor(ready: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * The delivery worker as the app runs it, against the Bot API emulator over HTTP, on a fresh
 * test database with a clock the test moves. `chats` are the people the emulator knows.
 */
export async function startDeliveryRig(chats: number[], pace: Partial<Pace> = {}, timeoutSeconds = 10): Promise<DeliveryRig> {
  const db = await openTestDatabase();
  const ctx = testCtx(db.database);
  const sandbox = createSandbox({
    token: TOKEN,
    bot: { id: 300000003, username: "otinish_delivery_bot", first_name: "Otinish" },
    demoUsers: chats.map((id) => ({ id, first_name: `Chat ${id}`, language_code: "en", demoRole: "citizen" })),
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fullPace: Pace = { perSecond: 50, chatPerSecond: 50, groupPerMinute: 20, ...pace };
  let worker: OutboxWorker | undefined;
  const results: SendResult[] = [];

  const received = (chatId: number) =>
    (sandbox.state.chat(chatId)?.messages ?? [])
      .filter((m) => m.sender === "bot")
      .map((m) => /appeal (\S+) awaits/.exec(m.content.text ?? "")?.[1] ?? "");

  async function row(marker: string) {
    const [found] = await ctx.db.select().from(outbox).where(eq(outbox.dedupeKey, `test:${marker}`));
    return found!;
  }

  return {
    ctx,
    sandbox,
    db,
    notice: async (chatId, marker, extra = {}) =>
      void await enqueue(ctx, ctx.db, { dedupeKey: `test:${marker}`, chatId, language: "en", key: NOTICE_KEY, params: { number: marker }, ...extra }),
    received,
    waitFor,
    row,
    results,
    settled: (marker, status) => waitFor(async () => (await row(marker)).status === status, `${marker} to be ${status}`),
    startWorker() {
      worker = startOutboxWorker(ctx, { token: TOKEN, apiRoot, timeoutSeconds }, { pace: fullPace, leaseSeconds: LEASE_SECONDS, giveUpHours: GIVE_UP_HOURS, idleMs: 100, onSend: (result) => void results.push(result) });
    },
    async stopWorker() {
      await worker?.stop();
      worker = undefined;
    },
    async dispose() {
      await worker?.stop();
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.dispose();
    },
  };
}
