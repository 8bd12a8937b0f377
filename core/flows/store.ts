import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { flows } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

export interface FlowState<S extends string, D> {
  step: S;
  data: D;
  messageId: number | null;
}

/**
 * Loads a person's place in a flow, checked against the flow's current schema. A row written by
 * an older release that no longer fits is dropped, so the person starts that flow again
 * instead of being stuck on a step that no longer exists.
 */
export async function loadFlow<S extends string, D>(
  ctx: Ctx,
  db: DbOrTx,
  userId: number,
  name: string,
  schema: z.ZodType<{ step: S; data: D }>,
): Promise<FlowState<S, D> | null> {
  const [row] = await db
    .select()
    .from(flows)
    .where(and(eq(flows.userId, userId), eq(flows.name, name)));
  if (!row) return null;
  const parsed = schema.safeParse({ step: row.step, data: row.data });
  if (!parsed.success) {
    ctx.log.warn({ userId, flow: name, step: row.step }, "stored flow no longer fits its schema; restarting it");
    await clearFlow(db, userId, name);
    return null;
  }
  return { ...parsed.data, messageId: row.messageId };
}

export async function saveFlow<S extends string, D>(
  ctx: Ctx,
  db: DbOrTx,
  userId: number,
  name: string,
  state: { step: S; data: D },
): Promise<void> {
  const now = ctx.clock.now();
  await db
    .insert(flows)
    .values({ userId, name, step: state.step, data: state.data, updatedAt: now })
    .onConflictDoUpdate({
      target: [flows.userId, flows.name],
      set: { step: state.step, data: state.data, updatedAt: now },
    });
}

/** Ends a flow; says whether it was still there (a second tap finds it gone). */
export async function clearFlow(db: DbOrTx, userId: number, name: string): Promise<boolean> {
  const deleted = await db.delete(flows).where(and(eq(flows.userId, userId), eq(flows.name, name))).returning({ userId: flows.userId });
  return deleted.length > 0;
}

/** Remembers which bot message asks the flow's current question. */
export async function setFlowMessage(ctx: Ctx, userId: number, name: string, messageId: number): Promise<void> {
  await ctx.db
    .update(flows)
    .set({ messageId })
    .where(and(eq(flows.userId, userId), eq(flows.name, name)));
}

/**
 * The flows a person is in, the most recently touched first: that one takes their next message,
 * so a draft left in another flow waits instead of swallowing text meant for the new one.
 */
export async function activeFlows(ctx: Ctx, userId: number): Promise<{ name: string; messageId: number | null }[]> {
  return ctx.db
    .select({ name: flows.name, messageId: flows.messageId })
    .from(flows)
    .where(eq(flows.userId, userId))
    .orderBy(desc(flows.updatedAt));
}
