import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { flows } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

/** A flow's row as kept in an update's `Seen`, before its declaration checks it. */
export interface StoredFlow {
  name: string;
  step: string;
  data: unknown;
  messageId: number | null;
  version: number;
  appliedUpdate: number | null;
}

/** Every flow of a person as SQL, the most recently touched first, for the read that starts an update. */
export function storedFlowsOf(userId: SQLWrapper | number): SQL<StoredFlow[]> {
  return sql<StoredFlow[]>`coalesce((select json_agg(json_build_object('name', f.name, 'step', f.step, 'data', f.data, 'messageId', f.message_id,
      'version', f.version, 'appliedUpdate', f.applied_update) order by f.touched desc)
    from ${flows} f where f.user_id = ${userId}), '[]'::json)`;
}

const allKey = (userId: number) => `flows:${userId}`;
const flowKey = (userId: number, name: string) => `flow:${userId}:${name}`;

/** Keeps all of a person's flows, read with them, for the rest of the update: a flow not among them is known not to be there. */
export function rememberFlows(ctx: Ctx, userId: number, rows: StoredFlow[]): void {
  if (!ctx.seen) return;
  ctx.seen.set(allKey(userId), true);
  for (const row of rows) ctx.seen.set(flowKey(userId, row.name), row);
}

/** The flow as read at the update's start; null when known not to be there; undefined when not known. */
export function seenFlow(ctx: Ctx, userId: number, name: string): StoredFlow | null | undefined {
  const row = ctx.seen?.get<StoredFlow>(flowKey(userId, name));
  if (row !== undefined) return row;
  return ctx.seen?.get<boolean>(allKey(userId)) ? null : undefined;
}

/** A write to a person's flows: what was kept of them is no longer true. */
export function forgetFlows(ctx: Ctx, userId: number): void {
  ctx.seen?.forget(allKey(userId), ...ctx.seen.keys(`flow:${userId}:`));
}
