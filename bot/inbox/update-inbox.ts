import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Context } from "hono";
import type { Ctx } from "../../core/shared/context.js";
import type { BotContext } from "../context.js";
import { apologizer } from "./apology.js";
import { haltable } from "./halt.js";
import { startInboxWorker, type InboxOutcome } from "./inbox-worker.js";
import { startPolling } from "./polling.js";
import { receiver } from "./receive.js";
import { webhookHandler } from "./webhook.js";

/** Updates handled at once, each of a different chat. */
const IN_FLIGHT = 8;

export interface UpdateInboxOptions {
  /** Long polling, or the secret Telegram's webhook calls must carry. */
  transport: "polling" | { webhookSecret: string };
  leaseSeconds: number;
  /** The pause before a failed update is tried again, doubled at each try. */
  retrySeconds: number;
  onOutcome?: (outcome: InboxOutcome, updateId: number) => void;
}

export interface UpdateInbox {
  /** The webhook route's handler, in webhook mode. */
  webhook: ((c: Context) => Promise<Response>) | undefined;
  /** Takes no more updates, finishes those in hand within a lease, and cuts the Telegram calls of any left. */
  stop(): Promise<void>;
}

/**
 * Telegram's updates through the inbox: received (polling or webhook) into the `updates` table,
 * then handled by the bot from there, each chat's in order across every instance.
 */
export function startUpdateInbox(bot: Bot<BotContext>, core: Ctx, options: UpdateInboxOptions): UpdateInbox {
  const leaseMs = options.leaseSeconds * 1000;
  const halt = haltable(bot);
  const apologize = apologizer(bot.api, core);
  const worker = startInboxWorker(core, handler(bot), {
    worker: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`,
    concurrency: IN_FLIGHT,
    leaseMs,
    retryMs: options.retrySeconds * 1000,
    onOutcome: options.onOutcome,
    onGivenUp: (payload) => apologize(payload as Update),
  });
  const receive = receiver(core, worker.wake, apologize);
  const polling = options.transport === "polling" ? startPolling(bot.api, receive, core.log) : undefined;
  const onWebhook = options.transport === "polling" ? undefined : webhookHandler(options.transport.webhookSecret, receive, core.log);
  // Once stopping, Telegram is asked to send again later, to an instance that stays.
  let accepting = true;
  return {
    webhook: onWebhook && ((c) => (accepting ? onWebhook(c) : Promise.resolve(c.text("stopping", 503)))),
    async stop() {
      accepting = false;
      await polling?.stop();
      await worker.stop(leaseMs);
      halt.abort();
    },
  };
}

/** Runs one stored update through the bot; a failure comes out as the error itself, without the update it carries. */
export function handler(bot: Bot<BotContext>): (payload: unknown) => Promise<void> {
  return async (payload) => {
    try {
      await bot.handleUpdate(payload as Update);
    } catch (error) {
      throw error instanceof BotError ? error.error : error;
    }
  };
}
