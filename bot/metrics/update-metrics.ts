import type { Context, MiddlewareFn } from "grammy";
import { tallying } from "../../db/statement-tally.js";
import type { AppMetrics } from "./metrics.js";

/** An update's kind is its one field besides the id: message, callback_query, my_chat_member… */
export function updateKind(update: object): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

/** Counts and times every update's handling, and tallies its statements if asked; installed first, so every middleware is in them. */
export function updateMetrics(metrics: AppMetrics): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const kind = updateKind(ctx.update);
    const done = metrics.handlingSeconds.startTimer({ kind });
    const count = { statements: 0 };
    try {
      await (metrics.statements ? tallying(count, next) : next());
    } finally {
      done();
      metrics.updates.inc({ kind });
      metrics.statements?.observe({ kind }, count.statements);
    }
  };
}
