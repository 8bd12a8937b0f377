import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { outbox } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

/** A message for the delivery worker: a locale key and its parameters, rendered when sent. */
export interface OutboxMessage {
  /** Unique per message: writing the same key twice keeps one row. */
  dedupeKey: string;
  chatId: number;
  language: string;
  key: string;
  params?: Record<string, string | number>;
  /** Stored files to attach, by id. */
  fileIds?: number[];
  /** Not before this moment (a reminder); now when absent. */
  notBefore?: Date;
  /** Buttons under the message, by the name the bot knows them by and the record they act on. */
  keyboard?: OutboxKeyboard;
}

export interface OutboxKeyboard {
  name: string;
  ref: number;
}

/**
 * Written in the caller's transaction, so a message exists exactly when its change does. Returns
 * false when a message with this key was already written.
 */
export async function enqueue(ctx: Ctx, db: DbOrTx, message: OutboxMessage): Promise<boolean> {
  const now = ctx.clock.now();
  const written = await db
    .insert(outbox)
    .values({
      dedupeKey: message.dedupeKey,
      chatId: message.chatId,
      language: message.language,
      payload: { key: message.key, params: message.params ?? {}, fileIds: message.fileIds ?? [], ...(message.keyboard && { keyboard: message.keyboard }) },
      notBefore: message.notBefore ?? now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return written.length > 0;
}

/**
 * Withdraws messages not yet taken for sending (a reminder for a booking that was moved or
 * cancelled), in the caller's transaction. Returns how many were withdrawn.
 */
export async function cancelQueued(db: DbOrTx, dedupeKeys: string[]): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const cancelled = await db
    .update(outbox)
    .set({ status: "cancelled" })
    .where(and(inArray(outbox.dedupeKey, dedupeKeys), eq(outbox.status, "pending")))
    .returning({ id: outbox.id });
  return cancelled.length;
}
