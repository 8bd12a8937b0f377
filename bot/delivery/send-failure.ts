import { GrammyError, HttpError } from "grammy";
import type { UnreachableReason } from "../../core/outbox/delivery.js";
import { refusalDescription } from "../telegram-refusal.js";

/** What a failed call means for the message. */
export type SendFailure =
  | { kind: "unreachable"; reason: UnreachableReason; error: string }
  | { kind: "retry"; error: string; retryAfterSeconds?: number; outcomeUnknown: boolean }
  | { kind: "refused"; error: string };

/**
 * Reads Telegram's answer (or its absence). A 429 still standing after the auto-retry plugin,
 * and 5xx, are passing: Telegram answered, so the message did not go out. A network error or a
 * timeout leaves it unknown whether it did. 401 and 404 mean the bot's token or server is wrong,
 * not the message: it waits for the fix. Other 4xx refuse this message for good.
 */
export function classifySendFailure(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const text = refusalDescription(error);
    if (error.error_code === 403) return { kind: "unreachable", reason: /deactivated/i.test(text) ? "deactivated" : "blocked", error: text };
    if (error.error_code === 400 && /chat not found/i.test(text)) return { kind: "unreachable", reason: "chat_not_found", error: text };
    if (error.error_code === 429) return { kind: "retry", error: text, retryAfterSeconds: error.parameters.retry_after, outcomeUnknown: false };
    if (error.error_code >= 500 || error.error_code === 401 || error.error_code === 404) return { kind: "retry", error: text, outcomeUnknown: false };
    return { kind: "refused", error: text };
  }
  const text = error instanceof HttpError || error instanceof Error ? error.message : String(error);
  return { kind: "retry", error: text, outcomeUnknown: true };
}
