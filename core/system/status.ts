import { count } from "drizzle-orm";
import { citizens, consents, flows, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

export interface SystemStatus {
  users: number;
  citizens: number;
  consents: number;
  flowsInProgress: number;
}

/** Counts an operator checks after a deploy or a restore. */
export async function systemStatus(ctx: Ctx): Promise<SystemStatus> {
  const total = async (table: typeof users | typeof citizens | typeof consents | typeof flows) =>
    (await ctx.db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    users: await total(users),
    citizens: await total(citizens),
    consents: await total(consents),
    flowsInProgress: await total(flows),
  };
}
