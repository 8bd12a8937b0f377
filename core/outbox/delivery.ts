import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import type { OutboxKeyboard } from "./enqueue.js";

export type OutboxRow = typeof outbox.$inferSelect;
export interface OutboxPayload {
  key: string;
  params: Record<string, string | number>;
  fileIds: number[];
  keyboard?: OutboxKeyboard;
}

/** After this many failed attempts a message is given up on and left for staff to see. */
export const MAX_ATTEMPTS = 8;
/** A claim older than this belongs to a worker that died mid-send; the row is taken again. */
const STALE_CLAIM_MS = 5 * 60_000;

/**
 * Takes up to `limit` due messages for sending. The claim is a status change committed before
 * any send, so two workers never take the same row (`skip locked` on PostgreSQL); a claim left by
 * a dead worker is taken again, so nothing is lost (at worst a message whose send was under way
 * goes out twice).
 */
export async function claimDue(ctx: Ctx, limit: number): Promise<OutboxRow[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        or(
          and(eq(outbox.status, "pending"), lte(outbox.notBefore, now)),
          and(eq(outbox.status, "sending"), lt(outbox.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS))),
        ),
      )
      .orderBy(asc(outbox.notBefore), asc(outbox.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ status: "sending", claimedAt: now, attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due.map((d) => d.id)))
      .returning();
  });
}

export async function markSent(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.update(outbox).set({ status: "sent", sentAt: ctx.clock.now(), lastError: null }).where(eq(outbox.id, id));
}

/** The person blocked the bot or deleted the chat: staff must answer by post. */
export async function markUnreachable(ctx: Ctx, id: number, error: string): Promise<void> {
  await ctx.db.update(outbox).set({ status: "unreachable", lastError: error.slice(0, 500) }).where(eq(outbox.id, id));
}

/** A passing failure: try again later, backing off, until MAX_ATTEMPTS. */
export async function markRetry(ctx: Ctx, row: OutboxRow, error: string, retryAfterSeconds?: number): Promise<void> {
  const backoff = retryAfterSeconds ?? Math.min(2 ** row.attempts, 300);
  const failed = row.attempts >= MAX_ATTEMPTS;
  await ctx.db
    .update(outbox)
    .set({
      status: failed ? "failed" : "pending",
      notBefore: new Date(ctx.clock.now().getTime() + backoff * 1000),
      lastError: error.slice(0, 500),
    })
    .where(eq(outbox.id, row.id));
}
