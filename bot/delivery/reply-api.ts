import { autoRetry } from "@grammyjs/auto-retry";
import type { Api } from "grammy";
import type { SendBudget } from "./send-budget.js";

/** A person waiting for an answer is worth a short wait, not a long one: a longer `retry_after` fails the reply. */
const MAX_RETRY_AFTER_SECONDS = 5;
const MAX_RETRIES = 2;

/** Calls that post a message, the ones Telegram's send limits count (a chat action or an edit is none). */
const postsMessage = (method: string) => (method.startsWith("send") && method !== "sendChatAction") || method === "copyMessage" || method === "forwardMessage";

/**
 * The bot's own client (its replies, menus, notices sent in place): every message it posts takes
 * its room in the bot's send budget first, ahead of the outbox; a 429 is waited out when Telegram
 * asks for at most five seconds, twice. What still fails goes to the error boundary, which logs
 * it with its update and tells the person. 5xx and network errors are not retried here: the
 * outcome of a reply that may have arrived is better left than doubled.
 */
export function paceReplies(api: Api, budget: SendBudget): void {
  // Installed first, so it runs inside auto-retry and a retry waits for room too.
  api.config.use(async (prev, method, payload, signal) => {
    if (postsMessage(method)) await budget.reply();
    return prev(method, payload, signal);
  });
  api.config.use(
    autoRetry({ maxDelaySeconds: MAX_RETRY_AFTER_SECONDS, maxRetryAttempts: MAX_RETRIES, rethrowInternalServerErrors: true, rethrowHttpErrors: true }),
  );
}
