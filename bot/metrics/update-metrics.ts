import type { Context, MiddlewareFn } from "grammy";
import type { AppMetrics } from "./metrics.js";

/** An update's kind is its one field besides the id: message, callback_query, my_chat_member… */
export function updateKind(update: object): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

/** Counts and times every update's handling; installed first, so every middleware is in the time. */
export function updateMetrics(metrics: AppMetrics): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const kind = updateKind(ctx.update);
    const done = metrics.handlingSeconds.startTimer({ kind });
    try {
      await next();
    } finally {
      done();
      metrics.updates.inc({ kind });
    }
  };
}
