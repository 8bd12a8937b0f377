import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { controlDocuments, controlExecutors } from "../../db/schema/index.js";
import { DomainError } from "../shared/errors.js";
import { can, type Action } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";

export type ExecutorRow = typeof controlExecutors.$inferSelect;
export type DocumentRow = typeof controlDocuments.$inferSelect;

/** An executor's row locked for a change, with its document; the lock queues a second tap behind the first. */
export async function lockExecutor(tx: Tx, executorId: number): Promise<{ executor: ExecutorRow; document: DocumentRow }> {
  const [row] = await tx
    .select({ executor: controlExecutors, document: controlDocuments })
    .from(controlExecutors)
    .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
    .where(eq(controlExecutors.id, executorId))
    .for("update", { of: controlExecutors });
  if (!row) throw new DomainError("control_not_found");
  return row;
}

/** Only the executor works on their part; anyone else is told it is not theirs, as if it did not exist. */
export function assertExecutor(actor: Actor, executor: ExecutorRow, action: Action = "control.execute"): void {
  if (!can(actor, action, { holderUserId: executor.userId })) throw new DomainError("control_not_found");
}

/** A finished part takes no more reports or requests. */
export function assertOpen(executor: ExecutorRow): void {
  if (executor.state === "executed") throw new DomainError("control_already_executed");
}
