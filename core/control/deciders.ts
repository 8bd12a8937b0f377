import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { roleHolders } from "../staff/recipients.js";

/**
 * Who decides on an executor's report or request: the registrar (or deputy, or Head) who recorded
 * the document while they still work here; otherwise every active registrar, so nothing waits unseen.
 */
export async function deciders(ctx: Ctx, db: DbOrTx, recordedBy: number | null): Promise<number[]> {
  if (recordedBy !== null) {
    const [recorder] = await db.select({ active: users.active, role: users.role }).from(users).where(eq(users.id, recordedBy));
    if (recorder?.active && ["registrar", "deputy", "head"].includes(recorder.role)) return [recordedBy];
  }
  return (await roleHolders(ctx, db, { roles: ["registrar"] })).map((r) => r.id);
}
