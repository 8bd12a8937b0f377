import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { outbox } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

export interface OutboxPart {
  key: string;
  params: Record<string, string | number>;
}

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
  /** Further paragraphs after the first, each its own locale key (a digest's groups). */
  parts?: OutboxPart[];
  /** The appeal a notice to its citizen is about: if it cannot be delivered, the appeal is answered by post. */
  appealId?: number;
  /** Not before this moment (a reminder); now when absent. */
  notBefore?: Date;
  /** Buttons under the message, by the name the bot knows them by and the record they act on. */
  keyboard?: OutboxKeyboard;
  /** Changes the message of this earlier outbox row in place (same chat) rather than sending a new one. */
  edit?: number;
}

export interface OutboxKeyboard {
  name: string;
  ref: number;
  /** Records a button each, with the text it shows (an appeal's number): a list's "open" buttons. */
  items?: { ref: number; text: string }[];
}

/** What the delivery worker renders: the message without its addressing. */
export function storedPayload(message: Omit<OutboxMessage, "dedupeKey" | "chatId" | "language">): Record<string, unknown> {
  return {
    key: message.key,
    params: message.params ?? {},
    fileIds: message.fileIds ?? [],
    ...(message.parts && { parts: message.parts }),
    ...(message.keyboard && { keyboard: message.keyboard }),
    ...(message.edit !== undefined && { edit: message.edit }),
  };
}

/**
 * Written in the caller's transaction, so a message exists exactly when its change does. Returns
 * false when a message with this key was already written.
 */
export async function enqueue(ctx: Ctx, db: DbOrTx, message: OutboxMessage): Promise<boolean> {
  return (await enqueueMany(ctx, db, [message])) > 0;
}

/** Rows per statement: well under PostgreSQL's limit of 65,535 parameters. */
const CHUNK = 1000;

/**
 * Many messages in few statements (a scheduled job's reminders); returns how many were new. Keys
 * go in sorted order, so two writers of the same batch wait for each other instead of deadlocking.
 */
export async function enqueueMany(ctx: Ctx, db: DbOrTx, messages: readonly OutboxMessage[]): Promise<number> {
  const now = ctx.clock.now();
  const sorted = [...messages].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0));
  let written = 0;
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const rows = await db
      .insert(outbox)
      .values(
        sorted.slice(i, i + CHUNK).map((message) => ({
          dedupeKey: message.dedupeKey,
          chatId: message.chatId,
          language: message.language,
          payload: storedPayload(message),
          appealId: message.appealId ?? null,
          notBefore: message.notBefore ?? now,
          dueAt: message.notBefore ?? now,
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
    written += rows.length;
  }
  return written;
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
