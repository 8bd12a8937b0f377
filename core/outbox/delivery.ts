import { and, asc, eq, gt, inArray, lt, lte, notExists, notInArray, or, sql, type SQL } from "drizzle-orm";
import { notifyRoles } from "../staff/notify.js";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../../db/client.js";
import { appeals, byPost, outbox } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { tellAdminsOfGiveUp } from "./alerts.js";
import { type OutboxKeyboard, type OutboxPart } from "./enqueue.js";

export type OutboxRow = typeof outbox.$inferSelect;
export interface OutboxPayload {
  key: string;
  params: Record<string, string | number>;
  fileIds: number[];
  parts?: OutboxPart[];
  keyboard?: OutboxKeyboard;
  /** Changes an earlier message (another outbox row's) in place instead of sending a new one. */
  edit?: number;
}

/** The longest pause between two tries of one message. */
const MAX_BACKOFF_SECONDS = 300;

/** Why a person cannot be written to; an appeal's notice then goes by post. */
export type UnreachableReason = "blocked" | "deactivated" | "chat_not_found";

const earlier = alias(outbox, "earlier");

/**
 * Takes up to `limit` due messages for sending, at most one per chat: a message waits while an
 * earlier one to its chat is being sent, is due, or is waiting to be tried again, so a chat reads
 * them in the order they were written. The claim is a status change committed before any send,
 * so two workers never take the same row (`skip locked` on PostgreSQL). A claim older than
 * `leaseMs` belongs to a worker that died; the row is taken again, unless it is one of `held`,
 * the rows the calling worker is still working on (a clock moved by a test cannot take them back).
 */
export async function claimDue(ctx: Ctx, limit: number, leaseMs: number, held: readonly number[] = []): Promise<OutboxRow[]> {
  const now = ctx.clock.now();
  const expired = new Date(now.getTime() - leaseMs);
  // An earlier message is ahead while it is being sent, is due, or waits to be tried again;
  // a reminder for later does not hold back what is due now.
  const ahead = ctx.db
    .select({ id: earlier.id })
    .from(earlier)
    .where(
      and(
        eq(earlier.chatId, outbox.chatId),
        lt(earlier.id, outbox.id),
        or(eq(earlier.status, "sending"), and(eq(earlier.status, "pending"), or(lte(earlier.notBefore, now), gt(earlier.attempts, 0)))),
      ),
    );
  return ctx.db.transaction(async (tx) => {
    // Two queries rather than one with OR, so each walks its own small index in order and stops early.
    const take = (where: SQL | undefined, n: number) =>
      n <= 0
        ? Promise.resolve([])
        : tx
            .select({ id: outbox.id })
            .from(outbox)
            .where(and(where, notExists(ahead)))
            .orderBy(asc(outbox.notBefore), asc(outbox.id))
            .limit(n)
            .for("update", { of: outbox, skipLocked: true });
    const abandoned = await take(
      and(eq(outbox.status, "sending"), lte(outbox.claimedAt, expired), held.length > 0 ? notInArray(outbox.id, [...held]) : undefined),
      limit,
    );
    const due = await take(and(eq(outbox.status, "pending"), lte(outbox.notBefore, now)), limit - abandoned.length);
    const ids = [...abandoned, ...due].map((row) => row.id);
    if (ids.length === 0) return [];
    return tx.update(outbox).set({ status: "sending", claimedAt: now }).where(inArray(outbox.id, ids)).returning();
  });
}

/** Only the worker holding the claim may record an outcome; a reclaimed row has moved on. */
const stillMine = (row: OutboxRow) => and(eq(outbox.id, row.id), eq(outbox.status, "sending"), eq(outbox.claimedAt, row.claimedAt!));

/**
 * Records, before the call, that a part is about to go out. If the previous call for it never
 * reported back (a crash, a timeout), this call may repeat a message the person already has:
 * Telegram offers a bot no way to ask, so it is sent again and counted. Each part renews the
 * claim's lease; the first part of a claim counts one try of the whole message. Returns the row
 * as it now is, or null when the claim was lost and nothing must be sent.
 */
export async function beginPart(ctx: Ctx, row: OutboxRow, firstOfTry: boolean): Promise<OutboxRow | null> {
  const [updated] = await ctx.db
    .update(outbox)
    .set({
      claimedAt: ctx.clock.now(),
      inFlightAt: ctx.clock.now(),
      attempts: sql`${outbox.attempts} + ${firstOfTry ? 1 : 0}`,
      unknownOutcomes: sql`${outbox.unknownOutcomes} + (case when ${outbox.inFlightAt} is null then 0 else 1 end)`,
    })
    .where(stillMine(row))
    .returning();
  return updated ?? null;
}

/** Telegram confirmed a part; a resend after a crash starts with the next one. `messageId`: the part carried the buttons. */
export async function partDone(ctx: Ctx, row: OutboxRow, partsDone: number, messageId?: number): Promise<void> {
  await ctx.db.update(outbox).set({ partsDone, inFlightAt: null, ...(messageId !== undefined && { messageId }) }).where(stillMine(row));
}

export async function markSent(ctx: Ctx, row: OutboxRow, messageId?: number): Promise<void> {
  await ctx.db
    .update(outbox)
    .set({ status: "sent", sentAt: ctx.clock.now(), inFlightAt: null, lastError: null, ...(messageId !== undefined && { messageId }) })
    .where(stillMine(row));
}

/** Where the message an edit changes is, once sent; null when it never went out (nothing to change). */
export async function editTarget(ctx: Ctx, outboxId: number): Promise<{ chatId: number; messageId: number } | null> {
  const [row] = await ctx.db.select({ chatId: outbox.chatId, messageId: outbox.messageId }).from(outbox).where(eq(outbox.id, outboxId));
  return row?.messageId == null ? null : { chatId: row.chatId, messageId: row.messageId };
}

/**
 * The person blocked the bot or their chat is gone. A notice about an appeal puts the appeal in
 * the "answer by post" list (one open entry per appeal), in the same transaction.
 */
export async function markUnreachable(ctx: Ctx, row: OutboxRow, reason: UnreachableReason, error: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [marked] = await tx
      .update(outbox)
      .set({ status: "unreachable", inFlightAt: null, lastError: error.slice(0, 500) })
      .where(stillMine(row))
      .returning({ id: outbox.id, appealId: outbox.appealId });
    if (marked?.appealId == null) return;
    const [entry] = await tx
      .insert(byPost)
      .values({ appealId: marked.appealId, outboxId: marked.id, reason, recordedAt: ctx.clock.now() })
      .onConflictDoNothing({ target: byPost.appealId, where: sql`${byPost.clearedAt} is null` })
      .returning({ id: byPost.id });
    if (entry) await tellRegistrars(ctx, tx, entry.id, marked.appealId);
  });
}

/** A new entry on the list is news for the registry: each registrar is told once, with the command that shows it. */
async function tellRegistrars(ctx: Ctx, tx: Tx, entryId: number, appealId: number): Promise<void> {
  const [appeal] = await tx.select({ number: appeals.number, restricted: appeals.restricted }).from(appeals).where(eq(appeals.id, appealId));
  await notifyRoles(ctx, tx, { roles: ["registrar"], clearedOnly: appeal?.restricted ?? false }, (registrarId) => `by_post:${entryId}:registrar:${registrarId}`, {
    key: "staff.notice.by_post_added",
    params: { number: appeal?.number ?? "" },
  });
}

export interface RetryOptions {
  /** Telegram's `retry_after`, when it gave one. */
  retryAfterSeconds?: number;
  /** The call may have reached Telegram (a timeout, a dropped connection): the next one counts as a resend. */
  outcomeUnknown: boolean;
  /** How long a message may wait past its time before a failed try gives it up. */
  giveUpAfterMs: number;
}

/**
 * A passing failure (Telegram or the network down, a wrong token or server, a flood): try again
 * later, backing off up to five minutes, however many tries it takes; later messages to the chat
 * wait. Only age gives a message up: a try that fails once it has waited `giveUpAfterMs` past its
 * time. Returns true when it was given up.
 */
export async function markRetry(ctx: Ctx, row: OutboxRow, error: string, options: RetryOptions): Promise<boolean> {
  const now = ctx.clock.now();
  if (now.getTime() - row.dueAt.getTime() >= options.giveUpAfterMs) return giveUp(ctx, row, error, options.outcomeUnknown);
  const backoff = options.retryAfterSeconds ?? Math.min(2 ** Math.max(row.attempts, 1), MAX_BACKOFF_SECONDS);
  await ctx.db
    .update(outbox)
    .set({
      status: "pending",
      claimedAt: null,
      notBefore: new Date(now.getTime() + backoff * 1000),
      lastError: error.slice(0, 500),
      ...(options.outcomeUnknown ? {} : { inFlightAt: null }),
    })
    .where(stillMine(row));
  return false;
}

/** Telegram refused the message itself (a malformed text): trying again would not help. */
export async function markFailed(ctx: Ctx, row: OutboxRow, error: string): Promise<void> {
  await giveUp(ctx, row, error, false);
}

/**
 * Leaves the message for an administrator to send again, and tells the administrators in the
 * same transaction, so no message is given up without them hearing of it.
 */
async function giveUp(ctx: Ctx, row: OutboxRow, error: string, outcomeUnknown: boolean): Promise<boolean> {
  const given = await ctx.db.transaction(async (tx) => {
    const [failed] = await tx
      .update(outbox)
      .set({ status: "failed", failedAt: ctx.clock.now(), claimedAt: null, lastError: error.slice(0, 500), ...(outcomeUnknown ? {} : { inFlightAt: null }) })
      .where(stillMine(row))
      .returning({ id: outbox.id });
    if (failed) await tellAdminsOfGiveUp(ctx, tx, error);
    return failed !== undefined;
  });
  if (given) ctx.log.error({ outbox: row.id, dueAt: row.dueAt, attempts: row.attempts, error }, "outbox message given up");
  return given;
}

/** Hands claimed rows whose send has not started back to the queue, for the next worker at once. */
export async function release(ctx: Ctx, row: OutboxRow): Promise<void> {
  await ctx.db.update(outbox).set({ status: "pending", claimedAt: null }).where(stillMine(row));
}
