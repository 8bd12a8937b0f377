import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";

/** Longer `retry_after` waits go back to the queue instead of holding the message's claim. */
const MAX_RETRY_AFTER_SECONDS = 30;
const MAX_RETRIES_PER_CALL = 5;

/**
 * The worker's own client: a short timeout, so a hung call is noticed, and the auto-retry plugin
 * for Telegram's 429 (it waits `retry_after`). 5xx and network errors are left to the worker,
 * which records them and backs off through the outbox, so a crash forgets nothing.
 */
export function deliveryApi(token: string, apiRoot: string, timeoutSeconds: number): Api {
  const api = new Api(token, { apiRoot, timeoutSeconds });
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
