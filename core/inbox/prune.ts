import { and, lt, sql } from "drizzle-orm";
import { updates } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import type { ScheduledJob } from "../shared/scheduled-job.js";

const DAY_MS = 86_400_000;

/**
 * Deletes handled and failed updates received more than `retentionDays` ago: they hold what people
 * wrote, and a week is longer than Telegram ever sends an update again. Unfinished ones stay.
 */
export async function pruneHandledUpdates(ctx: Ctx, retentionDays: number): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - retentionDays * DAY_MS);
  const pruned = await ctx.db
    .delete(updates)
    .where(and(sql`${updates.state} in ('done','failed')`, lt(updates.receivedAt, before)))
    .returning({ updateId: updates.updateId });
  return pruned.length;
}

/** Every night at 03:30, when hardly anyone writes. */
export function inboxJobs(retentionDays: number): ScheduledJob[] {
  return [{ name: "updates.prune", cron: "30 3 * * *", run: (ctx) => pruneHandledUpdates(ctx, retentionDays) }];
}
