import type { Update } from "grammy/types";
import { storeUpdates } from "../../core/inbox/receive.js";
import type { Ctx } from "../../core/shared/context.js";
import { chatOf } from "./update-chat.js";

/** Stores a batch of updates before Telegram is told they arrived; throws when they were not stored. */
export type Receive = (batch: readonly Update[]) => Promise<void>;

/**
 * Stores what Telegram delivers in the inbox and wakes this instance's worker at once (others find
 * it at their next poll). When the database cannot take them, each sender is told once, and the
 * caller leaves the updates unacknowledged so Telegram delivers them again.
 */
export function receiver(core: Ctx, wake: () => void, apologize: (update: Update) => void): Receive {
  return async (batch) => {
    try {
      await storeUpdates(
        core,
        batch.map((update) => ({ updateId: update.update_id, chatId: chatOf(update), payload: update })),
      );
    } catch (error) {
      for (const update of batch) apologize(update);
      throw error;
    }
    wake();
  };
}
