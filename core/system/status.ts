import { count } from "drizzle-orm";
import { citizens, consents, flows, outbox, users } from "../../db/schema/index.js";
import { outboxBacklog } from "../outbox/backlog.js";
import type { Ctx } from "../shared/context.js";

/** Every state an outbox message can be in, in the order an operator reads them. */
export const OUTBOX_STATES = ["pending", "sending", "sent", "unreachable", "failed", "cancelled"] as const;

export interface SystemStatus {
  users: number;
  citizens: number;
  consents: number;
  flowsInProgress: number;
  /** Messages by state, every state shown. */
  outbox: Record<(typeof OUTBOX_STATES)[number], number>;
  /** How long the oldest undelivered message has waited since it was due; 0 when none. */
  outboxOldestDueSeconds: number;
}

/** Counts an operator checks after a deploy or a restore, and whether messages are going out. */
export async function systemStatus(ctx: Ctx): Promise<SystemStatus> {
  const total = async (table: typeof users | typeof citizens | typeof consents | typeof flows) =>
    (await ctx.db.select({ n: count() }).from(table))[0]?.n ?? 0;
  const byState = await ctx.db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  return {
    users: await total(users),
    citizens: await total(citizens),
    consents: await total(consents),
    flowsInProgress: await total(flows),
    outbox: Object.fromEntries(OUTBOX_STATES.map((state) => [state, byState.find((row) => row.status === state)?.n ?? 0])) as SystemStatus["outbox"],
    outboxOldestDueSeconds: (await outboxBacklog(ctx)).oldestDueSeconds,
  };
}
