import { and, asc, count, inArray, lte } from "drizzle-orm";
import { outbox } from "../../db/schema/index.js";
import { almatyDateTime } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import type { ScheduledJob } from "../shared/scheduled-job.js";
import { alertAdmins, quoteError } from "./alerts.js";
import { STALLED_AFTER_SECONDS } from "./backlog.js";

/**
 * Looks for messages due more than STALLED_AFTER_SECONDS ago and still not delivered: Telegram
 * or the network is down, the token is wrong, or no instance is sending. Each run while it lasts
 * logs it at error level; the administrators are told at most hourly, with what they need to
 * judge it: since when, how many wait, and Telegram's last answer, or that nothing has tried.
 * Returns how many alerts it wrote.
 */
export async function watchDelivery(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const stalledSince = new Date(now.getTime() - STALLED_AFTER_SECONDS * 1000);
  const waiting = and(inArray(outbox.status, ["pending", "sending"]), lte(outbox.dueAt, now));
  const [oldest] = await ctx.db
    .select({ dueAt: outbox.dueAt, lastError: outbox.lastError })
    .from(outbox)
    .where(and(waiting, lte(outbox.dueAt, stalledSince)))
    .orderBy(asc(outbox.dueAt))
    .limit(1);
  if (!oldest) return 0;
  const [due] = await ctx.db.select({ n: count() }).from(outbox).where(waiting);
  const minutes = Math.floor((now.getTime() - oldest.dueAt.getTime()) / 60_000);
  ctx.log.error({ waiting: due?.n ?? 0, oldestDueMinutes: minutes, lastError: oldest.lastError }, `outbox stalled: messages due more than ${STALLED_AFTER_SECONDS / 60} minutes ago are not delivered`);
  return alertAdmins(ctx, ctx.db, "stalled", oldest.lastError === null ? "delivery.alert.stalled_untried" : "delivery.alert.stalled", {
    since: almatyDateTime(oldest.dueAt),
    minutes,
    count: due?.n ?? 0,
    error: quoteError(oldest.lastError ?? ""),
  });
}

/** Every minute on every instance: the alert's hourly key keeps it to one. */
export const deliveryWatchJob: ScheduledJob = { name: "outbox.watch", cron: "* * * * *", run: watchDelivery };
