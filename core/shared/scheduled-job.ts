import type { Ctx } from "./context.js";

/**
 * A periodic job: `run` computes what is due at `ctx.clock.now()` and writes it (outbox rows,
 * state changes) under unique keys, so running it twice, late, or on two instances at once
 * changes nothing the second time. The scheduler also runs every job once at start, which is
 * how a tick missed while the process was down catches up.
 */
export interface ScheduledJob {
  name: string;
  /** A node-cron expression, read in Asia/Almaty time. */
  cron: string;
  /** Returns how many things it wrote, for the log. */
  run(ctx: Ctx): Promise<number>;
}
