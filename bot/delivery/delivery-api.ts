import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import type { Pacer } from "./pacer.js";

/** Where the worker's calls go. */
export interface BotApiTarget {
  token: string;
  apiRoot: string;
  /** How long one call may take before its outcome counts as unknown. */
  timeoutSeconds: number;
}

/**
 * Longer `retry_after` waits go back to the queue instead of holding the message's claim: with
 * the call timeout, one part holds its claim at most 4 × timeout + 3 × 10 s, within the lease.
 */
const MAX_RETRY_AFTER_SECONDS = 10;
const MAX_RETRIES_PER_CALL = 3;

/**
 * The worker's own client: a short timeout, so a hung call is noticed, and the auto-retry plugin
 * for Telegram's 429 (it waits `retry_after`), whose retries wait for a slot in the bot-wide rate
 * like first calls do. 5xx and network errors are left to the worker, which records them and
 * backs off through the outbox, so a crash forgets nothing.
 */
export function deliveryApi(target: BotApiTarget, pacer: Pacer): Api {
  const api = new Api(target.token, { apiRoot: target.apiRoot, timeoutSeconds: target.timeoutSeconds });
  // Installed first, so it runs inside auto-retry. The worker takes the first call's slot before
  // recording the call; a retry comes with the same payload and takes a slot of its own.
  const called = new WeakSet<object>();
  api.config.use(async (prev, method, payload, signal) => {
    if (called.has(payload)) await pacer.slot();
    else called.add(payload);
    return prev(method, payload, signal);
  });
  api.config.use(
    autoRetry({
      maxDelaySeconds: MAX_RETRY_AFTER_SECONDS,
      maxRetryAttempts: MAX_RETRIES_PER_CALL,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  return api;
}
