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
      notBefore: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}
