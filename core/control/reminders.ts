import { and, asc, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import { controlDocuments, controlExecutors } from "../../db/schema/index.js";
import { almatyDate, dottedDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { appendControlEvent } from "./events.js";
import { notifyStaff } from "../staff/notify.js";

/** Executors claimed per transaction: small enough to keep locks short, large enough to keep round trips few. */
const BATCH = 100;

/**
 * Exactly one reminder per executor (Reg. 7.1.8): on or after the reminder day, while the due date
 * has not passed and nothing was reported. Rows are claimed in batches by a locking read that skips
 * rows another instance holds, and marked reminded in the same transaction as the message, so two
 * runs at once, or a run after a restart, never write one twice; the outbox key is unique too.
 * Returns how many reminders it wrote.
 */
export async function sendDueReminders(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = almatyDate(now);
  let written = 0;
  for (;;) {
    const batch = await ctx.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: controlExecutors.id })
        .from(controlExecutors)
        .where(and(eq(controlExecutors.state, "assigned"), isNull(controlExecutors.remindedAt), lte(controlExecutors.remindOn, today), gte(controlExecutors.dueOn, today)))
        .orderBy(asc(controlExecutors.id))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      if (due.length === 0) return null;
      const claimed = await tx
        .update(controlExecutors)
        .set({ remindedAt: now })
        .where(inArray(controlExecutors.id, due.map((d) => d.id)))
        .returning();
      let count = 0;
      for (const executor of claimed) {
        const [document] = await tx.select({ number: controlDocuments.number }).from(controlDocuments).where(eq(controlDocuments.id, executor.documentId));
        await appendControlEvent(ctx, tx, { documentId: executor.documentId, executorId: executor.id, actor: null, kind: "reminded", data: { dueOn: executor.dueOn } });
        count += await notifyStaff(ctx, tx, [executor.userId], () => `control:remind:${executor.id}`, {
          key: "control.notice.reminder",
          params: { number: document!.number, due: dottedDate(executor.dueOn) },
          keyboard: { name: "control.executor", ref: executor.id },
        });
      }
      return count;
    });
    if (batch === null) return written;
    written += batch;
  }
}
