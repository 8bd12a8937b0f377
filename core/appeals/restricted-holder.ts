import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { DomainError } from "../shared/errors.js";

/**
 * A document for official use (ДСП) is held only by someone cleared for it: whoever holds an
 * appeal reads it, is reminded of it and drafts its answer, so an uncleared holder would see it.
 */
export async function assertHolderCleared(db: DbOrTx, appeal: { restricted: boolean; holderUserId: number | null }): Promise<void> {
  if (!appeal.restricted || appeal.holderUserId === null) return;
  const [holder] = await db.select({ clearance: users.clearance }).from(users).where(eq(users.id, appeal.holderUserId));
  if (!holder?.clearance) throw new DomainError("holder_uncleared");
}
