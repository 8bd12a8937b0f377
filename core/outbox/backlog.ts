import { count, inArray, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

export interface OutboxBacklog {
  /** Messages waiting or being sent. */
  depth: number;
  /** How long the oldest message due now has waited past its time; 0 when none is due. */
  oldestDueSeconds: number;
}

/** Read at every metrics scrape, so one statement over the open rows' partial index. */
export async function outboxBacklog(ctx: Ctx): Promise<OutboxBacklog> {
  const now = ctx.clock.now().toISOString();
  const [row] = await ctx.db
    .select({
      depth: count(),
      oldestDueSeconds: sql<number>`coalesce(extract(epoch from (${now}::timestamptz - min(${outbox.notBefore}) filter (where ${outbox.status} = 'pending' and ${outbox.notBefore} <= ${now}::timestamptz))), 0)::float8`.mapWith(Number),
    })
    .from(outbox)
    .where(inArray(outbox.status, ["pending", "sending"]));
  return { depth: row?.depth ?? 0, oldestDueSeconds: row?.oldestDueSeconds ?? 0 };
}
