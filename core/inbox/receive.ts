import { updates } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

/** An update as the inbox keeps it: Telegram's id, whose turn it waits for, and the update itself. */
export interface IncomingUpdate {
  updateId: number;
  chatId: number;
  payload: unknown;
}

/**
 * Writes updates to the inbox, in one statement; one already there (Telegram sent it again) is
 * left as it is. Returns how many were new. Only once this returns may Telegram be told they
 * arrived.
 */
export async function storeUpdates(ctx: Ctx, incoming: readonly IncomingUpdate[]): Promise<number> {
  if (incoming.length === 0) return 0;
  const receivedAt = ctx.clock.now();
  const stored = await ctx.db
    .insert(updates)
    .values(incoming.map((u) => ({ updateId: u.updateId, chatId: u.chatId, payload: u.payload, receivedAt })))
    .onConflictDoNothing({ target: updates.updateId })
    .returning({ updateId: updates.updateId });
  return stored.length;
}
