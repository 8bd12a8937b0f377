import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { controlPolicies } from "../../db/schema/index.js";
import { DomainError } from "../shared/errors.js";

/** The reminder's lead time in working days, from the policy row (Reg. 7.1.8). */
export async function reminderLead(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ lead: controlPolicies.reminderLeadWorkingDays }).from(controlPolicies).where(eq(controlPolicies.id, "control"));
  if (!row) throw new DomainError("control_policy_missing");
  return row.lead;
}
