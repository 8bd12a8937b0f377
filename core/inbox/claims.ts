import { and, asc, eq, inArray, notExists, sql, type Placeholder } from "drizzle-orm";
import { preparedPer } from "../../db/prepared.js";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { updates } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

export interface ClaimedUpdate {
  updateId: number;
  chatId: number;
  payload: unknown;
  /** Claims so far, this one included. */
  attempts: number;
}

export interface ClaimRequest {
  /** Who claims: one id per running app, so a row it lost to another is not written by it. */
  worker: string;
  limit: number;
  leaseMs: number;
  /** Updates this worker is still handling, never taken back by its own claim. */
  held: readonly number[];
}

const earlier = alias(updates, "earlier");
// Spelled as the partial indexes spell it, so the planner uses them.
const open = (state: AnyPgColumn) => sql`${state} in ('pending','in_progress')`;
/** Leases are measured in the database's time: the one clock every instance shares. */
const leaseFromNow = (ms: number | Placeholder) => sql`now() + ${ms}::integer * interval '1 millisecond'`;

/**
 * Takes up to `limit` updates to handle: the oldest unfinished update of chats with nothing in
 * progress, so a chat's next update waits until the one before it is done, whichever instance
 * holds it. A row is free when it is pending and not waiting out a pause, or in progress past its
 * lease (its worker died): then it is taken over. `skip locked` lets workers on several instances
 * claim at once without taking the same row; a row another worker claimed meanwhile fails the
 * re-check on its new version and is skipped.
 */
export async function claimUpdates(ctx: Ctx, request: ClaimRequest): Promise<ClaimedUpdate[]> {
  // The held ids go as one array literal: one statement text whatever their number.
  const held = `{${request.held.join(",")}}`;
  return claim(ctx.db).execute({ worker: request.worker, limit: request.limit, leaseMs: request.leaseMs, held });
}

/** Built once per database: every slot of every instance runs it after each update. */
const claim = preparedPer((db) => {
  const ahead = db
    .select({ updateId: earlier.updateId })
    .from(earlier)
    .where(and(eq(earlier.chatId, updates.chatId), sql`${earlier.updateId} < ${updates.updateId}`, open(earlier.state)));
  const free = db
    .select({ updateId: updates.updateId })
    .from(updates)
    .where(
      and(
        open(updates.state),
        sql`(${updates.leaseUntil} is null or ${updates.leaseUntil} <= now())`,
        sql`${updates.updateId} <> all(${sql.placeholder("held")}::bigint[])`,
        notExists(ahead),
      ),
    )
    .orderBy(asc(updates.updateId))
    .limit(sql.placeholder("limit"))
    .for("update", { of: updates, skipLocked: true });
  // One statement: the rows are locked, checked and taken in a single round trip.
  return db
    .update(updates)
    .set({
      state: "in_progress",
      claimedBy: sql`${sql.placeholder("worker")}`,
      leaseUntil: leaseFromNow(sql.placeholder("leaseMs")),
      attempts: sql`${updates.attempts} + 1`,
    })
    .where(inArray(updates.updateId, free))
    .returning({ updateId: updates.updateId, chatId: updates.chatId, payload: updates.payload, attempts: updates.attempts })
    .prepare("claim_updates");
});

/** Only the worker holding the claim may write its outcome; a row taken over has moved on. */
const mine = (worker: string | Placeholder, updateId: number | Placeholder) => and(eq(updates.updateId, updateId), eq(updates.claimedBy, worker), eq(updates.state, "in_progress"));

/** Extends the lease of the updates still being handled; returns those whose claim was lost. */
export async function renewLeases(ctx: Ctx, worker: string, held: readonly number[], leaseMs: number): Promise<number[]> {
  if (held.length === 0) return [];
  const renewed = await ctx.db
    .update(updates)
    .set({ leaseUntil: leaseFromNow(leaseMs) })
    .where(and(inArray(updates.updateId, [...held]), eq(updates.claimedBy, worker), eq(updates.state, "in_progress")))
    .returning({ updateId: updates.updateId });
  const still = new Set(renewed.map((row) => row.updateId));
  const missing = held.filter((id) => !still.has(id));
  if (missing.length === 0) return [];
  // One this worker marked done while the renewal ran is finished, not lost.
  const finished = await ctx.db
    .select({ updateId: updates.updateId })
    .from(updates)
    .where(and(inArray(updates.updateId, missing), eq(updates.claimedBy, worker), eq(updates.state, "done")));
  const done = new Set(finished.map((row) => row.updateId));
  return missing.filter((id) => !done.has(id));
}

/** Handled: the chat's next update may go. False when the claim had been lost to another worker. */
export async function markHandled(ctx: Ctx, worker: string, updateId: number): Promise<boolean> {
  const done = await handled(ctx.db).execute({ worker, updateId });
  return done.length > 0;
}

/** Built once per database: it ends every update. */
const handled = preparedPer((db) =>
  db
    .update(updates)
    .set({ state: "done", leaseUntil: null })
    .where(mine(sql.placeholder("worker"), sql.placeholder("updateId")))
    .returning({ updateId: updates.updateId })
    .prepare("update_handled"),
);

/** Back to pending, not taken again for `delayMs`; the chat's later updates keep waiting behind it. */
export async function markRetry(ctx: Ctx, worker: string, updateId: number, delayMs: number): Promise<boolean> {
  const retried = await ctx.db
    .update(updates)
    .set({ state: "pending", claimedBy: null, leaseUntil: leaseFromNow(delayMs) })
    .where(mine(worker, updateId))
    .returning({ updateId: updates.updateId });
  return retried.length > 0;
}

/** Given up on: kept for the retention like a handled one, and the chat moves on. */
export async function markFailed(ctx: Ctx, worker: string, updateId: number): Promise<boolean> {
  const failed = await ctx.db
    .update(updates)
    .set({ state: "failed", leaseUntil: null })
    .where(mine(worker, updateId))
    .returning({ updateId: updates.updateId });
  return failed.length > 0;
}
