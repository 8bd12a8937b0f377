import type { Update } from "grammy/types";
import { updateKind } from "../metrics/update-metrics.js";

interface Carrier {
  chat?: { id: number };
  message?: { chat: { id: number } };
  from?: { id: number };
  user?: { id: number };
}

/**
 * Whose turn an update waits for: its chat (a button's chat is the message's), else the person
 * who sent it; 0 for the rare update with neither, which then wait for one another.
 */
export function chatOf(update: Update): number {
  const body = (update as unknown as Record<string, Carrier | undefined>)[updateKind(update)];
  return body?.chat?.id ?? body?.message?.chat.id ?? body?.from?.id ?? body?.user?.id ?? 0;
}

/** A body posted to the webhook is an update only with a whole, non-negative update_id. */
export function isUpdate(body: unknown): body is Update {
  const id = (body as { update_id?: unknown } | null)?.update_id;
  return typeof body === "object" && body !== null && Number.isSafeInteger(id) && (id as number) >= 0;
}
