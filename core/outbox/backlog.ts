import { and, eq, gt, inArray, or, sql } from "drizzle-orm";
import { outbox } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

export interface OutboxBacklog {
  /** Messages waiting or being sent. */
  depth: number;
  /** How long the oldest undelivered message has waited since it was due, its retries included; 0 when none is due. */
  oldestDueSeconds: number;
  /** Messages given up in the last GIVEN_UP_WINDOW_HOURS and not sent again since. */
  givenUpRecently: number;
}

/** A message due this long ago and still not delivered means delivery is stuck. */
export const STALLED_AFTER_SECONDS = 600;
/** How long a given-up message keeps delivery "degraded": a working day for someone to look. */
export const GIVEN_UP_WINDOW_HOURS = 24;

const OPEN = sql`${outbox.status} in ('pending', 'sending')`;

/** Read at every metrics scrape and readiness probe, so one statement over the open and the given-up rows' partial indexes. */
export async function outboxBacklog(ctx: Ctx): Promise<OutboxBacklog> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - GIVEN_UP_WINDOW_HOURS * 3_600_000);
  const recentlyGivenUp = and(eq(outbox.status, "failed"), gt(outbox.failedAt, since));
  const [row] = await ctx.db
    .select({
      depth: sql<number>`count(*) filter (where ${OPEN})`.mapWith(Number),
      oldestDueSeconds: sql<number>`coalesce(extract(epoch from (${now.toISOString()}::timestamptz - min(${outbox.dueAt}) filter (where ${OPEN} and ${outbox.dueAt} <= ${now.toISOString()}::timestamptz))), 0)::float8`.mapWith(Number),
      givenUpRecently: sql<number>`count(*) filter (where ${recentlyGivenUp})`.mapWith(Number),
    })
    .from(outbox)
    .where(or(inArray(outbox.status, ["pending", "sending"]), recentlyGivenUp));
  return { depth: row?.depth ?? 0, oldestDueSeconds: row?.oldestDueSeconds ?? 0, givenUpRecently: row?.givenUpRecently ?? 0 };
}

/** Why delivery is degraded (none: it is not): stuck messages, or messages given up lately. */
export type DeliveryProblem = "outbox_stalled" | "messages_given_up";

export function deliveryProblems(backlog: OutboxBacklog): DeliveryProblem[] {
  const problems: DeliveryProblem[] = [];
  if (backlog.oldestDueSeconds > STALLED_AFTER_SECONDS) problems.push("outbox_stalled");
  if (backlog.givenUpRecently > 0) problems.push("messages_given_up");
  return problems;
}
