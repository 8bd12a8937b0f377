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
  /** The appeal a notice to its citizen is about: if it cannot be delivered, the appeal is answered by post. */
  appealId?: number;
  /** Not before this moment (a reminder); now when absent. */
  notBefore?: Date;
}

/** Written in the caller's transaction, so a message exists exactly when its change does. */
export async function enqueue(ctx: Ctx, db: DbOrTx, message: OutboxMessage): Promise<void> {
  const now = ctx.clock.now();
  await db
    .insert(outbox)
    .values({
      dedupeKey: message.dedupeKey,
      chatId: message.chatId,
      language: message.language,
      payload: { key: message.key, params: message.params ?? {}, fileIds: message.fileIds ?? [] },
      appealId: message.appealId ?? null,
      notBefore: message.notBefore ?? now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
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
