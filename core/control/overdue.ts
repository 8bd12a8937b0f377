import { and, asc, eq, isNull, lt, ne } from "drizzle-orm";
import { controlDocuments, controlExecutors, units, users } from "../../db/schema/index.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate, dottedDate } from "../calendar/dates.js";
import { workingDaysBetween } from "../calendar/working-days.js";
import type { Ctx } from "../shared/context.js";
import { unitName } from "../staff/units.js";
import { appendControlEvent } from "./events.js";
import { headsOfJa, unitHead } from "./heads.js";
import { notifyStaff } from "../staff/notify.js";

/**
 * Items not executed by their due date go to the Head of JA and the executor's unit head, once per
 * item (Reg. 7.1.8). An item with nobody to tell (no head named yet) waits for the next run rather
 * than being marked as told. Returns how many messages it wrote.
 */
export async function reportOverdue(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = almatyDate(now);
  const late = await ctx.db
    .select({ id: controlExecutors.id })
    .from(controlExecutors)
    .where(and(ne(controlExecutors.state, "executed"), lt(controlExecutors.dueOn, today), isNull(controlExecutors.overdueReportedAt)))
    .orderBy(asc(controlExecutors.dueOn), asc(controlExecutors.id));
  if (late.length === 0) return 0;
  const calendar = await loadCalendar(ctx.db);
  let written = 0;
  for (const { id } of late) {
    written += await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ executor: controlExecutors, number: controlDocuments.number, name: users.fullName, unit: units })
        .from(controlExecutors)
        .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
        .innerJoin(users, eq(users.id, controlExecutors.userId))
        .leftJoin(units, eq(units.id, controlExecutors.unitId))
        .where(eq(controlExecutors.id, id));
      const head = await unitHead(tx, row!.executor.unitId);
      const recipients = [...(await headsOfJa(tx)), ...(head === null ? [] : [head])];
      if (recipients.length === 0) {
        ctx.log.warn({ executorId: id }, "overdue control item has no head to tell; name the unit head or the Head of JA");
        return 0;
      }
      const [claimed] = await tx
        .update(controlExecutors)
        .set({ overdueReportedAt: now })
        .where(and(eq(controlExecutors.id, id), isNull(controlExecutors.overdueReportedAt), ne(controlExecutors.state, "executed")))
        .returning({ id: controlExecutors.id });
      if (!claimed) return 0;
      const { executor } = row!;
      await appendControlEvent(ctx, tx, { documentId: executor.documentId, executorId: id, actor: null, kind: "overdue_reported", data: { dueOn: executor.dueOn, recipients } });
      return notifyStaff(ctx, tx, recipients, (userId) => `control:overdue:${id}:${userId}`, {
        key: "control.notice.overdue",
        params: (language) => ({
          number: row!.number,
          executor: row!.name ?? "",
          unit: row!.unit ? unitName(row!.unit, language) : "",
          due: dottedDate(executor.dueOn),
          days: workingDaysBetween(calendar, executor.dueOn, today),
        }),
      });
    });
  }
  return written;
}
