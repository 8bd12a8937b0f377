import { and, inArray } from "drizzle-orm";
import { z } from "zod";
import { controlDocuments, controlExecutors, users } from "../../db/schema/index.js";
import { nextNumber } from "../appeals/numbering.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate, dottedDate, isIsoDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import { APPEAL_WORK_ROLES, type Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { recordedUserId } from "../staff/operator.js";
import { assertDueDate } from "./due-date.js";
import { appendControlEvent } from "./events.js";
import { CONTROL_PREFIX, CONTROL_SOURCES } from "./kinds.js";
import { notifyStaff } from "../staff/notify.js";
import { reminderLead } from "./policy.js";
import { roleHoldersCondition } from "../staff/recipients.js";
import { reminderDay } from "./reminder-day.js";

const isoDate = z.string().refine(isIsoDate);

export const recordInput = z.object({
  source: z.enum(CONTROL_SOURCES),
  sourceNumber: z.string().trim().min(1).max(100),
  sourceDate: isoDate,
  text: z.string().trim().min(1).max(10_000).optional(),
  fileId: z.number().int().positive().optional(),
  /** People, each in their unit; an empty list is refused with its own message. */
  executorUserIds: z.array(z.number().int().positive()).max(50),
  dueOn: isoDate,
  /** What it came from, e.g. `{ kind: "reception", id }`: a reference, not a foreign key. */
  origin: z.object({ kind: z.string().regex(/^[a-z_]{2,30}$/), id: z.number().int().positive() }).optional(),
});
export type RecordInput = z.input<typeof recordInput>;

export interface RecordedExecutor {
  executorId: number;
  userId: number;
  remindOn: string | null;
}

export interface Recorded {
  documentId: number;
  number: string;
  dueOn: string;
  executors: RecordedExecutor[];
}

/**
 * A registrar records an assignment for execution (Reg. 7.1.8): it gets the next control number of
 * the year, each executor's reminder day is fixed from the policy, and each executor is sent the
 * assignment with its buttons, all in one transaction.
 */
export async function recordControlDocument(ctx: Ctx, actor: Actor, raw: RecordInput): Promise<Recorded> {
  const input = parseInput(recordInput, raw);
  assertCan(actor, input.source === "reception" ? "control.record_reception" : "control.record");
  if (input.text === undefined && input.fileId === undefined) throw new DomainError("control_content_missing");
  const executorIds = [...new Set(input.executorUserIds)];
  if (executorIds.length === 0) throw new DomainError("control_executor_missing");
  const now = ctx.clock.now();
  const today = almatyDate(now);
  if (input.sourceDate > today) throw new DomainError("control_source_date_future");

  return ctx.db.transaction(async (tx) => {
    const calendar = await loadCalendar(tx);
    assertDueDate(calendar, today, input.dueOn);
    const people = await tx
      .select({ id: users.id, unitId: users.unitId })
      .from(users)
      .where(and(inArray(users.id, executorIds), roleHoldersCondition(ctx, { roles: APPEAL_WORK_ROLES })));
    if (people.length !== executorIds.length) throw new DomainError("control_executor_unknown");

    const { seq, number } = await nextNumber(tx, CONTROL_PREFIX, Number(today.slice(0, 4)));
    const [document] = await tx
      .insert(controlDocuments)
      .values({
        number,
        year: Number(today.slice(0, 4)),
        seq,
        source: input.source,
        sourceNumber: input.sourceNumber,
        sourceDate: input.sourceDate,
        text: input.text ?? null,
        fileId: input.fileId ?? null,
        recordedOn: today,
        dueOn: input.dueOn,
        originKind: input.origin?.kind ?? null,
        originId: input.origin?.id ?? null,
        createdBy: recordedUserId(actor),
        createdAt: now,
      })
      .returning();
    const lead = await reminderLead(tx);
    const remindOn = reminderDay(calendar, today, input.dueOn, lead);
    const executors = await tx
      .insert(controlExecutors)
      .values(people.map((p) => ({ documentId: document!.id, userId: p.id, unitId: p.unitId, dueOn: input.dueOn, remindOn })))
      .returning({ executorId: controlExecutors.id, userId: controlExecutors.userId, remindOn: controlExecutors.remindOn });
    await appendControlEvent(ctx, tx, {
      documentId: document!.id,
      actor,
      kind: "recorded",
      data: { executorUserIds: executorIds, dueOn: input.dueOn, remindOn, ...(input.origin && { origin: input.origin }) },
    });
    for (const executor of executors) {
      await notifyStaff(ctx, tx, [executor.userId], () => `control:assigned:${executor.executorId}`, {
        key: "control.notice.assigned",
        params: {
          number,
          source: input.source,
          sourceNumber: input.sourceNumber,
          sourceDate: dottedDate(input.sourceDate),
          due: dottedDate(input.dueOn),
          text: input.text ?? "",
        },
        fileIds: input.fileId === undefined ? [] : [input.fileId],
        keyboard: { name: "control.executor", ref: executor.executorId },
      });
    }
    ctx.log.info({ documentId: document!.id, executors: executors.length, by: recordedUserId(actor) }, "control document recorded");
    return { documentId: document!.id, number, dueOn: input.dueOn, executors };
  });
}
