import { and, eq, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { realRowsOnly } from "../shared/demo.js";
import { activeDelegation } from "./delegations.js";

export type StaffRow = typeof users.$inferSelect;

/**
 * Who signs answers at `at`: the Head, and the deputy acting for the Head while a delegation is
 * in force (Reg. 13–14). Drafts, approvals and overdue notices are addressed to them.
 */
export async function currentApprovers(ctx: Pick<Ctx, "demo">, db: DbOrTx, at: Date): Promise<StaffRow[]> {
  const delegation = await activeDelegation(db, at);
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.active, true),
        realRowsOnly(ctx, users.demo),
        delegation ? or(eq(users.role, "head"), and(eq(users.role, "deputy"), eq(users.id, delegation.deputyUserId))) : eq(users.role, "head"),
      ),
    );
}
