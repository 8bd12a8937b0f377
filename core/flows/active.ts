import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { flows } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

/**
 * The flows a person is in, the most recently touched first: that one takes their next message,
 * so a draft left in another flow waits instead of swallowing text meant for the new one.
 */
export async function activeFlows(ctx: Ctx, userId: number): Promise<{ name: string; messageId: number | null }[]> {
  return ctx.db.select({ name: flows.name, messageId: flows.messageId }).from(flows).where(eq(flows.userId, userId)).orderBy(desc(flows.touched));
}

/** Ends a row of a flow no longer declared (left by an older release); says whether one was there. */
export async function dropUndeclaredFlow(db: DbOrTx, userId: number, name: string): Promise<boolean> {
  const deleted = await db.delete(flows).where(and(eq(flows.userId, userId), eq(flows.name, name))).returning({ userId: flows.userId });
  return deleted.length > 0;
}
