import { and, asc, eq, gte, isNull, lte } from "drizzle-orm";
import { controlDocuments, controlExecutors } from "../../db/schema/index.js";
import { almatyDate, dottedDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { appendControlEvent } from "./events.js";
import { notifyStaff } from "./notify.js";

/**
 * Exactly one reminder per executor (Reg. 7.1.8): on or after the reminder day, while the due date
 * has not passed and nothing was reported. The executor's row is claimed by a conditional update,
 * so of two runs at once, or a run after a restart, only one writes; the outbox key is unique too.
 * Returns how many reminders it wrote.
 */
export async function sendDueReminders(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = almatyDate(now);
  const due = await ctx.db
    .select({ id: controlExecutors.id })
    .from(controlExecutors)
    .where(and(eq(controlExecutors.state, "assigned"), isNull(controlExecutors.remindedAt), lte(controlExecutors.remindOn, today), gte(controlExecutors.dueOn, today)))
    .orderBy(asc(controlExecutors.id));
  let written = 0;
  for (const { id } of due) {
    written += await ctx.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(controlExecutors)
        .set({ remindedAt: now })
        .where(and(eq(controlExecutors.id, id), isNull(controlExecutors.remindedAt), eq(controlExecutors.state, "assigned")))
        .returning();
      if (!claimed) return 0;
      const [document] = await tx.select({ id: controlDocuments.id, number: controlDocuments.number }).from(controlDocuments).where(eq(controlDocuments.id, claimed.documentId));
      await appendControlEvent(ctx, tx, { documentId: document!.id, executorId: id, actor: null, kind: "reminded", data: { dueOn: claimed.dueOn } });
      return notifyStaff(ctx, tx, [claimed.userId], () => `control:remind:${id}`, {
        key: "control.notice.reminder",
        params: { number: document!.number, due: dottedDate(claimed.dueOn) },
        keyboard: { name: "control.executor", ref: id },
      });
    });
  }
  return written;
}
