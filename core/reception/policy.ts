import type { DbOrTx } from "../../db/client.js";
import { receptionPolicy } from "../../db/schema/index.js";

export type ReceptionPolicy = typeof receptionPolicy.$inferSelect;

/** The rules' figures (cut-off, reschedule cap, offer time, reminder times) from their one row. */
export async function loadPolicy(db: DbOrTx): Promise<ReceptionPolicy> {
  const [row] = await db.select().from(receptionPolicy);
  if (!row) throw new Error("reception_policy has no row: the migrations were not applied");
  return row;
}
