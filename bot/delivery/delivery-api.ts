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
 * The worker's own client: a short timeout, so a hung call is noticed; every call, a retry too,
 * waits at the gate for its slot in the bot-wide rate, timed right before it leaves; and the
 * auto-retry plugin for Telegram's 429 (it waits `retry_after`). 5xx and network errors are left to the worker, which records them and
 * backs off through the outbox, so a crash forgets nothing.
 */
export function deliveryApi(target: BotApiTarget, gate: Pacer, onTooManyRequests: () => void = () => {}): Api {
  const api = new Api(target.token, { apiRoot: target.apiRoot, timeoutSeconds: target.timeoutSeconds });
  // Installed first, so it runs inside auto-retry: its retries wait at the gate too, and every 429
  // is seen, also those the plugin waits out.
  api.config.use(async (prev, method, payload, signal) => {
    await gate.slot();
    const answer = await prev(method, payload, signal);
    if (!answer.ok && answer.error_code === 429) onTooManyRequests();
    return answer;
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
